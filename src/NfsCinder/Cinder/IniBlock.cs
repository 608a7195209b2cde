namespace NfsCinder.Cinder
{
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
}
