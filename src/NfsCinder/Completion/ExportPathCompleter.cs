using System.Collections.Generic;
using System.Linq;
using NfsCinder.Execution;
using NfsCinder.Nfs;
using NfsCinder.Sessions;

namespace NfsCinder.Completion
{
    /// <summary>Completes the export paths in the host's /etc/exports and /etc/exports.d, and the live ones.</summary>
    public sealed class ExportPathCompleter : HostValueCompleter
    {
        internal override IEnumerable<string> Values(NfsCinderSession session, RunContext context)
        {
            var state = ExportsState.Read(session.On(context));
            return state.Files.Values.SelectMany(d => d.Exports.Select(e => e.Path)).Concat(state.Live.Select(l => l.Path)).ToList();
        }
    }
}
