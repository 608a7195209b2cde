using System;
using System.Collections.Generic;
using System.Linq;

namespace NfsCinder.Execution
{
    /// <summary>
    /// The standard output of a remote script, in named sections. The one writer is
    /// <c>section NAME</c> in <c>Scripts/lib/sections.sh</c>, which prints a newline and then
    /// <c>@@NFSCINDER:NAME@@</c> (the newline keeps a marker off the end of a file that has no
    /// final newline); this is the one reader. A section named twice is one section.
    /// </summary>
    internal sealed class SectionedOutput
    {
        /// <summary>Opens every marker line; the section name and <c>@@</c> follow.</summary>
        internal const string MarkerPrefix = "@@NFSCINDER:";

        private readonly Dictionary<string, string> _raw;

        private SectionedOutput(Dictionary<string, string> raw) => _raw = raw;

        /// <summary>
        /// Splits the output on its marker lines; text before the first marker belongs to no
        /// section and is dropped (a login banner, a shell's noise).
        /// </summary>
        public static SectionedOutput Parse(string output)
        {
            string text = output ?? "";
            var raw = new Dictionary<string, string>(StringComparer.Ordinal);
            string? current = null;
            int bodyStart = 0;
            int lineStart = 0;
            while (lineStart <= text.Length)
            {
                int newline = text.IndexOf('\n', lineStart);
                int lineEnd = newline < 0 ? text.Length : newline;
                if (MarkerName(text.Substring(lineStart, lineEnd - lineStart)) is { } name)
                {
                    if (current is not null) Append(raw, current, Body(text, bodyStart, lineStart));
                    current = name;
                    if (!raw.ContainsKey(name)) raw.Add(name, "");
                    bodyStart = newline < 0 ? text.Length : newline + 1;
                }
                if (newline < 0) break;
                lineStart = newline + 1;
            }
            if (current is not null) Append(raw, current, text.Substring(Math.Min(bodyStart, text.Length)));
            return new SectionedOutput(raw);
        }

        // The body up to the next marker line, less the newline the writer put before the marker.
        private static string Body(string text, int start, int nextMarker)
        {
            int end = nextMarker;
            if (end > start && text[end - 1] == '\n') end--;
            return text.Substring(start, Math.Max(0, end - start));
        }

        // A section opened again continues on a line of its own.
        private static void Append(Dictionary<string, string> raw, string name, string body)
        {
            string before = raw[name];
            raw[name] = before.Length == 0 || before.EndsWith("\n", StringComparison.Ordinal) ? before + body : before + "\n" + body;
        }

        private static string? MarkerName(string line)
        {
            string trimmed = line.Trim();
            return trimmed.StartsWith(MarkerPrefix, StringComparison.Ordinal) && trimmed.EndsWith("@@", StringComparison.Ordinal)
                && trimmed.Length > MarkerPrefix.Length + 2
                ? trimmed.Substring(MarkerPrefix.Length, trimmed.Length - MarkerPrefix.Length - 2)
                : null;
        }

        /// <summary>The section names, in order of first appearance.</summary>
        public IEnumerable<string> Names => _raw.Keys;

        /// <summary>True when the script printed this section (even empty).</summary>
        public bool Has(string name) => _raw.ContainsKey(name);

        /// <summary>The section's bytes exactly as printed (a file's content stays as it is); null when absent.</summary>
        public string? Raw(string name) => _raw.TryGetValue(name, out string? body) ? body : null;

        /// <summary>The section's lines (CR removed); a final newline ends the last line; empty when absent.</summary>
        public IReadOnlyList<string> Lines(string name)
        {
            string? body = Raw(name);
            if (string.IsNullOrEmpty(body)) return Array.Empty<string>();
            var lines = body!.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
            if (body.EndsWith("\n", StringComparison.Ordinal)) lines.RemoveAt(lines.Count - 1);
            return lines;
        }

        /// <summary>The section's non-empty lines.</summary>
        public IReadOnlyList<string> NonEmptyLines(string name) => Lines(name).Where(l => l.Length > 0).ToList();

        /// <summary>The first non-empty line, or null.</summary>
        public string? FirstLine(string name) => NonEmptyLines(name).FirstOrDefault();

        /// <summary>The section as text (lines joined with newlines); null when absent.</summary>
        public string? Text(string name) => Has(name) ? string.Join("\n", Lines(name)) : null;

        /// <summary>Every section whose name starts with the prefix, by the rest of its name.</summary>
        public IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> WithPrefix(string prefix) =>
            _raw.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
                .Select(k => new KeyValuePair<string, IReadOnlyList<string>>(k.Substring(prefix.Length), Lines(k)));
    }
}
