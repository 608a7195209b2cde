using System;
using System.Collections.Generic;
using System.Linq;

namespace NfsCinder.Cinder
{
    /// <summary>
    /// Every option Cinder's NFS driver reads from a backend section, read from openstack/cinder
    /// (the same list in 21.3.1, the lab's release, and in master): <c>nfs_opts</c> in
    /// <c>volume/drivers/nfs.py</c>, <c>nas_opts</c> and <c>volume_opts</c> in
    /// <c>volume/drivers/remotefs.py</c>, and the generic capacity options of
    /// <c>volume/driver.py</c> that replaced the NFS driver's own ratios. Also the keys Cinder no
    /// longer reads, so a backend that still has them is told.
    /// </summary>
    internal static class CinderNfsOptions
    {
        internal const string SharesConfig = "nfs_shares_config";
        internal const string MountPointBase = "nfs_mount_point_base";
        internal const string MountOptions = "nfs_mount_options";
        internal const string NasMountOptions = "nas_mount_options";
        internal const string NasHost = "nas_host";
        internal const string NasSharePath = "nas_share_path";
        internal const string NasSecureFileOperations = "nas_secure_file_operations";
        internal const string SnapshotSupport = "nfs_snapshot_support";
        internal const string VolumeDriver = "volume_driver";
        internal const string VolumeBackendName = "volume_backend_name";

        private static readonly string[] SecureChoices = { "auto", "true", "false" };

        /// <summary>The options, in the order of Cinder's lists.</summary>
        public static readonly IReadOnlyList<CinderOption> All = new[]
        {
            new CinderOption(SharesConfig, CinderOptionKind.Path, "/etc/cinder/nfs_shares", "nfs_opts", "File with the list of available NFS shares."),
            new CinderOption("nfs_sparsed_volumes", CinderOptionKind.Bool, "true", "nfs_opts", "Create volumes as sparse files."),
            new CinderOption("nfs_qcow2_volumes", CinderOptionKind.Bool, "false", "nfs_opts", "Create volumes as QCOW2 files rather than raw files."),
            new CinderOption(MountPointBase, CinderOptionKind.Path, "$state_path/mnt", "nfs_opts", "Base directory of the shares' mount points."),
            new CinderOption(MountOptions, CinderOptionKind.MountOptions, null, "nfs_opts", "Mount options passed to the NFS client."),
            new CinderOption("nfs_mount_attempts", CinderOptionKind.Integer, "3", "nfs_opts", "Attempts to mount a share before giving up.", min: 1, max: 1000),
            new CinderOption(SnapshotSupport, CinderOptionKind.Bool, "false", "nfs_opts", "Snapshots on the NFS driver (needs nas_secure_file_operations = false)."),
            new CinderOption(NasHost, CinderOptionKind.Host, "", "nas_opts", "NAS host: with nas_share_path, the one share, and the shares file is not read."),
            new CinderOption("nas_login", CinderOptionKind.Text, "admin", "nas_opts", "User name on the NAS system (vendor drivers)."),
            new CinderOption("nas_password", CinderOptionKind.Secret, "", "nas_opts", "Password on the NAS system (vendor drivers)."),
            new CinderOption("nas_ssh_port", CinderOptionKind.Integer, "22", "nas_opts", "SSH port of the NAS system (vendor drivers).", min: 0, max: 65535),
            new CinderOption("nas_private_key", CinderOptionKind.Path, "", "nas_opts", "SSH private key for the NAS system (vendor drivers)."),
            new CinderOption(NasSecureFileOperations, CinderOptionKind.Choice, "auto", "nas_opts", "Run file operations as the cinder user instead of root.", SecureChoices),
            new CinderOption("nas_secure_file_permissions", CinderOptionKind.Choice, "auto", "nas_opts", "Create volume files 660 instead of 666.", SecureChoices),
            new CinderOption(NasSharePath, CinderOptionKind.Path, "", "nas_opts", "NAS share path: with nas_host, the one share."),
            new CinderOption(NasMountOptions, CinderOptionKind.MountOptions, null, "nas_opts", "Mount options; when set, used instead of nfs_mount_options."),
            new CinderOption("nas_volume_prov_type", CinderOptionKind.Choice, "thin", "volume_opts (remotefs)", "Provisioning type of new volumes.", new[] { "thin", "thick" }),
            new CinderOption("reserved_percentage", CinderOptionKind.Integer, "0", "volume_opts (driver)", "Percentage of the backend's capacity kept free.", min: 0, max: 100),
            new CinderOption("max_over_subscription_ratio", CinderOptionKind.Ratio, "20.0", "volume_opts (driver)", "Provisioned capacity as a multiple of the physical (at least 1.0)."),
        };

        /// <summary>Keys the NFS driver no longer reads, and what replaced them.</summary>
        public static readonly IReadOnlyDictionary<string, string> Obsolete = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["nfs_used_ratio"] = "removed in Cinder 8.0.0 (Mitaka): Cinder ignores it; reserved_percentage is its replacement (a used ratio of 0.95 is reserved_percentage 5)",
            ["nfs_oversub_ratio"] = "removed in Cinder 8.0.0 (Mitaka): Cinder ignores it; max_over_subscription_ratio is its replacement",
        };

        /// <summary>The option with this key, or null.</summary>
        public static CinderOption? Find(string key) => All.FirstOrDefault(o => string.Equals(o.Key, key, StringComparison.Ordinal));

        /// <summary>Every key -Unset accepts: the options but the shares file, and the obsolete keys.</summary>
        public static IEnumerable<string> UnsettableKeys => All.Select(o => o.Key).Where(k => k != SharesConfig).Concat(Obsolete.Keys);

        /// <summary>The value for output, with secrets hidden.</summary>
        public static string Show(string key, string value) => Find(key)?.Show(value) ?? value;
    }
}
