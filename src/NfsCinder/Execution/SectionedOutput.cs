using System;
using System.Collections.Generic;
using System.Linq;

namespace NfsCinder.Execution
{
    /// <summary>
    /// The standard output of a remote script, in named sections. The one writer is
    /// <c>section NAME</c> in <c>Scripts/lib/sections.sh</c>, which prints a blank line and then
    /// <c>@@NFSCINDER:NAME@@</c> (the blank line keeps a marker off the end of a file that has no
    /// final newline); this is the one reader. A section named twice is one section.
    /// </summary>
    internal sealed class SectionedOutput
    {
        /// <summary>Opens every marker line; the section name and <c>@@</c> follow.</summary>
        internal const string MarkerPrefix = "@@NFSCINDER:";

        private readonly Dictionary<string, List<string>> _sections;

        private SectionedOutput(Dictionary<string, List<string>> sections) => _sections = sections;

        /// <summary>Splits the output; lines before the first marker belong to no section and are dropped.</summary>
        public static SectionedOutput Parse(string output) => new SectionedOutput(Split(output));

        /// <summary>Each section's lines as printed (CR removed), with the blank line the writer put before the next marker.</summary>
        internal static Dictionary<string, List<string>> Split(string output)
        {
            var sections = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            List<string>? current = null;
            foreach (string raw in (output ?? "").Replace("\r\n", "\n").Split('\n'))
            {
                string line = raw.TrimEnd('\r');
                if (MarkerName(line) is { } name)
                {
                    if (!sections.TryGetValue(name, out current))
                    {
                        current = new List<string>();
                        sections.Add(name, current);
                    }
                    continue;
                }
                current?.Add(line);
            }
            return sections;
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
        public IEnumerable<string> Names => _sections.Keys;

        /// <summary>True when the script printed this section (even empty).</summary>
        public bool Has(string name) => _sections.ContainsKey(name);

        /// <summary>The section's lines without the writer's trailing blank line; empty when absent.</summary>
        public IReadOnlyList<string> Lines(string name)
        {
            if (!_sections.TryGetValue(name, out var lines)) return Array.Empty<string>();
            int count = lines.Count;
            if (count > 0 && lines[count - 1].Length == 0) count--;
            return lines.Take(count).ToList();
        }

        /// <summary>The section's non-empty lines.</summary>
        public IReadOnlyList<string> NonEmptyLines(string name) => Lines(name).Where(l => l.Length > 0).ToList();

        /// <summary>The first non-empty line, or null.</summary>
        public string? FirstLine(string name) => NonEmptyLines(name).FirstOrDefault();

        /// <summary>The section as text (lines joined with newlines); null when absent.</summary>
        public string? Text(string name) => Has(name) ? string.Join("\n", Lines(name)) : null;

        /// <summary>Every section whose name starts with the prefix, by the rest of its name.</summary>
        public IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> WithPrefix(string prefix) =>
            _sections.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
                .Select(k => new KeyValuePair<string, IReadOnlyList<string>>(k.Substring(prefix.Length), Lines(k)));
    }
}
