namespace NfsCinder.Nova
{
    /// <summary>Where a package-installed nova-compute keeps its configuration.</summary>
    internal static class NovaPaths
    {
        internal const string ConfigFile = "/etc/nova/nova.conf";
    }
}
