namespace NfsCinder.Cinder
{
    /// <summary>Where the NFS driver settings go in cinder.conf.</summary>
    public enum CinderLayout
    {
        /// <summary>enabled_backends in [DEFAULT] plus a [name] section (current Cinder practice).</summary>
        MultiBackend,

        /// <summary>volume_driver and nfs_shares_config in [DEFAULT] (the seed guide's layout; read only by Cinder before 10.0, Ocata).</summary>
        Default,
    }
}
