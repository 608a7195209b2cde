using System;
using System.Text.RegularExpressions;

namespace NfsCinder.Cinder
{
    /// <summary>
    /// The lexical rules of oslo.config's <c>iniparser.BaseParser</c> (Python), and the checks
    /// on what this module is willing to write.
    /// </summary>
    internal static class IniSyntax
    {
        private static readonly Regex KeyPattern = new Regex(@"^[A-Za-z0-9_.-]+\z", RegexOptions.CultureInvariant);

        /// <summary>Python's <c>str.isspace</c> for one character (it also counts U+001C..U+001F).</summary>
        public static bool IsSpace(char c) => char.IsWhiteSpace(c) || (c >= '\x1c' && c <= '\x1f');

        /// <summary>Python's <c>str.rstrip()</c>.</summary>
        public static string RStrip(string s)
        {
            int end = s.Length;
            while (end > 0 && IsSpace(s[end - 1])) end--;
            return end == s.Length ? s : s.Substring(0, end);
        }

        /// <summary>Python's <c>str.lstrip()</c>.</summary>
        public static string LStrip(string s)
        {
            int start = 0;
            while (start < s.Length && IsSpace(s[start])) start++;
            return start == 0 ? s : s.Substring(start);
        }

        /// <summary>Python's <c>str.strip()</c>.</summary>
        public static string Strip(string s) => LStrip(RStrip(s));

        /// <summary>
        /// The separator of a key line as <c>_split_key_value</c> picks it: the first <c>=</c>,
        /// unless a <c>:</c> comes before it. -1 when there is neither.
        /// </summary>
        public static int SeparatorIndex(string line)
        {
            int colon = line.IndexOf(':');
            int equal = line.IndexOf('=');
            if (colon < 0) return equal;
            if (equal < 0) return colon;
            return Math.Min(colon, equal);
        }

        /// <summary>
        /// A stripped raw value as oslo reads it: one pair of matching outer quotes (<c>"</c> or
        /// <c>'</c>) is removed. Note Python's <c>value[0] == value[-1]</c> is also true for a lone
        /// quote character, which therefore reads as the empty string.
        /// </summary>
        public static string Unquote(string stripped)
        {
            if (stripped.Length > 0 && (stripped[0] == '"' || stripped[0] == '\'') && stripped[stripped.Length - 1] == stripped[0])
                return stripped.Length == 1 ? string.Empty : stripped.Substring(1, stripped.Length - 2);
            return stripped;
        }

        /// <summary>
        /// The text to write after <c>key = </c> so that oslo reads back exactly <paramref name="value"/>:
        /// the value itself, or the value in double quotes when it has outer whitespace or
        /// outer matching quotes that oslo would strip.
        /// </summary>
        public static string Encode(string value)
        {
            return Unquote(Strip(value)) == value ? value : "\"" + value + "\"";
        }

        public static void CheckSection(string section)
        {
            if (section is null) throw new ArgumentNullException(nameof(section));
            if (section.Length == 0)
                throw new ArgumentException("A section name cannot be empty.", nameof(section));
            if (section.IndexOf(']') >= 0 || HasLineBreakOrNul(section))
                throw new ArgumentException($"Section name '{Printable(section)}' contains ']', a line break or NUL.", nameof(section));
        }

        public static void CheckKey(string key)
        {
            if (key is null) throw new ArgumentNullException(nameof(key));
            if (!KeyPattern.IsMatch(key))
                throw new ArgumentException($"'{Printable(key)}' is not an option name (letters, digits, '_', '.', '-').", nameof(key));
        }

        public static void CheckValue(string value, string parameter)
        {
            if (value is null) throw new ArgumentNullException(parameter);
            if (HasLineBreakOrNul(value))
                throw new ArgumentException($"Value '{Printable(value)}' contains a line break or NUL.", parameter);
        }

        public static bool HasLineBreakOrNul(string s) =>
            s.IndexOf('\n') >= 0 || s.IndexOf('\r') >= 0 || s.IndexOf('\0') >= 0;

        /// <summary>For error messages: control characters made visible.</summary>
        public static string Printable(string s) =>
            s.Replace("\r", "\\r").Replace("\n", "\\n").Replace("\0", "\\0");
    }
}
