using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace NfsCinder.Nfs
{
    /// <summary>
    /// <c>/etc/fstab</c> kept line by line with each line's own terminator, so
    /// <see cref="Render"/> gives back the parsed text unchanged until an edit, and an edit
    /// touches only the lines it must.
    /// </summary>
    internal sealed class FstabDocument
    {
        private static readonly char[] Blanks = { ' ', '\t' };
        private readonly List<string> _text = new List<string>();
        private readonly List<string> _ending = new List<string>();

        private FstabDocument()
        {
        }

        /// <summary>Parses fstab text (any content is accepted; see <see cref="Problems"/>).</summary>
        public static FstabDocument Parse(string text)
        {
            if (text is null) throw new ArgumentNullException(nameof(text));
            var doc = new FstabDocument();
            int start = 0;
            while (start < text.Length)
            {
                int nl = text.IndexOf('\n', start);
                if (nl < 0)
                {
                    doc._text.Add(text.Substring(start));
                    doc._ending.Add(string.Empty);
                    break;
                }
                bool crlf = nl > start && text[nl - 1] == '\r';
                doc._text.Add(text.Substring(start, (crlf ? nl - 1 : nl) - start));
                doc._ending.Add(crlf ? "\r\n" : "\n");
                start = nl + 1;
            }
            return doc;
        }

        /// <summary>The document's text.</summary>
        public string Render()
        {
            var sb = new StringBuilder();
            for (int i = 0; i < _text.Count; i++) sb.Append(_text[i]).Append(_ending[i]);
            return sb.ToString();
        }

        /// <summary>The well-formed entries in file order.</summary>
        public IReadOnlyList<FstabEntry> Entries
        {
            get
            {
                var list = new List<FstabEntry>();
                for (int i = 0; i < _text.Count; i++)
                {
                    if (TryParseLine(_text[i], i + 1, out FstabEntry? entry, out _) && entry != null) list.Add(entry);
                }
                return list;
            }
        }

        /// <summary>Malformed lines and mount points defined on more than one line.</summary>
        public IReadOnlyList<FstabProblem> Problems
        {
            get
            {
                var problems = new List<FstabProblem>();
                var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
                for (int i = 0; i < _text.Count; i++)
                {
                    if (!TryParseLine(_text[i], i + 1, out FstabEntry? entry, out string? error))
                    {
                        problems.Add(new FstabProblem(i + 1, error ?? "Malformed line."));
                        continue;
                    }
                    if (entry is null || entry.MountPoint == "none" || entry.FsType == "swap") continue;
                    string key = NormalizeMountPoint(entry.MountPoint);
                    if (firstLine.TryGetValue(key, out int first))
                        problems.Add(new FstabProblem(i + 1, $"Duplicate entry: the mount point '{entry.MountPoint}' is already defined on line {first}."));
                    else firstLine[key] = i + 1;
                }
                return problems;
            }
        }

        /// <summary>The first entry for <paramref name="mountPoint"/> (decoded; a trailing '/' is ignored), or null.</summary>
        public FstabEntry? Find(string mountPoint)
        {
            string key = NormalizeMountPoint(mountPoint ?? throw new ArgumentNullException(nameof(mountPoint)));
            foreach (FstabEntry e in Entries)
            {
                if (NormalizeMountPoint(e.MountPoint) == key) return e;
            }
            return null;
        }

        /// <summary>
        /// Makes <paramref name="entry"/> the definition of its mount point: replaces the first line
        /// for it (keeping that line's terminator) and removes any later duplicates, or appends a
        /// line. Returns false, changing nothing, when the first line already says the same and
        /// there are no duplicates.
        /// </summary>
        /// <exception cref="ArgumentException">The entry cannot be written (see <see cref="FstabEntry.Validate"/>).</exception>
        public bool Upsert(FstabEntry entry)
        {
            if (entry is null) throw new ArgumentNullException(nameof(entry));
            IReadOnlyList<string> problems = entry.Validate();
            if (problems.Count > 0) throw new ArgumentException("Invalid fstab entry: " + string.Join(" ", problems), nameof(entry));

            List<int> lines = LinesFor(entry.MountPoint);
            if (lines.Count == 0)
            {
                string ending = _ending.Contains("\r\n") && !_ending.Contains("\n") ? "\r\n" : "\n";
                if (_text.Count > 0 && _ending[_text.Count - 1].Length == 0) _ending[_text.Count - 1] = ending;
                _text.Add(entry.ToLine());
                _ending.Add(ending);
                return true;
            }
            TryParseLine(_text[lines[0]], lines[0] + 1, out FstabEntry? current, out _);
            if (lines.Count == 1 && current != null && current.SameAs(entry)) return false;
            _text[lines[0]] = entry.ToLine();
            for (int k = lines.Count - 1; k >= 1; k--) RemoveLine(lines[k]);
            return true;
        }

        /// <summary>Removes every line for <paramref name="mountPoint"/>; false when there was none.</summary>
        public bool Remove(string mountPoint)
        {
            List<int> lines = LinesFor(mountPoint ?? throw new ArgumentNullException(nameof(mountPoint)));
            for (int k = lines.Count - 1; k >= 0; k--) RemoveLine(lines[k]);
            return lines.Count > 0;
        }

        /// <summary>
        /// Checks one field as it would stand in the file (encoded): null when it is usable,
        /// else why not. Whitespace or a line break must be written as <c>\040</c>, <c>\011</c>, <c>\012</c>.
        /// </summary>
        public static string? CheckRawField(string name, string value)
        {
            if (value is null || value.Length == 0) return $"The {name} field is empty.";
            foreach (char c in value)
            {
                if (c == '\n' || c == '\r') return $"The {name} field contains a line break.";
                if (char.IsWhiteSpace(c)) return $"The {name} field '{value}' contains whitespace; write it as \\040 (space) or \\011 (tab).";
                if (char.IsControl(c)) return $"The {name} field contains a control character.";
            }
            return null;
        }

        /// <summary>A mount point for comparison: trailing slashes removed (except for <c>/</c>).</summary>
        internal static string NormalizeMountPoint(string mountPoint)
        {
            string s = mountPoint.TrimEnd('/');
            return s.Length == 0 && mountPoint.Length > 0 ? "/" : s;
        }

        private List<int> LinesFor(string mountPoint)
        {
            string key = NormalizeMountPoint(mountPoint);
            var lines = new List<int>();
            for (int i = 0; i < _text.Count; i++)
            {
                if (TryParseLine(_text[i], i + 1, out FstabEntry? e, out _) && e != null && NormalizeMountPoint(e.MountPoint) == key)
                    lines.Add(i);
            }
            return lines;
        }

        private void RemoveLine(int index)
        {
            // Removing the unterminated last line leaves the new last line's terminator as it was.
            _text.RemoveAt(index);
            _ending.RemoveAt(index);
        }

        // True with entry null for blank and comment lines; false with an error for malformed ones.
        private static bool TryParseLine(string line, int lineNumber, out FstabEntry? entry, out string? error)
        {
            entry = null;
            error = null;
            string trimmed = line.Trim().TrimStart('\uFEFF').Trim();
            if (trimmed.Length == 0 || trimmed[0] == '#') return true;
            string[] f = trimmed.Split(Blanks, StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 3)
            {
                error = $"Only {f.Length} field(s); an fstab line needs at least spec, mount point and type.";
                return false;
            }
            if (f.Length > 6)
            {
                error = $"{f.Length} fields; an fstab line has at most 6 (is a space in a path not written as \\040?).";
                return false;
            }
            int dump = 0, pass = 0;
            if ((f.Length > 4 && !int.TryParse(f[4], NumberStyles.None, CultureInfo.InvariantCulture, out dump))
                || (f.Length > 5 && !int.TryParse(f[5], NumberStyles.None, CultureInfo.InvariantCulture, out pass)))
            {
                error = "The dump and pass fields must be numbers.";
                return false;
            }
            entry = new FstabEntry(NfsParseText.DecodeOctal(f[0]), NfsParseText.DecodeOctal(f[1]), f[2],
                f.Length > 3 ? f[3] : "defaults", dump, pass, lineNumber);
            return true;
        }
    }
}
