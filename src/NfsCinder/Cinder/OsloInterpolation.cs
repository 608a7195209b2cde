using System;
using System.Text;

namespace NfsCinder.Cinder
{
    /// <summary>
    /// oslo.config's substitution in string values, the one owner of it for cinder.conf and
    /// nova.conf: <c>$name</c> and <c>${name}</c> take another option's value (itself
    /// substituted), <c>$$</c> is one <c>$</c>. A name the lookup does not know stays as written.
    /// </summary>
    internal static class OsloInterpolation
    {
        // oslo stops a loop of references with an error; a value this deep is one.
        private const int MaxDepth = 10;

        /// <summary>The value with every reference <paramref name="lookup"/> knows replaced; null from the lookup means unknown.</summary>
        public static string Expand(string value, Func<string, string?> lookup)
        {
            bool unknown = false;
            return Expand(value, lookup, 0, ref unknown);
        }

        /// <summary>The value fully expanded, or false when it refers to a name the lookup does not know.</summary>
        public static bool TryExpand(string value, Func<string, string?> lookup, out string expanded)
        {
            bool unknown = false;
            expanded = Expand(value, lookup, 0, ref unknown);
            return !unknown;
        }

        private static string Expand(string value, Func<string, string?> lookup, int depth, ref bool unknown)
        {
            if (depth > MaxDepth) throw new ArgumentException($"'{value}' refers to itself through other options.");
            var text = new StringBuilder(value.Length);
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c != '$' || i + 1 >= value.Length) { text.Append(c); continue; }
                if (value[i + 1] == '$') { text.Append('$'); i++; continue; }
                int start, end;
                if (value[i + 1] == '{')
                {
                    start = i + 2;
                    end = value.IndexOf('}', start);
                    if (end < 0) { text.Append(c); continue; }
                }
                else
                {
                    start = i + 1;
                    end = start;
                    while (end < value.Length && (char.IsLetterOrDigit(value[end]) || value[end] == '_')) end++;
                    if (end == start) { text.Append(c); continue; }
                }
                string name = value.Substring(start, end - start);
                int next = value[i + 1] == '{' ? end + 1 : end;
                string? replacement = lookup(name);
                if (replacement is null) unknown = true;
                text.Append(replacement is null ? value.Substring(i, next - i) : Expand(replacement, lookup, depth + 1, ref unknown));
                i = next - 1;
            }
            return text.ToString();
        }
    }
}
