namespace NfsCinder.Nfs
{
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
}
