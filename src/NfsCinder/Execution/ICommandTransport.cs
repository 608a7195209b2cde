using System;
using System.Threading;
using System.Threading.Tasks;

namespace NfsCinder.Execution
{
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
