using NfsCinder.Sessions;

namespace NfsCinder.Nfs
{
    /// <summary>What Install-NfsServer or Install-NfsClient found and changed on a host.</summary>
    public sealed class NfsInstallResult
    {
        internal NfsInstallResult(NfsCinderSession session, string role, string packageManager, string[] packages, string[] installedNow, string[] startedNow, NfsServiceState[] services)
        {
            Session = session;
            ComputerName = session.ComputerName;
            Role = role;
            PackageManager = packageManager;
            Packages = packages;
            InstalledNow = installedNow;
            StartedNow = startedNow;
            Services = services;
        }

        /// <summary>Host the result came from.</summary>
        public string ComputerName { get; }

        /// <summary>"Server" or "Client".</summary>
        public string Role { get; }

        /// <summary>apt, yum or dnf.</summary>
        public string PackageManager { get; }

        /// <summary>The packages the role needs on this distribution.</summary>
        public string[] Packages { get; }

        /// <summary>Packages this run installed (empty when they were there).</summary>
        public string[] InstalledNow { get; }

        /// <summary>Services this run enabled or started.</summary>
        public string[] StartedNow { get; }

        /// <summary>Service states after the run.</summary>
        public NfsServiceState[] Services { get; }

        /// <summary>True when anything was installed, enabled or started.</summary>
        public bool Changed => InstalledNow.Length > 0 || StartedNow.Length > 0;

        /// <summary>The session, so the result pipes into the next cmdlet.</summary>
        public NfsCinderSession Session { get; }
    }
}
