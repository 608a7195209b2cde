using System;
using System.Collections.Generic;
using System.Linq;
using NfsCinder.Cinder;

namespace NfsCinder.Nova
{
    /// <summary>
    /// The nova.conf options that decide how nova-compute mounts Cinder's NFS volumes, as
    /// nova/conf/libvirt.py declares them (read by LibvirtNFSVolumeDriver): the mount point is
    /// <c>nfs_mount_point_base/md5(share)</c>, the options <c>-o nfs_mount_options</c> followed
    /// by the share's own from Cinder's shares file.
    /// </summary>
    internal static class NovaNfsOptions
    {
        internal const string Section = "libvirt";
        internal const string MountPointBaseKey = "nfs_mount_point_base";
        internal const string MountOptionsKey = "nfs_mount_options";

        /// <summary>nova/conf/paths.py: state_path defaults to $pybasedir, the folder that holds nova's Python package.</summary>
        internal const string DefaultStatePath = "$pybasedir";

        internal static readonly CinderOption MountPointBase = new CinderOption(MountPointBaseKey, CinderOptionKind.Path, "$state_path/mnt", Section,
            "Base directory of the NFS volumes' mount points on the compute host.");

        internal static readonly CinderOption MountOptions = new CinderOption(MountOptionsKey, CinderOptionKind.MountOptions, null, Section,
            "Mount options nova-compute gives every NFS volume's share.");

        internal static IReadOnlyList<CinderOption> All { get; } = new[] { MountPointBase, MountOptions };

        /// <summary>The option of that key (case-insensitive, as oslo reads keys), or null.</summary>
        internal static CinderOption? Find(string key) => All.FirstOrDefault(o => string.Equals(o.Key, key, StringComparison.OrdinalIgnoreCase));
    }
}
