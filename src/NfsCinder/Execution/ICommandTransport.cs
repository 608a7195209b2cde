using System;
using System.Threading;
using System.Threading.Tasks;

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

    /// <summary>Cancellation of a running command, with the stderr received so far (it names the PID).</summary>
    internal sealed class TransportCancelledException : OperationCanceledException
    {
        public TransportCancelledException(byte[] partialStandardError, CancellationToken token)
            : base("The command was cancelled.", token) => PartialStandardError = partialStandardError;

        public byte[] PartialStandardError { get; }
    }

    /// <summary>
    /// Runs an already-quoted command line through /bin/sh somewhere: over SSH or on this
    /// machine. Transports never build command text; the <see cref="CommandRunner"/> does.
    /// </summary>
    internal interface ICommandTransport : IDisposable
    {
        /// <summary>Host name shown in results and errors.</summary>
        string ComputerName { get; }

        /// <summary>
        /// Runs the line, feeding stdin then EOF. Must return by <paramref name="timeout"/>
        /// (with TimedOut set) or throw <see cref="NfsCinderException"/> for transport failures.
        /// </summary>
        Task<RawExecution> ExecuteAsync(string commandLine, byte[]? standardInput, TimeSpan timeout, CancellationToken cancellationToken);
    }
}
