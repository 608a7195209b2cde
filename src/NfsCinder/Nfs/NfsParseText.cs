using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace NfsCinder.Nfs
{
    /// <summary>Line splitting and the escapes used by the mount table, fstab and etab.</summary>
    internal static class NfsParseText
    {
        /// <summary>The lines of <paramref name="text"/> without terminators (<c>\n</c> or <c>\r\n</c>); no empty last line for a final newline.</summary>
        public static List<string> Lines(string text)
        {
            var lines = new List<string>(text.Split('\n'));
            if (lines.Count > 0 && lines[lines.Count - 1].Length == 0) lines.RemoveAt(lines.Count - 1);
            for (int i = 0; i < lines.Count; i++) lines[i] = lines[i].TrimEnd('\r');
            return lines;
        }

        /// <summary>Decodes <c>\ooo</c> (three octal digits) as one byte, the result read as UTF-8; other backslashes stay.</summary>
        public static string DecodeOctal(string s) => Decode(s, hex: false);

        /// <summary>Decodes <c>\xHH</c> as one byte (findmnt's escapes), the result read as UTF-8; other backslashes stay.</summary>
        public static string DecodeHex(string s) => Decode(s, hex: true);

        /// <summary>Encodes space, tab, newline, carriage return and backslash as <c>\040 \011 \012 \015 \134</c>.</summary>
        public static string EncodeOctal(string s)
        {
            if (s is null) throw new ArgumentNullException(nameof(s));
            var sb = new StringBuilder(s.Length);
            foreach (char c in s)
            {
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\\')
                    sb.Append('\\').Append(Convert.ToString(c, 8).PadLeft(3, '0'));
                else sb.Append(c);
            }
            return sb.ToString();
        }

        private static string Decode(string s, bool hex)
        {
            if (s is null) throw new ArgumentNullException(nameof(s));
            if (s.IndexOf('\\') < 0) return s;
            var bytes = new List<byte>(s.Length);
            int i = 0;
            while (i < s.Length)
            {
                if (s[i] == '\\' && TryEscape(s, i, hex, out byte b, out int length))
                {
                    bytes.Add(b);
                    i += length;
                    continue;
                }
                int next = s.IndexOf('\\', i + 1);
                if (next < 0) next = s.Length;
                bytes.AddRange(Encoding.UTF8.GetBytes(s.Substring(i, next - i)));
                i = next;
            }
            return Encoding.UTF8.GetString(bytes.ToArray());
        }

        private static bool TryEscape(string s, int i, bool hex, out byte value, out int length)
        {
            value = 0;
            length = 0;
            if (hex)
            {
                if (i + 3 < s.Length && s[i + 1] == 'x' && IsHex(s[i + 2]) && IsHex(s[i + 3]))
                {
                    value = byte.Parse(s.Substring(i + 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    length = 4;
                    return true;
                }
                return false;
            }
            if (i + 3 < s.Length && IsOctal(s[i + 1]) && IsOctal(s[i + 2]) && IsOctal(s[i + 3]))
            {
                int v = (s[i + 1] - '0') * 64 + (s[i + 2] - '0') * 8 + (s[i + 3] - '0');
                if (v > 255) return false;
                value = (byte)v;
                length = 4;
                return true;
            }
            return false;
        }

        private static bool IsOctal(char c) => c >= '0' && c <= '7';

        private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
