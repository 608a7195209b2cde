using System;
using System.Collections.Generic;
using System.Linq;
using NfsCinder.Nfs;

namespace NfsCinder.Cinder
{
    /// <summary>One NFS backend of a cinder.conf, with the values cinder-volume really uses.</summary>
    internal sealed class CinderNfsBackendConfig
    {
        private readonly CinderConfiguration _config;

        internal CinderNfsBackendConfig(CinderConfiguration config, string name, CinderLayout layout, string section)
        {
            _config = config;
            Name = name;
            Layout = layout;
            Section = section;
        }

        /// <summary>The backend's name (its section; [DEFAULT] in the seed's layout).</summary>
        public string Name { get; }

        public CinderLayout Layout { get; }

        /// <summary>The section its settings live in.</summary>
        public string Section { get; }

        /// <summary>True when cinder-volume starts it: named in enabled_backends (or, in the seed's layout, none is set).</summary>
        public bool Enabled => Layout == CinderLayout.Default ? _config.EnabledBackends.Count == 0 : _config.EnabledBackends.Contains(Section);

        /// <summary>The value written in the backend's own section, or null.</summary>
        public string? Written(string key) => _config.Document.Get(Section, key);

        /// <summary>The value cinder-volume uses (section, [backend_defaults], Cinder's default).</summary>
        public string? Effective(string key) => _config.EffectiveIn(Section, key);

        /// <summary>nfs_shares_config as Cinder reads it (its default /etc/cinder/nfs_shares when unset).</summary>
        public string SharesFile => Effective(CinderNfsOptions.SharesConfig)!;

        /// <summary>nfs_mount_point_base, expanded; os-brick mounts each share at base/md5(share).</summary>
        public string MountPointBase => Effective(CinderNfsOptions.MountPointBase)!.TrimEnd('/');

        /// <summary>The mount options for every share: nas_mount_options when set (it overrides), else nfs_mount_options; null when neither.</summary>
        public string? MountOptions => NonEmpty(Effective(CinderNfsOptions.NasMountOptions)) ?? NonEmpty(Effective(CinderNfsOptions.MountOptions));

        /// <summary>The key <see cref="MountOptions"/> comes from, or null.</summary>
        public string? MountOptionsKey =>
            NonEmpty(Effective(CinderNfsOptions.NasMountOptions)) is not null ? CinderNfsOptions.NasMountOptions
            : NonEmpty(Effective(CinderNfsOptions.MountOptions)) is not null ? CinderNfsOptions.MountOptions : null;

        /// <summary>With both nas_host and nas_share_path set, the one share Cinder uses instead of the shares file.</summary>
        public CinderNfsShare? NasShare
        {
            get
            {
                string? host = NonEmpty(Effective(CinderNfsOptions.NasHost));
                string? path = NonEmpty(Effective(CinderNfsOptions.NasSharePath));
                if (host is null || path is null) return null;
                // Cinder joins them with ':' and passes nas_mount_options as the share's own arguments.
                return CinderNfsShare.FromLine(host + ":" + path, out _);
            }
        }

        /// <summary>The obsolete keys written in the section, each with what replaced it.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> ObsoleteKeys =>
            CinderNfsOptions.Obsolete.Where(o => Written(o.Key) is not null).ToList();

        /// <summary>The mount point Cinder uses for one of this backend's shares.</summary>
        public string MountPointOf(string share) => NfsShareAddress.MountPointOf(share, MountPointBase);

        /// <summary>
        /// True when Cinder's secure file operations are on or may turn on ('true', or 'auto',
        /// which a new installation resolves to true), in which case the driver refuses snapshots.
        /// </summary>
        public bool SecureFileOperationsMayBeOn => Effective(CinderNfsOptions.NasSecureFileOperations) is "true" or "auto";

        /// <summary>What this configuration does that its author may not expect, one sentence each.</summary>
        public IReadOnlyList<string> Notes()
        {
            var notes = new List<string>();
            string? nasOptions = NonEmpty(Effective(CinderNfsOptions.NasMountOptions));
            string? nfsOptions = NonEmpty(Effective(CinderNfsOptions.MountOptions));
            if (nasOptions is not null && nfsOptions is not null)
                notes.Add($"nas_mount_options ({nasOptions}) is set, so Cinder ignores nfs_mount_options ({nfsOptions}).");
            string? host = NonEmpty(Effective(CinderNfsOptions.NasHost));
            string? path = NonEmpty(Effective(CinderNfsOptions.NasSharePath));
            if (NasShare is { } nas)
                notes.Add($"nas_host and nas_share_path are set, so Cinder uses the one share {nas.Share} and does not read the shares file {SharesFile}.");
            else if (host is not null || path is not null)
                notes.Add($"{(host is not null ? "nas_host" : "nas_share_path")} is set without {(host is not null ? "nas_share_path" : "nas_host")}: Cinder ignores it and reads the shares file {SharesFile}.");
            if (Layout == CinderLayout.MultiBackend)
            {
                // The seed writes driver options in [DEFAULT]; a backend section never reads them there.
                var ignored = CinderNfsOptions.All.Select(o => o.Key)
                    .Where(k => _config.Document.Get("DEFAULT", k) is not null && Written(k) is null && _config.Document.Get(CinderConfiguration.BackendDefaults, k) is null).ToList();
                if (ignored.Count > 0)
                    notes.Add($"[DEFAULT] sets {string.Join(", ", ignored)}, which backend [{Section}] does not read (a backend reads its own section, then [backend_defaults]); set them on the backend.");
            }
            foreach (var obsolete in ObsoleteKeys)
                notes.Add($"{obsolete.Key} is {obsolete.Value}; remove it with -Unset {obsolete.Key}.");
            if (Effective(CinderNfsOptions.SnapshotSupport) == "true" && SecureFileOperationsMayBeOn)
                notes.Add($"nfs_snapshot_support is true while nas_secure_file_operations is '{Effective(CinderNfsOptions.NasSecureFileOperations)}': the NfsDriver refuses to start (\"Snapshots are not supported with nas_secure_file_operations enabled\") whenever secure operations are on ('auto' turns them on for a new installation and for a share with Cinder's indicator file); set nas_secure_file_operations to false.");
            return notes;
        }

        private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
    }
}
