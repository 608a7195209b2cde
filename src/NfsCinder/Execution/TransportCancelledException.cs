using System;
using System.Threading;

namespace NfsCinder.Execution
{
    /// <summary>Cancellation of a running command, with the stderr received so far (it names the PID).</summary>
    internal sealed class TransportCancelledException : OperationCanceledException
    {
        public TransportCancelledException(byte[] partialStandardError, CancellationToken token)
            : base("The command was cancelled.", token) => PartialStandardError = partialStandardError;

        public byte[] PartialStandardError { get; }
    }
}
