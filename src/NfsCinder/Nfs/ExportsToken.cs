namespace NfsCinder.Nfs
{
    /// <summary>One whitespace-separated word of an exports line, after quote removal and octal decoding.</summary>
    internal sealed class ExportsToken
    {
        internal ExportsToken(string value, int start, int end, bool quoted)
        {
            Value = value;
            Start = start;
            End = end;
            Quoted = quoted;
        }

        /// <summary>The decoded word (<c>"/a b"</c> and <c>/a\040b</c> both give <c>/a b</c>).</summary>
        public string Value { get; }

        /// <summary>Offset of its first character in the document text.</summary>
        public int Start { get; }

        /// <summary>Offset just past its last character in the document text.</summary>
        public int End { get; }

        /// <summary>Whether double quotes appeared in it.</summary>
        public bool Quoted { get; }
    }
}
