using System;
using System.Collections.Generic;
using System.Linq;
using NfsCinder.Sessions;

namespace NfsCinder.Cinder
{
    /// <summary>An NFS backend of Cinder on a volume host: its cinder.conf settings and its shares, as Cinder reads them.</summary>
    public sealed class CinderNfsBackend
    {
        private CinderNfsBackend(NfsCinderSession? session, string computerName, CinderNfsBackendConfig backend, CinderNfsShare[] shares, string configFile)
        {
            Session = session;
            ComputerName = computerName;
            BackendName = backend.Name;
            Layout = backend.Layout;
            Enabled = backend.Enabled;
            ConfigFile = configFile;
            SharesFile = backend.NasShare is null ? backend.SharesFile : null;
            Shares = shares;
            MountOptions = backend.MountOptions;
            MountPointBase = backend.MountPointBase;
            MountPoints = shares.Select(s => backend.MountPointOf(s.Share)).ToArray();
            var keys = new HashSet<string>(CinderNfsOptions.All.Select(o => o.Key).Concat(CinderNfsOptions.Obsolete.Keys).Append(CinderNfsOptions.VolumeBackendName), StringComparer.Ordinal);
            keys.Remove(CinderNfsOptions.SharesConfig);
            Options = new SortedDictionary<string, string>(keys.Where(k => backend.Written(k) is not null)
                .ToDictionary(k => k, k => CinderNfsOptions.Show(k, backend.Written(k)!)), StringComparer.Ordinal);
        }

        /// <summary>The Cinder volume host.</summary>
        public string ComputerName { get; }

        /// <summary>Backend name (its section; in the seed's layout the name asked for).</summary>
        public string BackendName { get; }

        /// <summary>MultiBackend or Default.</summary>
        public CinderLayout Layout { get; }

        /// <summary>True when cinder-volume starts it (in enabled_backends).</summary>
        public bool Enabled { get; }

        /// <summary>The cinder.conf it lives in.</summary>
        public string ConfigFile { get; }

        /// <summary>nfs_shares_config as Cinder reads it (its default when unset); null when nas_host and nas_share_path give the share.</summary>
        public string? SharesFile { get; }

        /// <summary>The shares Cinder mounts.</summary>
        public CinderNfsShare[] Shares { get; }

        /// <summary>The backend's settings written in its section (nfs_*, nas_*, capacity, volume_backend_name); secrets as ***.</summary>
        public IReadOnlyDictionary<string, string> Options { get; }

        /// <summary>The mount options every share gets (nas_mount_options over nfs_mount_options; [backend_defaults] counts), or null.</summary>
        public string? MountOptions { get; }

        /// <summary>nfs_mount_point_base as Cinder reads it.</summary>
        public string MountPointBase { get; }

        /// <summary>Where Cinder mounts each share: nfs_mount_point_base/md5(share).</summary>
        public string[] MountPoints { get; }

        /// <summary>What the configuration does that may not be expected (also written as warnings).</summary>
        public string[] Notes { get; internal set; } = Array.Empty<string>();

        /// <summary>True when this command changed cinder.conf or the shares file.</summary>
        public bool Changed { get; internal set; }

        /// <summary>Copies of the files this command replaced.</summary>
        public string[] BackupPaths { get; internal set; } = Array.Empty<string>();

        /// <summary>True when this command restarted the volume service.</summary>
        public bool Restarted => Service is not null;

        /// <summary>The volume service after this command's restart (its drivers, and the mounts it took down), or null.</summary>
        public CinderServiceState? Service { get; internal set; }

        /// <summary>Remove-CinderNfsBackend: what stays on the host (the shares file, Cinder's mounts of the shares).</summary>
        public string[] LeftBehind { get; internal set; } = Array.Empty<string>();

        /// <summary>The volume host's session.</summary>
        public NfsCinderSession? Session { get; }

        /// <summary>The backend as the configuration and its shares file have it.</summary>
        internal static CinderNfsBackend Describe(NfsCinderSession? session, string computerName, string configFile, CinderNfsBackendConfig backend, string? sharesText,
            bool changed = false, string[]? backups = null, CinderServiceState? service = null, IReadOnlyList<string>? notes = null, string[]? leftBehind = null)
        {
            var shares = backend.NasShare is { } nas ? new[] { nas } : CinderSharesFile.Parse(sharesText).Shares.ToArray();
            return new CinderNfsBackend(session, computerName, backend, shares, configFile)
            {
                Changed = changed,
                BackupPaths = backups ?? Array.Empty<string>(),
                Service = service,
                Notes = (notes ?? backend.Notes()).ToArray(),
                LeftBehind = leftBehind ?? Array.Empty<string>(),
            };
        }
    }
}
