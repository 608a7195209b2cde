using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace NfsCinder.Hosts
{
    /// <summary>
    /// Reads <c>os-release(5)</c> files and the one-line <c>/etc/redhat-release</c> of hosts
    /// that predate os-release (RHEL/CentOS 6).
    /// </summary>
    public static class OsReleaseParser
    {
        private static readonly Regex KeyPattern = new Regex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);

        private static readonly Regex ReleaseLine = new Regex(
            @"^(?<product>.+?)\s+release\s+(?<version>\d+(?:\.\d+)*)[^\s(]*(?:\s*\((?<code>[^)]*)\))?",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        /// <summary>
        /// Parses os-release text into its variables. Follows os-release(5) and the systemd
        /// reader: <c>KEY=value</c> lines; values unquoted, in double quotes (where a backslash
        /// escapes <c>" \ ` $</c>) or in single quotes (taken literally); a backslash outside
        /// quotes escapes any character; lines starting with <c>#</c> or <c>;</c> and blank lines
        /// are ignored; malformed lines are skipped; a later assignment wins.
        /// </summary>
        /// <param name="text">The file's content; null or empty gives an empty dictionary.</param>
        public static Dictionary<string, string> Parse(string? text)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            if (string.IsNullOrEmpty(text)) return result;
            string s = text!.Replace("\r\n", "\n").Replace('\r', '\n');
            int i = 0;
            while (i < s.Length)
            {
                char c = s[i];
                if (c == '\n' || c == ' ' || c == '\t' || c == '\uFEFF') { i++; continue; }
                if (c == '#' || c == ';') { i = EndOfLine(s, i); continue; }

                int eq = -1;
                for (int j = i; j < s.Length && s[j] != '\n'; j++)
                {
                    if (s[j] == '=') { eq = j; break; }
                }
                if (eq < 0) { i = EndOfLine(s, i); continue; }

                string key = s.Substring(i, eq - i).Trim();
                i = eq + 1;
                string value = ReadValue(s, ref i);
                if (KeyPattern.IsMatch(key)) result[key] = value;
            }
            return result;
        }

        /// <summary>Returns the value of <paramref name="key"/>, or null when it is absent or empty.</summary>
        /// <param name="values">Variables from <see cref="Parse(string)"/>.</param>
        /// <param name="key">The variable name, for example <c>VERSION_ID</c>.</param>
        public static string? Get(IReadOnlyDictionary<string, string> values, string key)
        {
            if (values is null) throw new ArgumentNullException(nameof(values));
            return values.TryGetValue(key, out string? value) && value.Length > 0 ? value : null;
        }

        /// <summary>
        /// Parses a release line such as <c>CentOS release 6.10 (Final)</c> or
        /// <c>Red Hat Enterprise Linux Server release 6.10 (Santiago)</c>.
        /// </summary>
        /// <param name="text">The file's content; only its first non-blank line is read.</param>
        /// <returns>The parsed line, or null when there is no line of the form "… release N …".</returns>
        public static RedHatRelease? ParseRedHatRelease(string? text)
        {
            if (string.IsNullOrEmpty(text)) return null;
            string? line = null;
            foreach (string candidate in text!.Replace("\r", string.Empty).Split('\n'))
            {
                if (candidate.Trim().Length > 0) { line = candidate.Trim(); break; }
            }
            if (line is null) return null;

            Match m = ReleaseLine.Match(line);
            if (!m.Success) return null;
            string product = m.Groups["product"].Value.Trim();
            string? code = m.Groups["code"].Success ? m.Groups["code"].Value.Trim() : null;
            return new RedHatRelease(IdFromProduct(product), line, m.Groups["version"].Value, string.IsNullOrEmpty(code) ? null : code);
        }

        private static string IdFromProduct(string product)
        {
            string p = product.ToLowerInvariant();
            if (p.Contains("red hat")) return "rhel";
            if (p.Contains("centos")) return "centos";
            if (p.Contains("rocky")) return "rocky";
            if (p.Contains("alma")) return "almalinux";
            if (p.Contains("fedora")) return "fedora";
            if (p.Contains("oracle")) return "ol";
            if (p.Contains("scientific")) return "scientific";
            int space = p.IndexOf(' ');
            return space > 0 ? p.Substring(0, space) : p;
        }

        private static int EndOfLine(string s, int i)
        {
            int nl = s.IndexOf('\n', i);
            return nl < 0 ? s.Length : nl + 1;
        }

        // Reads one value starting just after '=', leaving i after the line's end.
        private static string ReadValue(string s, ref int i)
        {
            var sb = new StringBuilder();
            int keep = 0; // length of sb without trailing unquoted whitespace
            while (i < s.Length)
            {
                char c = s[i];
                if (c == '\n') { i++; break; }
                if (c == '"')
                {
                    i++;
                    while (i < s.Length && s[i] != '"')
                    {
                        if (s[i] == '\\' && i + 1 < s.Length)
                        {
                            char next = s[i + 1];
                            if (next == '"' || next == '\\' || next == '`' || next == '$') { sb.Append(next); i += 2; continue; }
                            if (next == '\n') { i += 2; continue; }
                        }
                        sb.Append(s[i]);
                        i++;
                    }
                    i++; // closing quote (or past the end)
                    keep = sb.Length;
                    continue;
                }
                if (c == '\'')
                {
                    int close = s.IndexOf('\'', i + 1);
                    if (close < 0) close = s.Length;
                    sb.Append(s, i + 1, close - i - 1);
                    i = close + 1;
                    keep = sb.Length;
                    continue;
                }
                if (c == '\\')
                {
                    if (i + 1 >= s.Length) { i++; continue; }
                    if (s[i + 1] != '\n') { sb.Append(s[i + 1]); keep = sb.Length; }
                    i += 2;
                    continue;
                }
                if (c == ' ' || c == '\t')
                {
                    if (sb.Length > 0) sb.Append(c); // leading whitespace is dropped, trailing trimmed below
                    i++;
                    continue;
                }
                sb.Append(c);
                keep = sb.Length;
                i++;
            }
            return sb.ToString(0, Math.Min(keep, sb.Length));
        }
    }
}
