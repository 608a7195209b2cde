using System;
using NfsCinder.Execution;
using NfsCinder.Nova;
using NfsCinder.Sessions;

namespace NfsCinder.Commands
{
    /// <summary>Shared by the nova.conf cmdlets: the one read of a compute host.</summary>
    public abstract class NovaCmdletBase : HostCmdletBase
    {
        /// <summary>nova.conf and where nova's Python package lives, in one round trip; an error when nova.conf is missing or unreadable.</summary>
        internal NovaHostState ReadHost(NfsCinderSession session)
        {
            var state = Read(session);
            if (state.Unreadable is { } why)
                throw new NfsCinderException("NovaConfigUnreadable", FailureCategory.PermissionDenied, session.DisplayName,
                    $"{NovaPaths.ConfigFile} exists but cannot be read: {why}.", "Run this with a session that may read it (root, or -UseSudo).");
            if (state.Config is null)
                throw new NfsCinderException("NovaConfigMissing", FailureCategory.ObjectNotFound, session.DisplayName,
                    $"{NovaPaths.ConfigFile} does not exist.", "Run this on a compute host with nova-compute installed; nothing was changed.");
            return state;
        }

        /// <summary>The one read of a compute host, whatever it holds.</summary>
        internal NovaHostState Read(NfsCinderSession session)
        {
            string output = session.Run(NovaHostState.Query(NovaPaths.ConfigFile), Context).StandardOutput;
            try { return NovaHostState.Parse(output, NovaPaths.ConfigFile); }
            catch (FormatException ex) { throw Garbled(session, $"read of {NovaPaths.ConfigFile}", ex); }
        }
    }
}
