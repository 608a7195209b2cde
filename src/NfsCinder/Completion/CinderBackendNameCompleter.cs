using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using NfsCinder.Cinder;
using NfsCinder.Execution;
using NfsCinder.Files;
using NfsCinder.Sessions;

namespace NfsCinder.Completion
{
    /// <summary>Completes the NFS backend names configured in the host's cinder.conf.</summary>
    public sealed class CinderBackendNameCompleter : HostValueCompleter
    {
        internal override IEnumerable<string> Values(NfsCinderSession session, RunContext context)
        {
            byte[]? bytes = RemoteFile.Read(session.On(context), CinderPaths.ConfigFile);
            if (bytes is null) return Array.Empty<string>();
            var config = new CinderConfiguration(IniDocument.Parse(Encoding.UTF8.GetString(bytes)));
            return config.NfsBackends.Select(b => b.Name).ToList();
        }
    }
}
