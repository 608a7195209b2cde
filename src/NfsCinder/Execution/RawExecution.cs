namespace NfsCinder.Execution
{
    /// <summary>Raw outcome of one shell command line on a transport.</summary>
    internal sealed class RawExecution
    {
        public RawExecution(int? exitCode, string? exitSignal, byte[] standardOutput, byte[] standardError, bool timedOut)
        {
            ExitCode = exitCode;
            ExitSignal = exitSignal;
            StandardOutput = standardOutput;
            StandardError = standardError;
            TimedOut = timedOut;
        }

        public int? ExitCode { get; }
        public string? ExitSignal { get; }
        public byte[] StandardOutput { get; }
        public byte[] StandardError { get; }
        public bool TimedOut { get; }
    }
}
