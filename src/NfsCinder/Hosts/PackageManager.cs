namespace NfsCinder.Hosts
{
    /// <summary>The package manager to install packages with.</summary>
    public enum PackageManager
    {
        /// <summary>No package manager could be determined.</summary>
        Unknown = 0,

        /// <summary><c>apt-get</c> (Debian family).</summary>
        Apt,

        /// <summary><c>yum</c> (RHEL/CentOS 7 and earlier, Fedora before 22).</summary>
        Yum,

        /// <summary><c>dnf</c> (RHEL-likes 8 and later, Fedora 22 and later).</summary>
        Dnf,
    }
}
