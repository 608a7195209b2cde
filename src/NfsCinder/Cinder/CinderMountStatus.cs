namespace NfsCinder.Cinder
{
    /// <summary>How one of Cinder's NFS mounts on the volume host stands against the configuration.</summary>
    public enum CinderMountStatus
    {
        /// <summary>Mounted where Cinder expects it, with the configured options.</summary>
        Current,

        /// <summary>Mounted, but the live options are not the configured ones (changed since it was mounted): Cinder keeps using the old ones until it is mounted again.</summary>
        OptionsDiffer,

        /// <summary>Mounted under a backend's mount point base, but no enabled backend lists the share any more.</summary>
        Stale,
    }
}
