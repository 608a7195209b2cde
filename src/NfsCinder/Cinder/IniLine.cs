using System.Collections.Generic;

namespace NfsCinder.Cinder
{
    /// <summary>What one physical line of an oslo.config file is, in the context of the lines above it.</summary>
    internal enum IniLineKind
    {
        /// <summary>Empty or whitespace only. Ends a multi-line value.</summary>
        Blank,

        /// <summary>Starts with <c>#</c> or <c>;</c> in the first column.</summary>
        Comment,

        /// <summary><c>[name]</c>.</summary>
        Section,

        /// <summary><c>key = value</c>, <c>key=value</c> or <c>key: value</c> inside a section.</summary>
        Key,

        /// <summary>Starts with a space or tab right after a key line (or another continuation): more value.</summary>
        Continuation,

        /// <summary>A line oslo.config refuses (see <see cref="IniDocument.Problems"/>); kept verbatim.</summary>
        Invalid,
    }

    /// <summary>
    /// One physical line: its text without the line ending, and the ending itself
    /// (<c>"\n"</c>, <c>"\r\n"</c>, or <c>""</c> for a last line without a newline).
    /// <see cref="Kind"/> is recomputed by <see cref="IniDocument"/> after every edit,
    /// because a line's meaning depends on the lines above it.
    /// </summary>
    internal sealed class IniLine
    {
        public IniLine(string text, string ending)
        {
            Text = text;
            Ending = ending;
        }

        public string Text { get; set; }

        public string Ending { get; set; }

        public IniLineKind Kind { get; set; }

        public override string ToString() => Text;
    }

    /// <summary>One <c>[name]</c> header and the lines up to the next header (or the end).</summary>
    internal sealed class IniBlock
    {
        public IniBlock(string name, int headerLine)
        {
            Name = name;
            HeaderLine = headerLine;
        }

        public string Name { get; }

        public int HeaderLine { get; }

        /// <summary>Index of the next header, or the line count: exclusive.</summary>
        public int EndLine { get; set; }
    }

    /// <summary>One assignment: the key line and its continuation lines.</summary>
    internal sealed class IniEntry
    {
        private readonly List<string> _parts = new List<string>();

        public IniEntry(string section, string key, int firstLine, int valueStart, string firstValue)
        {
            Section = section;
            Key = key;
            FirstLine = firstLine;
            LastLine = firstLine;
            ValueStart = valueStart;
            _parts.Add(firstValue);
        }

        public string Section { get; }

        /// <summary>The key as written in the file.</summary>
        public string Key { get; }

        public int FirstLine { get; }

        /// <summary>The last continuation line, or <see cref="FirstLine"/>: inclusive.</summary>
        public int LastLine { get; private set; }

        /// <summary>Index in the key line's text where the raw value starts (after the separator and its spaces).</summary>
        public int ValueStart { get; }

        /// <summary>The value as oslo.config sees it: continuation lines joined with <c>"\n"</c>.</summary>
        public string Value => string.Join("\n", _parts);

        public void AddContinuation(int line, string part)
        {
            LastLine = line;
            _parts.Add(part);
        }
    }
}
