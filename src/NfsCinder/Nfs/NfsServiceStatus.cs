using System;
using System.Collections.Generic;

namespace NfsCinder.Nfs
{
    /// <summary>
    /// One line of <see cref="NfsServicePlan.ServiceStateQuery"/> output: a service with its
    /// enablement and run state, as the host's init system words them.
    /// </summary>
    internal sealed class NfsServiceStatus
    {
        /// <summary>The state word printed when the host gave no answer (systemctl absent, no bus, ...).</summary>
        internal const string UnknownState = "unknown";

        /// <summary>The enabled-state printed by the SysV scripts when the service has no init script.</summary>
        internal const string NotFoundState = "not-found";

        // systemctl is-enabled answers that need no "systemctl enable": static units have no [Install]
        // section, indirect ones are pulled in through Also=, generated ones come from a generator.
        private static readonly HashSet<string> EnabledStates = new HashSet<string>(StringComparer.Ordinal)
        {
            "enabled", "enabled-runtime", "static", "indirect", "generated", "alias",
        };

        // systemctl is-active answers for a unit that is up ("refreshing" since systemd 254).
        private static readonly HashSet<string> ActiveStates = new HashSet<string>(StringComparer.Ordinal)
        {
            "active", "reloading", "refreshing",
        };

        internal NfsServiceStatus(string service, string enabledState, string activeState)
        {
            Service = service ?? throw new ArgumentNullException(nameof(service));
            EnabledState = string.IsNullOrEmpty(enabledState) ? UnknownState : enabledState;
            ActiveState = string.IsNullOrEmpty(activeState) ? UnknownState : activeState;
        }

        /// <summary>The unit or init script name, as the plan lists it.</summary>
        internal string Service { get; }

        /// <summary>The raw enablement word: systemctl is-enabled output, or enabled/disabled/not-found from the SysV scripts, or unknown.</summary>
        internal string EnabledState { get; }

        /// <summary>The raw run-state word: systemctl is-active output, or active/inactive from the SysV scripts, or unknown.</summary>
        internal string ActiveState { get; }

        /// <summary>True when the service starts at boot without further action.</summary>
        internal bool Enabled => EnabledStates.Contains(EnabledState);

        /// <summary>True when the service is running now.</summary>
        internal bool Active => ActiveStates.Contains(ActiveState);

        /// <summary>False when the host reported that the service does not exist (package missing).</summary>
        internal bool Exists => EnabledState != NotFoundState;

        /// <summary>True when the service still has to be enabled or started.</summary>
        internal bool NeedsWork => !Enabled || !Active;

        /// <summary>The public result object for Install-NfsServer / Install-NfsClient output.</summary>
        internal NfsServiceState ToServiceState() => new NfsServiceState(Service, Enabled, Active);

        /// <inheritdoc />
        public override string ToString() => $"{Service} {EnabledState} {ActiveState}";
    }
}
