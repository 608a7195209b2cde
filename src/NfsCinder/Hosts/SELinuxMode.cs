namespace NfsCinder.Hosts
{
    /// <summary>The SELinux state of the running system.</summary>
    public enum SELinuxMode
    {
        /// <summary>No trace of SELinux: no <c>getenforce</c>, no selinuxfs, no <c>/etc/selinux/config</c>.</summary>
        NotInstalled = 0,

        /// <summary>SELinux is present on the host but not active.</summary>
        Disabled,

        /// <summary>SELinux is active and logs denials without enforcing them.</summary>
        Permissive,

        /// <summary>SELinux is active and enforcing its policy.</summary>
        Enforcing,
    }
}
