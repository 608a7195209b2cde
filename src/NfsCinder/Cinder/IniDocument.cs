using System;
using System.Collections.Generic;
using System.Text;

namespace NfsCinder.Cinder
{
    /// <summary>
    /// An oslo.config INI file (cinder.conf) kept as its physical lines, so that
    /// <see cref="Render"/> gives back the exact text that was parsed, and edits touch only
    /// the lines they must (no reformatting, comments, order, case, CRLF/LF and a missing
    /// final newline all kept).
    /// <para>
    /// Reading follows oslo.config's <c>iniparser</c>: a line is stripped on the right; a blank
    /// line ends a multi-line value; a line starting with a space or tab continues the value of
    /// the key above (its parts are joined with <c>"\n"</c>); <c>#</c> and <c>;</c> start comments
    /// only in the first column (no inline comments); the key ends at the first <c>=</c> or at a
    /// <c>:</c> before it; the value is stripped and loses one pair of matching outer quotes.
    /// A key may occur several times (a MultiStrOpt): <see cref="GetAll"/> returns every value,
    /// <see cref="Get"/> the last one, which is the one oslo uses for a plain option.
    /// A section may occur several times: its blocks are one section, as in oslo.
    /// </para>
    /// <para>
    /// Names: section names are compared ordinally (so <c>[DEFAULT]</c> must be written so);
    /// keys are compared ignoring case, and an edit keeps the key as written in the file.
    /// oslo.config itself lower-cases every section name except <c>DEFAULT</c> and compares keys
    /// case-sensitively; cinder.conf writes both in lower case, where the rules agree.
    /// </para>
    /// <para>
    /// Lines oslo would refuse (a key before any section, a continuation after a blank line or
    /// comment, <c>[x</c> without <c>]</c>, a line with neither <c>=</c> nor <c>:</c>) are kept
    /// verbatim, ignored by the queries, and listed in <see cref="Problems"/>.
    /// </para>
    /// </summary>
    internal sealed partial class IniDocument
    {
        private readonly List<IniLine> _lines;
        private readonly List<IniBlock> _blocks = new List<IniBlock>();
        private readonly List<IniEntry> _entries = new List<IniEntry>();
        private readonly List<string> _problems = new List<string>();

        private IniDocument(List<IniLine> lines)
        {
            _lines = lines;
            Reindex();
        }

        /// <summary>Reads <paramref name="text"/>; never throws on content (see <see cref="Problems"/>).</summary>
        public static IniDocument Parse(string text)
        {
            if (text is null) throw new ArgumentNullException(nameof(text));
            var lines = new List<IniLine>();
            int start = 0;
            while (start < text.Length)
            {
                int nl = text.IndexOf('\n', start);
                if (nl < 0)
                {
                    lines.Add(new IniLine(text.Substring(start), string.Empty));
                    break;
                }
                bool crlf = nl > start && text[nl - 1] == '\r';
                int end = crlf ? nl - 1 : nl;
                lines.Add(new IniLine(text.Substring(start, end - start), crlf ? "\r\n" : "\n"));
                start = nl + 1;
            }
            return new IniDocument(lines);
        }

        /// <summary>The file text: identical to the parsed text until an edit changes something.</summary>
        public string Render()
        {
            var sb = new StringBuilder();
            foreach (IniLine line in _lines)
                sb.Append(line.Text).Append(line.Ending);
            return sb.ToString();
        }

        /// <summary>Section names in order of first appearance, each once.</summary>
        public IReadOnlyList<string> Sections
        {
            get
            {
                var names = new List<string>();
                foreach (IniBlock block in _blocks)
                {
                    if (!names.Exists(n => SameSection(n, block.Name)))
                        names.Add(block.Name);
                }
                return names;
            }
        }

        /// <summary>"line N: what oslo.config would reject", for lines kept but not understood.</summary>
        public IReadOnlyList<string> Problems => _problems.ToArray();

        /// <summary>Number of physical lines.</summary>
        public int LineCount => _lines.Count;

        /// <summary>Whether a <c>[section]</c> header exists.</summary>
        public bool HasSection(string section) => _blocks.Exists(b => SameSection(b.Name, section));

        /// <summary>The keys of a section in order of first appearance, each once, as first written.</summary>
        public IReadOnlyList<string> Keys(string section)
        {
            var keys = new List<string>();
            foreach (IniEntry entry in _entries)
            {
                if (SameSection(entry.Section, section) && !keys.Exists(k => SameKey(k, entry.Key)))
                    keys.Add(entry.Key);
            }
            return keys;
        }

