using System;
using System.Threading;

namespace NfsCinder.Execution
{
    /// <summary>Per-call context: where verbose lines go and what cancels the call.</summary>
    internal sealed class RunContext
    {
        public static readonly RunContext None = new RunContext(null, CancellationToken.None);

        public RunContext(Action<string>? verbose, CancellationToken cancellationToken)
        {
            Verbose = verbose;
            CancellationToken = cancellationToken;
        }

        public Action<string>? Verbose { get; }

        public CancellationToken CancellationToken { get; }
    }
}
