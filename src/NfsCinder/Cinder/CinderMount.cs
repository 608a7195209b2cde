using NfsCinder.Sessions;

namespace NfsCinder.Cinder
{
    /// <summary>One of Cinder's NFS mounts on the volume host, judged against cinder.conf and the shares files.</summary>
    public sealed class CinderMount
    {
        internal CinderMount(string mountPoint, string share, string? backendName, CinderMountStatus status, string liveOptions, string? configuredOptions, string detail)
        {
            MountPoint = mountPoint;
            Share = share;
            BackendName = backendName;
            Status = status;
            LiveOptions = liveOptions;
            ConfiguredOptions = configuredOptions;
            Detail = detail;
        }

        /// <summary>The volume host.</summary>
        public string ComputerName { get; internal set; } = "";

        /// <summary>Where it is mounted (nfs_mount_point_base/md5 of the share).</summary>
        public string MountPoint { get; }

        /// <summary>The share mounted there (the mount's source).</summary>
        public string Share { get; }

        /// <summary>The backend that lists the share, or null for a stale mount.</summary>
        public string? BackendName { get; }

        /// <summary>Current, OptionsDiffer or Stale.</summary>
        public CinderMountStatus Status { get; }

        /// <summary>The options the kernel shows for the mount.</summary>
        public string LiveOptions { get; }

        /// <summary>The options the configuration asks for (backend's, then the share's own), or null when none.</summary>
        public string? ConfiguredOptions { get; }

        /// <summary>What differs, or why it is stale.</summary>
        public string Detail { get; }

        /// <summary>For options the kernel took from an earlier mount's superblock: that mount point (a remount does not help; nosharecache does).</summary>
        public string? SharedSuperblockWith { get; internal set; }

        /// <summary>True when a restart should take it down: stale, or options that a new mount would carry.</summary>
        internal bool NeedsRenewal => Status == CinderMountStatus.Stale || Status == CinderMountStatus.OptionsDiffer && SharedSuperblockWith is null;

        /// <summary>The volume host's session.</summary>
        public NfsCinderSession? Session { get; internal set; }

        /// <inheritdoc />
        public override string ToString() => $"{Status} {MountPoint} ({Share}): {Detail}";
    }
}