        /// <summary>The value oslo uses for a plain option: that of the last occurrence; null when absent.</summary>
        public string? Get(string section, string key)
        {
            IniEntry? last = null;
            foreach (IniEntry entry in Matching(section, key)) last = entry;
            return last?.Value;
        }

        /// <summary>Every value of the key in file order (a MultiStrOpt); empty when absent.</summary>
        public IReadOnlyList<string> GetAll(string section, string key)
        {
            var values = new List<string>();
            foreach (IniEntry entry in Matching(section, key)) values.Add(entry.Value);
            return values;
        }

        /// <summary>1-based line numbers of the key lines of every occurrence, in file order.</summary>
        public IReadOnlyList<int> LineNumbersOf(string section, string key)
        {
            var numbers = new List<int>();
            foreach (IniEntry entry in Matching(section, key)) numbers.Add(entry.FirstLine + 1);
            return numbers;
        }

        /// <summary>The one place section names are compared.</summary>
        internal static bool SameSection(string a, string b) => string.Equals(a, b, StringComparison.Ordinal);

        /// <summary>The one place keys are compared.</summary>
        internal static bool SameKey(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

        private IEnumerable<IniEntry> Matching(string section, string key)
        {
            if (section is null) throw new ArgumentNullException(nameof(section));
            if (key is null) throw new ArgumentNullException(nameof(key));
            foreach (IniEntry entry in _entries)
            {
                if (SameSection(entry.Section, section) && SameKey(entry.Key, key))
                    yield return entry;
            }
        }

        /// <summary>Classifies every line again and rebuilds blocks and entries, as oslo's parser walks the file.</summary>
        private void Reindex()
        {
            _blocks.Clear();
            _entries.Clear();
            _problems.Clear();
            IniBlock? block = null;
            IniEntry? open = null;
            bool orphanOpen = false; // a key line refused by oslo: its continuations are not problems of their own

            for (int i = 0; i < _lines.Count; i++)
            {
                IniLine line = _lines[i];
                string text = IniSyntax.RStrip(line.Text);
                if (text.Length == 0)
                {
                    line.Kind = IniLineKind.Blank;
                    open = null;
                    orphanOpen = false;
                    continue;
                }

                if (text[0] == ' ' || text[0] == '\t')
                {
                    if (open is not null)
                    {
                        line.Kind = IniLineKind.Continuation;
                        open.AddContinuation(i, IniSyntax.LStrip(text));
                    }
                    else
                    {
                        line.Kind = IniLineKind.Invalid;
                        if (!orphanOpen) Problem(i, "unexpected continuation line");
                    }
                    continue;
                }

                open = null;
                orphanOpen = false;
                if (text[0] == '[')
                {
                    if (text[text.Length - 1] != ']' || text.Length <= 2)
                    {
                        line.Kind = IniLineKind.Invalid;
                        Problem(i, text.Length <= 2 && text[text.Length - 1] == ']' ? "empty section name" : "invalid section (must end with ])");
                        continue;
                    }
                    line.Kind = IniLineKind.Section;
                    if (block is not null) block.EndLine = i;
                    block = new IniBlock(text.Substring(1, text.Length - 2), i);
                    _blocks.Add(block);
                }
                else if (text[0] == '#' || text[0] == ';')
                {
                    line.Kind = IniLineKind.Comment;
                }
                else
                {
                    int sep = IniSyntax.SeparatorIndex(text);
                    string key = sep < 0 ? string.Empty : IniSyntax.Strip(text.Substring(0, sep));
                    if (sep < 0 || key.Length == 0 || block is null)
                    {
                        line.Kind = IniLineKind.Invalid;
                        orphanOpen = sep >= 0 && key.Length > 0;
                        Problem(i, sep < 0 ? "no ':' or '=' found in assignment" : key.Length == 0 ? "key cannot be empty" : "assignment before the first section");
                        continue;
                    }
                    int valueStart = sep + 1;
                    while (valueStart < text.Length && IniSyntax.IsSpace(text[valueStart])) valueStart++;
                    line.Kind = IniLineKind.Key;
                    open = new IniEntry(block.Name, key, i, valueStart, IniSyntax.Unquote(text.Substring(valueStart)));
                    _entries.Add(open);
                }
            }
            if (block is not null) block.EndLine = _lines.Count;
        }

        private void Problem(int index, string message) =>
            _problems.Add($"line {index + 1}: {message}: {IniSyntax.Printable(_lines[index].Text)}");
    }
}
