using System.Collections;
using System.Collections.Generic;
using System.Text;

namespace NfsCinder.Cinder
{
    /// <summary>
    /// The physical lines of an INI file, each with its own line ending, so that <see cref="Render"/>
    /// gives back the exact text that was split. A line added takes the ending of the line it follows
    /// (or the file's first line ending, LF for an empty file); a file without a final newline keeps
    /// having none.
    /// </summary>
    internal sealed class IniLines : IReadOnlyList<IniLine>
    {
        private readonly List<IniLine> _lines;

        private IniLines(List<IniLine> lines)
        {
            _lines = lines;
        }

        /// <summary>Splits <paramref name="text"/> at LF; each line keeps its ending (CRLF, LF, or none for a last line without one).</summary>
        public static IniLines Split(string text)
        {
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
            return new IniLines(lines);
        }

        /// <inheritdoc />
        public int Count => _lines.Count;

        /// <inheritdoc />
        public IniLine this[int index] => _lines[index];

        /// <summary>The text: every line followed by its own ending.</summary>
        public string Render()
        {
            var sb = new StringBuilder();
            foreach (IniLine line in _lines)
                sb.Append(line.Text).Append(line.Ending);
            return sb.ToString();
        }

        /// <summary>Inserts a line after the line at <paramref name="index"/>, with that line's ending.</summary>
        public void InsertAfter(int index, string text)
        {
            IniLine anchor = _lines[index];
            string ending = anchor.Ending;
            if (ending.Length == 0) anchor.Ending = NewLine(); // the new line becomes the last one, still without a newline
            _lines.Insert(index + 1, new IniLine(text, ending));
        }

        /// <summary>Removes <paramref name="count"/> lines from <paramref name="start"/> on.</summary>
        public void RemoveRange(int start, int count)
        {
            if (count <= 0) return;
            bool tailWithoutNewline = start + count == _lines.Count && _lines[_lines.Count - 1].Ending.Length == 0;
            _lines.RemoveRange(start, count);
            if (tailWithoutNewline && _lines.Count > 0) _lines[_lines.Count - 1].Ending = string.Empty;
        }

        /// <summary>Appends lines at the end, after a blank line unless the file is empty or already ends in one.</summary>
        public void AppendParagraph(IEnumerable<string> texts)
        {
            string nl = NewLine();
            bool finalNewline = true;
            if (_lines.Count > 0)
            {
                IniLine last = _lines[_lines.Count - 1];
                finalNewline = last.Ending.Length > 0;
                if (!finalNewline) last.Ending = nl;
                if (IniSyntax.RStrip(last.Text).Length > 0) _lines.Add(new IniLine(string.Empty, nl));
            }
            foreach (string text in texts) _lines.Add(new IniLine(text, nl));
            if (!finalNewline) _lines[_lines.Count - 1].Ending = string.Empty;
        }

        /// <inheritdoc />
        public IEnumerator<IniLine> GetEnumerator() => _lines.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        /// <summary>The first line ending of the file; LF when it has none.</summary>
        private string NewLine()
        {
            foreach (IniLine line in _lines)
            {
                if (line.Ending.Length > 0) return line.Ending;
            }
            return "\n";
        }
    }
}
