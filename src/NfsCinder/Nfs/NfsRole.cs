namespace NfsCinder.Nfs
{
    /// <summary>Which side of NFS a host is being prepared for.</summary>
    internal enum NfsRole
    {
        /// <summary>Exports directories: the NFS server packages and services.</summary>
        Server,

        /// <summary>Mounts exports: the NFS client packages and services.</summary>
        Client,
    }
}
