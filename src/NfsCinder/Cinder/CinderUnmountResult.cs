namespace NfsCinder.Cinder
{
    /// <summary>What a restart did with one of Cinder's mounts that had to go (options changed, or stale).</summary>
    public sealed class CinderUnmountResult
    {
        internal CinderUnmountResult(CinderMount mount, bool unmounted, string detail)
        {
            MountPoint = mount.MountPoint;
            Share = mount.Share;
            BackendName = mount.BackendName;
            Reason = mount.Status;
            Unmounted = unmounted;
            Detail = detail;
        }

        /// <summary>The mount point.</summary>
        public string MountPoint { get; }

        /// <summary>The share mounted there.</summary>
        public string Share { get; }

        /// <summary>The backend listing it, or null when stale.</summary>
        public string? BackendName { get; }

        /// <summary>Why it had to go: OptionsDiffer or Stale.</summary>
        public CinderMountStatus Reason { get; }

        /// <summary>True when it was unmounted; false when left (busy, or umount failed).</summary>
        public bool Unmounted { get; }

        /// <summary>What happened, with the processes that held it when busy.</summary>
        public string Detail { get; }

        /// <inheritdoc />
        public override string ToString() => $"{MountPoint} ({Share}): {Detail}";
    }
}
