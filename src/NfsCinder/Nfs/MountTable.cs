using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace NfsCinder.Nfs
{
    /// <summary>One NFS mount (<c>nfs</c> or <c>nfs4</c>) from the kernel's mount table.</summary>
    internal sealed class MountTableEntry
    {
        private readonly Dictionary<string, string> _values = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>Creates an entry; <paramref name="source"/> and <paramref name="mountPoint"/> are already decoded.</summary>
        public MountTableEntry(string source, string mountPoint, string fsType, IReadOnlyList<string> options)
        {
            Source = source ?? throw new ArgumentNullException(nameof(source));
            MountPoint = mountPoint ?? throw new ArgumentNullException(nameof(mountPoint));
            FsType = fsType ?? throw new ArgumentNullException(nameof(fsType));
            Options = options ?? throw new ArgumentNullException(nameof(options));
            NfsShareAddress.Split(source, out string server, out string exportPath);
            Server = server;
            ExportPath = exportPath;
            foreach (string option in options)
            {
                int eq = option.IndexOf('=');
                string name = eq < 0 ? option : option.Substring(0, eq);
                _values[name] = eq < 0 ? string.Empty : option.Substring(eq + 1);
                if (name == "soft" || name == "softerr") IsSoft = true;
                else if (name == "hard") IsSoft = false;
            }
        }

        /// <summary>The source as mounted: <c>server:/path</c> or <c>[v6addr]:/path</c>.</summary>
        public string Source { get; }

        /// <summary>The server part of <see cref="Source"/>, without IPv6 brackets; empty when there is no <c>:</c>.</summary>
        public string Server { get; }

        /// <summary>The path on the server (<c>/</c> for an NFSv4 pseudo-root mount).</summary>
        public string ExportPath { get; }

        /// <summary>The local directory, octal escapes decoded (<c>\040</c> is a space).</summary>
        public string MountPoint { get; }

        /// <summary><c>nfs</c> or <c>nfs4</c>.</summary>
        public string FsType { get; }

        /// <summary>The mount options in kernel order.</summary>
        public IReadOnlyList<string> Options { get; }

        /// <summary>The NFS version (<c>vers=</c> or <c>nfsvers=</c>); <c>4</c> for an nfs4 mount that names none; else null.</summary>
        public string? Version => GetOption("vers") ?? GetOption("nfsvers") ?? (FsType == "nfs4" ? "4" : null);

        /// <summary>True for <c>soft</c> / <c>softerr</c>; false for <c>hard</c>, which is also the default. The last one given wins.</summary>
        public bool IsSoft { get; }

        /// <summary>The <c>timeo=</c> value (tenths of a second), or null.</summary>
        public int? Timeo => IntOption("timeo");

        /// <summary>The <c>retrans=</c> value, or null.</summary>
        public int? Retrans => IntOption("retrans");

        /// <summary>The <c>proto=</c> value (<c>tcp</c>, <c>udp</c>, <c>rdma</c>, <c>tcp6</c> ...), or null.</summary>
        public string? Proto => GetOption("proto");

        /// <summary>The server address the kernel uses (<c>addr=</c>), or null.</summary>
        public string? Address => GetOption("addr");

        /// <summary>True when the option is present, with or without a value.</summary>
        public bool HasOption(string name) => _values.ContainsKey(name);

        /// <summary>The option's value: empty for a flag, null when absent. A repeated option gives its last value.</summary>
        public string? GetOption(string name) => _values.TryGetValue(name, out string? v) ? v : null;

        private int? IntOption(string name) =>
            int.TryParse(GetOption(name), NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : (int?)null;

        /// <inheritdoc />
        public override string ToString() => $"{Source} on {MountPoint} type {FsType} ({string.Join(",", Options)})";
    }

    /// <summary>Reads NFS mounts from <c>/proc/mounts</c> and <c>findmnt -P</c>.</summary>
    internal static class MountTable
    {
        private static readonly Regex FindmntPair = new Regex("(?<key>[A-Z0-9_%:-]+)=\"(?<value>[^\"]*)\"", RegexOptions.CultureInvariant);

        /// <summary>True for the file system types of NFS client mounts (<c>nfs</c>, <c>nfs4</c>).</summary>
        public static bool IsNfsType(string fsType) => fsType == "nfs" || fsType == "nfs4";

        /// <summary>
        /// Parses <c>/proc/mounts</c> (fstab format: spec, file, type, options, freq, passno,
        /// separated by spaces, with octal escapes) and returns the NFS mounts only.
        /// </summary>
        public static IReadOnlyList<MountTableEntry> ParseProcMounts(string text)
        {
            if (text is null) throw new ArgumentNullException(nameof(text));
            var result = new List<MountTableEntry>();
            foreach (string line in NfsParseText.Lines(text))
            {
                string[] f = line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                if (f.Length < 4 || f[0].StartsWith("#", StringComparison.Ordinal) || !IsNfsType(f[2])) continue;
                result.Add(new MountTableEntry(NfsParseText.DecodeOctal(f[0]), NfsParseText.DecodeOctal(f[1]), f[2], SplitOptions(f[3])));
            }
            return result;
        }

        /// <summary>
        /// Parses <c>findmnt -P -o TARGET,SOURCE,FSTYPE,OPTIONS</c> (<c>KEY="value"</c> pairs, unsafe
        /// characters as <c>\xHH</c>) and returns the NFS mounts only.
        /// </summary>
        public static IReadOnlyList<MountTableEntry> ParseFindmntPairs(string text)
        {
            if (text is null) throw new ArgumentNullException(nameof(text));
            var result = new List<MountTableEntry>();
            foreach (string line in NfsParseText.Lines(text))
            {
                var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (Match m in FindmntPair.Matches(line)) pairs[m.Groups["key"].Value] = NfsParseText.DecodeHex(m.Groups["value"].Value);
                if (!pairs.TryGetValue("FSTYPE", out string? type) || !IsNfsType(type)) continue;
                if (!pairs.TryGetValue("TARGET", out string? target) || !pairs.TryGetValue("SOURCE", out string? source)) continue;
                pairs.TryGetValue("OPTIONS", out string? options);
                result.Add(new MountTableEntry(source, target, type, SplitOptions(options ?? string.Empty)));
            }
            return result;
        }

        private static List<string> SplitOptions(string options)
        {
            var list = new List<string>();
            foreach (string o in options.Split(','))
            {
                if (o.Length > 0) list.Add(o);
            }
            return list;
        }
    }

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
