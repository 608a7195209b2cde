using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using NfsCinder.Execution;

namespace NfsCinder.Sessions
{
    /// <summary>
    /// This machine as a target: what a cmdlet acts on without -Session, and what completion
    /// reads when none is typed. Opened once per process, on first use, without sudo.
    /// </summary>
    internal static class LocalSession
    {
        private static readonly Lazy<NfsCinderSession> Session = new Lazy<NfsCinderSession>(
            () => SessionFactory.OpenLocal("localhost", useSudo: false, sudoPassword: null, TimeSpan.FromSeconds(60), RunContext.None));

        /// <summary>The local session, opened on first use.</summary>
        /// <exception cref="NfsCinderException">This machine cannot be a target.</exception>
        internal static NfsCinderSession Get() => Session.Value;

        /// <summary>This machine as a target when it is Linux (for completion); nothing elsewhere.</summary>
        internal static IEnumerable<NfsCinderSession> IfLinux()
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
                return Array.Empty<NfsCinderSession>();
            try { return new[] { Session.Value }; }
            catch (NfsCinderException) { return Array.Empty<NfsCinderSession>(); }
        }
    }
}
