using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace NfsCinder.Nfs
{
    /// <summary>One <c>/etc/fstab</c> entry. Spec and mount point hold decoded text (a real space, not <c>\040</c>).</summary>
    internal sealed class FstabEntry
    {
        /// <summary>Creates an entry to write; <see cref="LineNumber"/> is 0.</summary>
        public FstabEntry(string spec, string mountPoint, string fsType, string options = "defaults", int dump = 0, int pass = 0)
            : this(spec, mountPoint, fsType, options, dump, pass, 0)
        {
        }

        internal FstabEntry(string spec, string mountPoint, string fsType, string options, int dump, int pass, int lineNumber)
        {
            Spec = spec ?? throw new ArgumentNullException(nameof(spec));
            MountPoint = mountPoint ?? throw new ArgumentNullException(nameof(mountPoint));
            FsType = fsType ?? throw new ArgumentNullException(nameof(fsType));
            Options = string.IsNullOrEmpty(options) ? "defaults" : options;
            Dump = dump;
            Pass = pass;
            LineNumber = lineNumber;
        }

        /// <summary>The first field: <c>server:/path</c>, <c>UUID=...</c>, a device.</summary>
        public string Spec { get; }

        /// <summary>The second field, decoded.</summary>
        public string MountPoint { get; }

        /// <summary>The third field (<c>nfs</c>, <c>nfs4</c>, <c>ext4</c> ...).</summary>
        public string FsType { get; }

        /// <summary>The fourth field, comma-separated; <c>defaults</c> when the line has none.</summary>
        public string Options { get; }

        /// <summary>The fifth field (0 when absent).</summary>
        public int Dump { get; }

        /// <summary>The sixth field (0 when absent).</summary>
        public int Pass { get; }

        /// <summary>1-based line in the document it was read from; 0 for an entry built in code.</summary>
        public int LineNumber { get; }

        /// <summary>The fstab line for this entry (fields encoded, single spaces, no terminator).</summary>
        public string ToLine() => string.Join(" ", new[]
        {
            NfsParseText.EncodeOctal(Spec), NfsParseText.EncodeOctal(MountPoint), FsType, Options,
            Dump.ToString(CultureInfo.InvariantCulture), Pass.ToString(CultureInfo.InvariantCulture),
        });

        /// <summary>True when every field but <see cref="LineNumber"/> is the same (the mount point compared normalised).</summary>
        public bool SameAs(FstabEntry other) =>
            other != null && Spec == other.Spec && FsType == other.FsType && Options == other.Options && Dump == other.Dump && Pass == other.Pass
            && FstabDocument.NormalizeMountPoint(MountPoint) == FstabDocument.NormalizeMountPoint(other.MountPoint);

        /// <summary>What is wrong with this entry for writing, empty when it can be written.</summary>
        public IReadOnlyList<string> Validate()
        {
            var problems = new List<string>();
            CheckDecoded("spec", Spec, problems);
            CheckDecoded("mount point", MountPoint, problems);
            if (Spec.StartsWith("#", StringComparison.Ordinal)) problems.Add("The spec may not start with '#' (the line would be a comment).");
            if (MountPoint.Length > 0 && MountPoint[0] != '/' && MountPoint != "none" && MountPoint != "swap")
                problems.Add($"The mount point '{MountPoint}' is not an absolute path.");
            string? type = FstabDocument.CheckRawField("type", FsType);
            if (type != null) problems.Add(type);
            string? options = FstabDocument.CheckRawField("options", Options);
            if (options != null) problems.Add(options);
            if (Dump < 0 || Pass < 0) problems.Add("Dump and pass may not be negative.");
            return problems;
        }

        private static void CheckDecoded(string name, string value, List<string> problems)
        {
            if (value.Length == 0) problems.Add($"The {name} is empty.");
            foreach (char c in value)
            {
                if (c == '\n' || c == '\r' || (char.IsControl(c) && c != '\t'))
                {
                    problems.Add($"The {name} contains a line break or control character.");
                    return;
                }
            }
        }

        /// <inheritdoc />
        public override string ToString() => ToLine();
    }

    /// <summary>A problem found in an fstab document.</summary>
    internal sealed class FstabProblem
    {
        /// <summary>Creates a problem.</summary>
        public FstabProblem(int lineNumber, string message)
        {
            LineNumber = lineNumber;
            Message = message;
        }

        /// <summary>The 1-based line it concerns.</summary>
        public int LineNumber { get; }

        /// <summary>What is wrong.</summary>
        public string Message { get; }

        /// <inheritdoc />
        public override string ToString() => $"line {LineNumber}: {Message}";
    }

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
