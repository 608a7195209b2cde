using System.Collections.Generic;

namespace NfsCinder.Nfs
{
    /// <summary>
    /// One logical line: a physical line plus those joined to it by backslash-newline.
    /// Text from <see cref="Start"/> to <see cref="End"/> plus <see cref="Terminator"/> is the exact source.
    /// </summary>
    internal sealed class ExportsLogicalLine
    {
        internal ExportsLogicalLine(int start, int firstLine)
        {
            Start = start;
            FirstLine = firstLine;
        }

        public int Start { get; }
        public int End { get; set; }

        /// <summary><c>"\n"</c>, <c>"\r\n"</c>, or empty for a last line without newline.</summary>
        public string Terminator { get; set; } = "";

        /// <summary>1-based number of the first physical line.</summary>
        public int FirstLine { get; }

        /// <summary>Number of physical lines (continuations included).</summary>
        public int LineCount { get; set; } = 1;

        public List<ExportsToken> Tokens { get; } = new List<ExportsToken>();

        /// <summary>The comment ending the line, from <c>#</c> (without the line break), if any.</summary>
        public string? Comment { get; set; }

        public List<string> Errors { get; } = new List<string>();
        public List<string> Warnings { get; } = new List<string>();
    }
}
