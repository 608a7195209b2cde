using System.Collections.Generic;

namespace NfsCinder.Cinder
{
    /// <summary>
    /// What oslo.config's <c>iniparser</c> reads in the physical lines of a file: it sets every
    /// line's <see cref="IniLine.Kind"/> and collects the section blocks, the assignments and the
    /// lines oslo would refuse. <see cref="IniDocument"/> builds a new index after every edit,
    /// because a line's meaning depends on the lines above it.
    /// </summary>
    internal sealed class IniIndex
    {
        private IniIndex(IReadOnlyList<IniBlock> blocks, IReadOnlyList<IniEntry> entries, IReadOnlyList<string> problems)
        {
            Blocks = blocks;
            Entries = entries;
            Problems = problems;
        }

        /// <summary>Every <c>[section]</c> block in file order (a section may have several).</summary>
        public IReadOnlyList<IniBlock> Blocks { get; }

        /// <summary>Every assignment in file order.</summary>
        public IReadOnlyList<IniEntry> Entries { get; }

        /// <summary>"line N: what oslo.config would reject", for lines kept but not understood.</summary>
        public IReadOnlyList<string> Problems { get; }

        /// <summary>Classifies every line and builds blocks and entries, as oslo's parser walks the file.</summary>
        public static IniIndex Build(IReadOnlyList<IniLine> lines)
        {
            var blocks = new List<IniBlock>();
            var entries = new List<IniEntry>();
            var problems = new List<string>();
            IniBlock? block = null;
            IniEntry? open = null;
            bool orphanOpen = false; // a key line refused by oslo: its continuations are not problems of their own

            void Problem(int index, string message) =>
                problems.Add($"line {index + 1}: {message}: {IniSyntax.Printable(lines[index].Text)}");

            for (int i = 0; i < lines.Count; i++)
            {
                IniLine line = lines[i];
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
                    blocks.Add(block);
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
                    entries.Add(open);
                }
            }
            if (block is not null) block.EndLine = lines.Count;
            return new IniIndex(blocks, entries, problems);
        }
    }
}
