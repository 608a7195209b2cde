using System;
using System.Globalization;
using System.Text;

namespace NfsCinder.Values
{
    /// <summary>
    /// The one rule for text a cmdlet writes into a host's files (a share, a path, an option, a
    /// backend name): one line of printable characters. A control character (NUL included), a
    /// Unicode line or paragraph separator or an unpaired surrogate is refused with the same
    /// message wherever it appears, before anything is touched.
    /// </summary>
    internal static class HostValue
    {
        /// <summary>Throws when the value holds a character no file line may hold.</summary>
        public static void CheckText(string? value, string what)
        {
            if (Problem(value, what) is { } problem) throw new ArgumentException(problem);
        }

        /// <summary>The one message for a value holding a character no file line may hold, or null when it holds none.</summary>
        public static string? Problem(string? value, string what) =>
            value is not null && FindUnprintable(value) is { } at
                ? $"{what} '{Display(value)}' contains {Describe(value[at])} at position {at}; a value written to a host's files must be one line of printable characters."
                : null;

        /// <summary>The index of the first character no file line may hold, or null.</summary>
        internal static int? FindUnprintable(string value)
        {
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (char.IsControl(c) || c == '\u2028' || c == '\u2029') return i;
                if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) { i++; continue; }
                if (char.IsSurrogate(c)) return i;
            }
            return null;
        }

        /// <summary>Names a character for a message: <c>';'</c>, <c>a line feed (U+000A)</c>...</summary>
        internal static string Describe(char c)
        {
            string code = "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);
            switch (c)
            {
                case '\n': return "a line feed (" + code + ")";
                case '\r': return "a carriage return (" + code + ")";
                case '\t': return "a tab (" + code + ")";
                case '\0': return "a NUL character (" + code + ")";
                case ' ': return "a blank";
                case '\u2028': return "a line separator (" + code + ")";
                case '\u2029': return "a paragraph separator (" + code + ")";
            }
            if (char.IsControl(c)) return "a control character (" + code + ")";
            if (char.IsSurrogate(c)) return "an unpaired UTF-16 surrogate (" + code + ")";
            if (char.IsWhiteSpace(c)) return "a whitespace character (" + code + ")";
            if (c > 126) return "the non-ASCII character '" + c + "' (" + code + ")";
            return "'" + c + "'";
        }

        /// <summary>The text with unprintable characters shown as <c>\uXXXX</c>, safe to put in a one-line message.</summary>
        internal static string Display(string s)
        {
            var builder = new StringBuilder(s.Length);
            foreach (char c in s)
            {
                if (char.IsControl(c) || c == '\u2028' || c == '\u2029' || char.IsSurrogate(c))
                    builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                else builder.Append(c);
            }
            return builder.ToString();
        }
    }
}
