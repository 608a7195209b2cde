namespace NfsCinder.Cinder
{
    /// <summary>Where a package-installed Cinder keeps its configuration.</summary>
    internal static class CinderPaths
    {
        internal const string ConfigFile = "/etc/cinder/cinder.conf";
    }
}
