using NfsCinder.Execution;

namespace NfsCinder.Sessions
{
    /// <summary>A session as one cmdlet run uses it: its commands carry that run's cancellation and verbose output.</summary>
    internal sealed class SessionCommandHost : ICommandHost
    {
        private readonly NfsCinderSession _session;
        private readonly RunContext _context;

        internal SessionCommandHost(NfsCinderSession session, RunContext context)
        {
            _session = session;
            _context = context;
        }

        public string DisplayName => _session.DisplayName;

        public CommandResult Run(CommandSpec spec) => _session.Run(spec, _context);

        public System.Threading.CancellationToken Cancellation => _context.CancellationToken;
    }
}
