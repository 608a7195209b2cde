using System;
using System.Collections.Generic;
using System.Linq;

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
    /// <para>
    /// Edits. Every edit validates its arguments first (section without <c>]</c>, line break or NUL;
    /// key matching <c>^[A-Za-z0-9_.-]+$</c>; values without CR, LF or NUL) and returns false,
    /// leaving the text untouched, when the file already says what was asked.
    /// New lines are written <c>key = value</c> and take the line ending of the line they follow
    /// (or the file's first line ending, LF for an empty file); a file without a final newline
    /// keeps having none.
    /// </para>
    /// </summary>
    internal sealed class IniDocument
    {
        private readonly IniLines _lines;
        private IniIndex _index;

        private IniDocument(IniLines lines)
        {
            _lines = lines;
            _index = IniIndex.Build(lines);
        }

        /// <summary>Reads <paramref name="text"/>; never throws on content (see <see cref="Problems"/>).</summary>
        public static IniDocument Parse(string text)
        {
            if (text is null) throw new ArgumentNullException(nameof(text));
            return new IniDocument(IniLines.Split(text));
        }

        /// <summary>The file text: identical to the parsed text until an edit changes something.</summary>
        public string Render() => _lines.Render();

        /// <summary>Section names in order of first appearance, each once.</summary>
        public IReadOnlyList<string> Sections
        {
            get
            {
                var names = new List<string>();
                foreach (IniBlock block in _index.Blocks)
                {
                    if (!names.Exists(n => SameSection(n, block.Name)))
                        names.Add(block.Name);
                }
                return names;
            }
        }

        /// <summary>"line N: what oslo.config would reject", for lines kept but not understood.</summary>
        public IReadOnlyList<string> Problems => _index.Problems.ToArray();

        /// <summary>Number of physical lines.</summary>
        public int LineCount => _lines.Count;

        /// <summary>Whether a <c>[section]</c> header exists.</summary>
        public bool HasSection(string section) => _index.Blocks.Any(b => SameSection(b.Name, section));

        /// <summary>The keys of a section in order of first appearance, each once, as first written.</summary>
        public IReadOnlyList<string> Keys(string section)
        {
            var keys = new List<string>();
            foreach (IniEntry entry in _index.Entries)
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

        /// <summary>
        /// Sets a plain (single-valued) option.
        /// <para>
        /// Present: only the value part of the LAST occurrence changes (oslo uses the last one);
        /// the key's spelling, the separator and the spaces around it stay, and continuation lines
        /// of that occurrence go. Earlier occurrences are left as they are: for a plain option oslo
        /// ignores them, and removing or commenting out lines nobody asked about is not this
        /// method's business (use <see cref="SetAll"/> or <see cref="Remove"/> for that).
        /// </para>
        /// <para>
        /// Absent from an existing section: a new line goes right after the section's last
        /// commented example of that key (<c>#key = default</c>, as oslo-config-generator writes
        /// them), else after the section's last key (and its continuation lines), else right after
        /// the section header. Absent section: <c>[section]</c> and the key are appended at the
        /// end after a blank line.
        /// </para>
        /// A value oslo would not read back as written (outer spaces, outer matching quotes) is
        /// written in double quotes, which oslo strips.
        /// </summary>
        /// <returns>False when the option already had that value (nothing changed).</returns>
        public bool Set(string section, string key, string value)
        {
            IniSyntax.CheckSection(section);
            IniSyntax.CheckKey(key);
            IniSyntax.CheckValue(value, nameof(value));

            IniEntry? last = Matching(section, key).LastOrDefault();
            if (last is not null)
            {
                if (string.Equals(last.Value, value, StringComparison.Ordinal)) return false;
                ReplaceValue(last, value);
                Reindex();
                return true;
            }
            InsertNew(section, key, new[] { value });
            return true;
        }

        /// <summary>
        /// Makes a multi-valued option (MultiStrOpt) have exactly <paramref name="values"/>, in order:
        /// existing occurrences are rewritten in place (unchanged ones are not touched), surplus
        /// occurrences removed, missing ones added after the last occurrence (or placed as
        /// <see cref="Set"/> places a new key). An empty list removes the key.
        /// </summary>
        /// <returns>False when the key already had exactly these values.</returns>
        public bool SetAll(string section, string key, IReadOnlyList<string> values)
        {
            IniSyntax.CheckSection(section);
            IniSyntax.CheckKey(key);
            if (values is null) throw new ArgumentNullException(nameof(values));
            foreach (string value in values) IniSyntax.CheckValue(value, nameof(values));

            if (values.Count == 0) return Remove(section, key);
            List<IniEntry> matches = Matching(section, key).ToList();
            if (matches.Select(e => e.Value).SequenceEqual(values, StringComparer.Ordinal)) return false;
            if (matches.Count == 0)
            {
                InsertNew(section, key, values);
                return true;
            }

            // Bottom-up, so that the line indexes of the entries still to edit stay valid.
            for (int i = matches.Count - 1; i >= values.Count; i--)
                _lines.RemoveRange(matches[i].FirstLine, matches[i].LastLine - matches[i].FirstLine + 1);
            for (int i = Math.Min(matches.Count, values.Count) - 1; i >= 0; i--)
            {
                if (!string.Equals(matches[i].Value, values[i], StringComparison.Ordinal))
                    ReplaceValue(matches[i], values[i]);
            }
            Reindex();

            if (values.Count > matches.Count)
            {
                int after = Matching(section, key).Last().LastLine;
                for (int i = matches.Count; i < values.Count; i++)
                    _lines.InsertAfter(after++, KeyLine(key, values[i]));
                Reindex();
            }
            return true;
        }

        /// <summary>Removes every occurrence of the key (with its continuation lines) from the section.</summary>
        /// <returns>False when the key was not there.</returns>
        public bool Remove(string section, string key)
        {
            IniSyntax.CheckSection(section);
            IniSyntax.CheckKey(key);
            List<IniEntry> matches = Matching(section, key).ToList();
            if (matches.Count == 0) return false;
            for (int i = matches.Count - 1; i >= 0; i--)
                _lines.RemoveRange(matches[i].FirstLine, matches[i].LastLine - matches[i].FirstLine + 1);
            Reindex();
            return true;
        }

        /// <summary>
        /// Removes every <c>[section]</c> block: the header and the lines up to the next header,
        /// except the comment lines directly above that next header (they describe it). A block
        /// running to the end of the file also takes the blank lines just above its header, so
        /// that removing a section appended by <see cref="Set"/> gives back the original text.
        /// </summary>
        /// <returns>False when there was no such section.</returns>
        public bool RemoveSection(string section)
        {
            IniSyntax.CheckSection(section);
            List<IniBlock> blocks = _index.Blocks.Where(b => SameSection(b.Name, section)).ToList();
            if (blocks.Count == 0) return false;
            for (int i = blocks.Count - 1; i >= 0; i--)
            {
                int start = blocks[i].HeaderLine;
                int end = blocks[i].EndLine;
                if (end < _lines.Count)
                {
                    while (end - 1 > start && _lines[end - 1].Kind == IniLineKind.Comment) end--;
                }
                else
                {
                    while (start > 0 && _lines[start - 1].Kind == IniLineKind.Blank) start--;
                }
                _lines.RemoveRange(start, end - start);
            }
            Reindex();
            return true;
        }

        /// <summary>
        /// A comma list value (enabled_backends, a ListOpt) as items: split on <c>,</c>, each item
        /// stripped, empty items dropped. Null or empty gives an empty list.
        /// </summary>
        public static IReadOnlyList<string> SplitList(string? value)
        {
            var items = new List<string>();
            if (value is null) return items;
            foreach (string part in value.Split(','))
            {
                string item = IniSyntax.Strip(part);
                if (item.Length > 0) items.Add(item);
            }
            return items;
        }

        /// <summary>
        /// Items as a comma list value (<c>a,b</c>, no spaces): each item stripped, empty items
        /// skipped. An item containing a comma, a line break or NUL is refused.
        /// </summary>
        public static string JoinList(IEnumerable<string> items)
        {
            if (items is null) throw new ArgumentNullException(nameof(items));
            var kept = new List<string>();
            foreach (string raw in items)
            {
                IniSyntax.CheckValue(raw, nameof(items));
                string item = IniSyntax.Strip(raw);
                if (item.IndexOf(',') >= 0)
                    throw new ArgumentException($"List item '{item}' contains a comma.", nameof(items));
                if (item.Length > 0) kept.Add(item);
            }
            return string.Join(",", kept);
        }

        private static string KeyLine(string key, string value)
        {
            string encoded = IniSyntax.Encode(value);
            return encoded.Length == 0 ? key + " =" : key + " = " + encoded;
        }

        /// <summary>Rewrites the value part of an entry's key line and drops its continuation lines. No reindex.</summary>
        private void ReplaceValue(IniEntry entry, string value)
        {
            IniLine line = _lines[entry.FirstLine];
            string text = IniSyntax.RStrip(line.Text);
            string prefix = text.Substring(0, entry.ValueStart);
            string encoded = IniSyntax.Encode(value);
            if (encoded.Length == 0)
            {
                prefix = IniSyntax.RStrip(prefix);
            }
            else if (entry.ValueStart == text.Length && prefix.Length >= 2 && IniSyntax.IsSpace(prefix[prefix.Length - 2]))
            {
                // "key =" had an empty value: give the new one the space the separator has on its left.
                prefix += " ";
            }
            line.Text = prefix + encoded;
            if (entry.LastLine > entry.FirstLine)
                _lines.RemoveRange(entry.FirstLine + 1, entry.LastLine - entry.FirstLine);
        }

        private void InsertNew(string section, string key, IReadOnlyList<string> values)
        {
            if (!HasSection(section))
            {
                AppendSection(section, key, values);
            }
            else
            {
                int after = InsertionPoint(section, key);
                foreach (string value in values)
                    _lines.InsertAfter(after++, KeyLine(key, value));
            }
            Reindex();
        }

        /// <summary>Index of the line a new key line goes after (see <see cref="Set"/>).</summary>
        private int InsertionPoint(string section, string key)
        {
            int example = -1;
            int lastKey = -1;
            int header = -1;
            foreach (IniBlock block in _index.Blocks)
            {
                if (!SameSection(block.Name, section)) continue;
                header = block.HeaderLine;
                for (int i = block.HeaderLine + 1; i < block.EndLine; i++)
                {
                    if (_lines[i].Kind == IniLineKind.Comment && IsExampleOf(_lines[i].Text, key)) example = i;
                }
            }
            foreach (IniEntry entry in _index.Entries)
            {
                if (SameSection(entry.Section, section)) lastKey = entry.LastLine;
            }
            return example >= 0 ? example : lastKey >= 0 ? lastKey : header;
        }

        /// <summary><c>#key = x</c>, <c># key: x</c>, <c>;key=</c>: a commented-out setting of that key.</summary>
        private static bool IsExampleOf(string comment, string key)
        {
            int i = 1;
            while (i < comment.Length && (comment[i] == ' ' || comment[i] == '\t')) i++;
            if (string.Compare(comment, i, key, 0, key.Length, StringComparison.OrdinalIgnoreCase) != 0 || comment.Length - i < key.Length)
                return false;
            i += key.Length;
            while (i < comment.Length && (comment[i] == ' ' || comment[i] == '\t')) i++;
            return i < comment.Length && (comment[i] == '=' || comment[i] == ':');
        }

        private void AppendSection(string section, string key, IReadOnlyList<string> values) =>
            _lines.AppendParagraph(new[] { "[" + section + "]" }.Concat(values.Select(value => KeyLine(key, value))));

        /// <summary>The one place section names are compared.</summary>
        internal static bool SameSection(string a, string b) => string.Equals(a, b, StringComparison.Ordinal);

        /// <summary>The one place keys are compared.</summary>
        internal static bool SameKey(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

        private IEnumerable<IniEntry> Matching(string section, string key)
        {
            if (section is null) throw new ArgumentNullException(nameof(section));
            if (key is null) throw new ArgumentNullException(nameof(key));
            foreach (IniEntry entry in _index.Entries)
            {
                if (SameSection(entry.Section, section) && SameKey(entry.Key, key))
                    yield return entry;
            }
        }

        /// <summary>Classifies every line again and rebuilds blocks and entries, as oslo's parser walks the file.</summary>
        private void Reindex() => _index = IniIndex.Build(_lines);
    }
}
