using System;

namespace NfsCinder.Nfs
{
    /// <summary>One row of <c>df -P -B1</c>.</summary>
    internal sealed class DfRow
    {
        /// <summary>Creates a row.</summary>
        public DfRow(string filesystem, long? sizeBytes, long? usedBytes, long? availableBytes, int? usePercent, string mountPoint)
        {
            Filesystem = filesystem ?? throw new ArgumentNullException(nameof(filesystem));
            SizeBytes = sizeBytes;
            UsedBytes = usedBytes;
            AvailableBytes = availableBytes;
            UsePercent = usePercent;
            MountPoint = mountPoint ?? throw new ArgumentNullException(nameof(mountPoint));
        }

        /// <summary>The file system (for NFS <c>server:/path</c>); may contain spaces.</summary>
        public string Filesystem { get; }

        /// <summary>Total size in bytes; null where df printed <c>-</c>.</summary>
        public long? SizeBytes { get; }

        /// <summary>Used bytes; null where df printed <c>-</c>.</summary>
        public long? UsedBytes { get; }

        /// <summary>Bytes available to unprivileged users; null where df printed <c>-</c>.</summary>
        public long? AvailableBytes { get; }

        /// <summary>The Capacity column without <c>%</c>; null where df printed <c>-</c> (size 0).</summary>
        public int? UsePercent { get; }

        /// <summary>Where it is mounted; may contain spaces.</summary>
        public string MountPoint { get; }
    }
}
