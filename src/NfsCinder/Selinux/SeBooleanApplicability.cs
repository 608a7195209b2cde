namespace NfsCinder.Selinux
{
    /// <summary>Whether an SELinux boolean matters on a host at all.</summary>
    public enum SeBooleanApplicability
    {
        /// <summary>SELinux is enforcing or permissive: the boolean decides.</summary>
        Applicable,

        /// <summary>SELinux is disabled or not installed: nothing to set.</summary>
        NotApplicable,
    }
}
