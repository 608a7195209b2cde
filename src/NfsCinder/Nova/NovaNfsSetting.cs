using System;
using NfsCinder.Sessions;

namespace NfsCinder.Nova
{
    /// <summary>How nova-compute on a host mounts Cinder's NFS volumes: nova.conf's [libvirt] nfs_mount_point_base and nfs_mount_options.</summary>
    public sealed class NovaNfsSetting
    {
        internal NovaNfsSetting(NfsCinderSession session, string configFile, NovaConfiguration config)
        {
            Session = session;
            ComputerName = session.ComputerName;
            ConfigFile = configFile;
            MountPointBaseSetting = config.MountPointBaseSetting;
            MountPointBase = config.MountPointBase;
            StatePath = config.StatePath;
            MountOptions = config.MountOptions;
        }

        /// <summary>The compute host.</summary>
        public string ComputerName { get; }

        /// <summary>The nova.conf read.</summary>
        public string ConfigFile { get; }

        /// <summary>Where nova-compute mounts NFS volumes (nfs_mount_point_base as nova reads it: $state_path substituted); each share at MountPointBase/md5(share). Null when it depends on where nova is installed and no nova was found.</summary>
        public string? MountPointBase { get; }

        /// <summary>nfs_mount_point_base as written in nova.conf; null when unset (nova's default $state_path/mnt).</summary>
        public string? MountPointBaseSetting { get; }

        /// <summary>[DEFAULT] state_path as nova reads it (its default is where nova's Python package is installed), or null when that is unknown.</summary>
        public string? StatePath { get; }

        /// <summary>nfs_mount_options: what nova passes after -o to every NFS volume's mount, before the share's own options; null when unset.</summary>
        public string? MountOptions { get; }

        /// <summary>True when this command changed nova.conf.</summary>
        public bool Changed { get; internal set; }

        /// <summary>The copy of the replaced nova.conf, or null when nothing was written.</summary>
        public string? BackupPath { get; internal set; }

        /// <summary>The host's session.</summary>
        public NfsCinderSession Session { get; }
    }
}
