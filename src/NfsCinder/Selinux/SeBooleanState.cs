using NfsCinder.Hosts;
using NfsCinder.Sessions;

namespace NfsCinder.Selinux
{
    /// <summary>An SELinux boolean (virt_use_nfs) on a host: now and after the next boot.</summary>
    public sealed class SeBooleanState
    {
        internal SeBooleanState(NfsCinderSession session, string name, SELinuxMode mode, bool? value, bool? persistentValue, bool changed)
        {
            Session = session;
            ComputerName = session.ComputerName;
            Name = name;
            SELinuxMode = mode;
            Value = value;
            PersistentValue = persistentValue;
            Changed = changed;
        }

        /// <summary>The host.</summary>
        public string ComputerName { get; }

        /// <summary>Boolean name (virt_use_nfs).</summary>
        public string Name { get; }

        /// <summary>SELinux mode of the host.</summary>
        public SELinuxMode SELinuxMode { get; }

        /// <summary>Applicable when SELinux is enforcing or permissive.</summary>
        public SeBooleanApplicability Status => SELinuxMode == SELinuxMode.Enforcing || SELinuxMode == SELinuxMode.Permissive
            ? SeBooleanApplicability.Applicable : SeBooleanApplicability.NotApplicable;

        /// <summary>Value now (getsebool), or null when not applicable.</summary>
        public bool? Value { get; }

        /// <summary>Value after a reboot (the policy store, as setsebool -P writes it), or null when not applicable.</summary>
        public bool? PersistentValue { get; }

        /// <summary>True when this command changed the value.</summary>
        public bool Changed { get; }

        /// <summary>The host's session.</summary>
        public NfsCinderSession Session { get; }
    }
}
