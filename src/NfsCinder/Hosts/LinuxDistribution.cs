namespace NfsCinder.Hosts
{
    /// <summary>The specific distribution a host runs, normalised from the os-release ID.</summary>
    public enum LinuxDistribution
    {
        /// <summary>A distribution this module does not name (it may still have a known <see cref="OsFamily"/>).</summary>
        Unknown = 0,

        /// <summary>Red Hat Enterprise Linux (ID <c>rhel</c>).</summary>
        Rhel,

        /// <summary>CentOS Linux or CentOS Stream (ID <c>centos</c>).</summary>
        CentOS,

        /// <summary>Rocky Linux (ID <c>rocky</c>).</summary>
        Rocky,

        /// <summary>AlmaLinux (ID <c>almalinux</c>).</summary>
        Alma,

        /// <summary>Fedora (ID <c>fedora</c>).</summary>
        Fedora,

        /// <summary>Debian (ID <c>debian</c>).</summary>
        Debian,

        /// <summary>Ubuntu (ID <c>ubuntu</c>).</summary>
        Ubuntu,
    }
}
