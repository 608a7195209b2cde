namespace NfsCinder.Hosts
{
    /// <summary>The broad Linux family a host belongs to, which decides package names and tooling.</summary>
    public enum OsFamily
    {
        /// <summary>Neither family could be recognised.</summary>
        Unknown = 0,

        /// <summary>Red Hat Enterprise Linux and its rebuilds or relatives: CentOS, Rocky, AlmaLinux, Fedora, Oracle Linux.</summary>
        RedHat,

        /// <summary>Debian and its derivatives, including Ubuntu.</summary>
        Debian,
    }
}
