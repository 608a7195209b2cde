using System;
using System.Collections.Generic;
using System.Linq;

namespace NfsCinder.Cinder
{
    /// <summary>
    /// Puts an NFS backend into a cinder.conf and its shares file, and takes one out. Pure: the
    /// cmdlets read the files, call this, and write back only what changed. Every conflict is
    /// found here, before anything is written.
    /// </summary>
    internal static class CinderBackendEditor
    {
        // The [DEFAULT] layout was removed in Cinder 10.0 (Ocata): cinder-volume exits without enabled_backends.
        private const int FirstReleaseWithoutDefaultLayout = 10;

        /// <summary>Applies the backend to the configuration's document; <paramref name="sharesText"/> reads a shares file as it is now (null: absent).</summary>
        public static CinderBackendChange Apply(CinderConfiguration config, CinderNfsBackendSpec spec, Func<string, string?> sharesText, Version? cinderVersion,
            Func<string, string?>? unreadable = null)
        {
            var conf = config.Document;
            var notes = new List<string>();
            if (spec.Layout == CinderLayout.MultiBackend && conf.HasSection(spec.BackendName) && !config.IsNfsSection(spec.BackendName))
            {
                string? driver = conf.Get(spec.BackendName, CinderNfsOptions.VolumeDriver);
                throw new CinderConfigConflict("SectionIsNotAnNfsBackend",
                    $"[{spec.BackendName}] already exists in cinder.conf and is not an NFS backend{(driver is null ? "" : $" (its volume_driver is {driver})")}: making it one would take it from what uses it.",
                    $"Choose another -BackendName; to turn that backend into an NFS one, remove it first.");
            }
            var existing = config.Find(spec.BackendName);
            if (existing is not null && existing.Layout != spec.Layout && spec.Layout == CinderLayout.Default) existing = null;
            bool migrating = spec.Layout == CinderLayout.MultiBackend && existing?.Layout == CinderLayout.Default;
            if (spec.Layout == CinderLayout.Default) CheckDefaultLayout(config, cinderVersion, notes);

            // A backend moved out of [DEFAULT] keeps the shares file it had there.
            string sharesFile = spec.SharesFile ?? existing?.SharesFile ?? CinderNfsBackendSpec.DefaultSharesFileFor(spec.BackendName);
            if (migrating) existing = null;
            var owner = config.NfsBackends.FirstOrDefault(b => b.SharesFile == sharesFile && b.Section != spec.Section && !(migrating && b.Layout == CinderLayout.Default));
            if (owner is not null)
            {
                string own = CinderNfsBackendSpec.DefaultSharesFileFor(spec.BackendName);
                throw new CinderConfigConflict("SharesFileInUse",
                    $"{sharesFile} is already the shares file of backend '{owner.Name}': writing backend '{spec.BackendName}' there would replace '{owner.Name}''s shares.",
                    own == sharesFile || config.NfsBackends.Any(b => b.SharesFile == own)
                        ? $"Give backend '{spec.BackendName}' a shares file of its own with -SharesFile."
                        : $"Give backend '{spec.BackendName}' a shares file of its own: -SharesFile {own}");
            }

            bool changed = false;
            string section = spec.Section;
            if (spec.Layout == CinderLayout.MultiBackend)
            {
                var enabled = config.EnabledBackends.ToList();
                if (!enabled.Contains(spec.BackendName))
                {
                    enabled.Add(spec.BackendName);
                    changed |= conf.Set("DEFAULT", "enabled_backends", IniDocument.JoinList(enabled));
                }
                // volume_backend_name is what volume types select by: an existing one stays unless asked.
                if (spec.VolumeBackendName is not null || conf.Get(section, CinderNfsOptions.VolumeBackendName) is null)
                    changed |= conf.Set(section, CinderNfsOptions.VolumeBackendName, spec.VolumeBackendName ?? spec.BackendName);
                if (migrating)
                {
                    changed |= conf.Remove("DEFAULT", CinderNfsOptions.VolumeDriver) | conf.Remove("DEFAULT", CinderNfsOptions.SharesConfig);
                    notes.Add($"Moved the NFS backend from [DEFAULT] (the seed's layout, which Cinder 10.0 and later do not read) to [{section}]: volume_driver and nfs_shares_config left [DEFAULT].");
                }
            }
            changed |= conf.Set(section, CinderNfsOptions.VolumeDriver, CinderConfiguration.NfsDriverClass);
            changed |= conf.Set(section, CinderNfsOptions.SharesConfig, sharesFile);
            foreach (var option in spec.Options)
                changed |= conf.Set(section, option.Key, option.Value);
            foreach (string key in spec.Unset)
                changed |= conf.Remove(section, key);

            var backend = config.Find(spec.BackendName)!;
            CheckSnapshots(backend, spec);
            var nas = backend.NasShare;
            if (nas is not null && spec.Shares is not null)
                throw new CinderConfigConflict("SharesFileIgnored",
                    $"Backend '{spec.BackendName}' has nas_host and nas_share_path, so Cinder uses the one share {nas.Share} and would never read the shares given.",
                    "Drop -Share to keep that share, or remove them: -Unset nas_host, nas_share_path");

            string? before = sharesText(sharesFile);
            string? after = null;
            if (nas is null)
            {
                if (unreadable?.Invoke(sharesFile) is { } why)
                    throw new CinderConfigConflict("SharesFileUnreadable", $"{sharesFile} is there but cannot be read ({why}), so its shares cannot be kept or edited.",
                        $"Make it a readable file (or remove it), or give -SharesFile another path.");
                var file = CinderSharesFile.Parse(before);
                if (spec.Shares is not null) file.ReplaceAll(spec.Shares);
                else if (file.Shares.Count == 0)
                    throw new CinderConfigConflict("SharesRequired",
                        $"Backend '{spec.BackendName}' has no share yet ({sharesFile} {(before is null ? "does not exist" : "lists none")}).",
                        $"Give its shares: Set-CinderNfsBackend -BackendName {spec.BackendName} -Share <server>:/<path>");
                after = file.Render();
                foreach (string problem in file.Problems) notes.Add($"{sharesFile}: {problem}");
                CheckMountOptions(config, backend, file.Shares, sharesText, notes);
            }
            notes.AddRange(backend.Notes().Where(n => !n.StartsWith("nfs_snapshot_support", StringComparison.Ordinal)));
            return new CinderBackendChange(backend, changed, nas is null ? sharesFile : null, after, notes);
        }

        /// <summary>
        /// Edits an existing backend's shares file without restating its list (Add-/Remove-CinderNfsShare);
        /// the backend must exist, read a shares file, and keep at least one share.
        /// </summary>
        public static CinderBackendChange EditShares(CinderConfiguration config, string backendName, Func<string, string?> sharesText, Action<CinderSharesFile> edit,
            Func<string, string?>? unreadable = null)
        {
            var backend = config.Find(backendName)
                ?? throw new CinderConfigConflict("CinderBackendNotFound", $"cinder.conf has no NFS backend '{backendName}'.",
                    $"Create it with Set-CinderNfsBackend -BackendName {backendName} -Share <server>:/<path>.");
            if (backend.NasShare is { } nas)
                throw new CinderConfigConflict("SharesFileIgnored",
                    $"Backend '{backendName}' has nas_host and nas_share_path, so Cinder uses the one share {nas.Share} and reads no shares file.",
                    "Change nas_host and nas_share_path with Set-CinderNfsBackend, or remove them (-Unset nas_host, nas_share_path) to use a shares file.");
            if (unreadable?.Invoke(backend.SharesFile) is { } why)
                throw new CinderConfigConflict("SharesFileUnreadable", $"{backend.SharesFile} is there but cannot be read ({why}).", "Make it a readable file first.");
            var file = CinderSharesFile.Parse(sharesText(backend.SharesFile));
            edit(file);
            if (file.Shares.Count == 0)
                throw new CinderConfigConflict("LastShare",
                    $"That would leave backend '{backendName}' without a share, and its NfsDriver would refuse to start (NfsNoSharesMounted).",
                    $"Remove the backend instead: Remove-CinderNfsBackend -BackendName {backendName}");
            var notes = file.Problems.Select(p => $"{backend.SharesFile}: {p}").ToList();
            CheckMountOptions(config, backend, file.Shares, sharesText, notes);
            return new CinderBackendChange(backend, false, backend.SharesFile, file.Render(), notes);
        }

        /// <summary>Takes a backend out: its section and enabled_backends entry (or its [DEFAULT] driver settings). False when there was nothing.</summary>
        public static bool Remove(CinderConfiguration config, CinderNfsBackendConfig backend)
        {
            var conf = config.Document;
            if (backend.Layout == CinderLayout.Default)
                return conf.Remove("DEFAULT", CinderNfsOptions.VolumeDriver) | conf.Remove("DEFAULT", CinderNfsOptions.SharesConfig);
            bool changed = false;
            var enabled = config.EnabledBackends.ToList();
            if (enabled.Remove(backend.Name))
                changed |= enabled.Count == 0 ? conf.Remove("DEFAULT", "enabled_backends") : conf.Set("DEFAULT", "enabled_backends", IniDocument.JoinList(enabled));
            changed |= conf.RemoveSection(backend.Section);
            return changed;
        }

        private static void CheckDefaultLayout(CinderConfiguration config, Version? cinderVersion, List<string> notes)
        {
            if (cinderVersion is not null && cinderVersion.Major >= FirstReleaseWithoutDefaultLayout)
                throw new CinderConfigConflict("DefaultLayoutNotSupported",
                    $"Cinder {cinderVersion} on this host does not read a driver from [DEFAULT]: since Cinder 10.0 (Ocata) cinder-volume refuses to start without enabled_backends (\"Using DEFAULT section to configure drivers is not supported since Ocata\").",
                    "Use -Layout MultiBackend (the default): enabled_backends plus a section of its own, which every Cinder since Grizzly reads.");
            if (config.EnabledBackends.Count > 0)
                throw new CinderConfigConflict("DefaultLayoutIgnored",
                    $"enabled_backends is set in [DEFAULT] ({string.Join(",", config.EnabledBackends)}), so Cinder ignores a driver in [DEFAULT].",
                    "Use -Layout MultiBackend (the default).");
            if (cinderVersion is null)
                notes.Add("The Cinder version on this host is unknown: the [DEFAULT] layout works only with Cinder before 10.0 (Ocata); later releases refuse to start without enabled_backends.");
        }

        // mount.nfs refuses a mount whose options name the NFS version twice ("multiple version
        // options not permitted", seen on the lab's cinder1), and os-brick puts the backend's
        // options (or its own vers=4,minorversion=2, then 4.1) before a share's own.
        private static void CheckMountOptions(CinderConfiguration config, CinderNfsBackendConfig backend, IReadOnlyList<CinderNfsShare> shares,
            Func<string, string?> sharesText, List<string> notes)
        {
            NoteSharedSuperblocks(config, backend, shares, sharesText, notes);
            foreach (var share in shares)
            {
                if (Nfs.MountOptionComparison.ProtoProblem(CinderMounts.Requested(backend, share), Nfs.NfsShareAddress.IsIPv6Server(share.Server)) is { } problem)
                    throw new CinderConfigConflict("IPv6NeedsTcp6", $"{share.Share}: {problem} Cinder could not mount it.",
                        "Use proto=tcp6 in the options of IPv6 shares (-ShareMountOptions), or no proto at all.");
            }
            var versioned = shares.Where(s => Nfs.MountOptionComparison.NamesVersion(s.MountOptions)).ToList();
            if (versioned.Count == 0) return;
            if (Nfs.MountOptionComparison.NamesVersion(backend.MountOptions))
                throw new CinderConfigConflict("MultipleVersionOptions",
                    $"{backend.MountOptionsKey} ({backend.MountOptions}) names an NFS version, and so do the options of {string.Join(", ", versioned.Select(s => s.Share))}: mount.nfs refuses every such mount (\"multiple version options not permitted\") and Cinder mounts none of them.",
                    "Give the version in one place: in -MountOptions for every share, or only in the shares' own options (-ShareMountOptions).");
            notes.Add($"{string.Join(", ", versioned.Select(s => s.Share))} name their NFS version in their own options while the backend's do not: os-brick first tries its own vers=4 with minorversion 2 and 1 on top of them, which mount.nfs refuses (\"multiple version options not permitted\"), so each start logs two failed mounts per such share before the one that works. When every share uses one version, give it in -MountOptions instead.");
        }

        // Measured on cinder1: a second mount of one server's file system gets the superblock of
        // the first when the options the kernel compares agree, and keeps the first one's timeo
        // and retrans whatever it asked for; nosharecache gives it its own.
        private static void NoteSharedSuperblocks(CinderConfiguration config, CinderNfsBackendConfig backend, IReadOnlyList<CinderNfsShare> shares,
            Func<string, string?> sharesText, List<string> notes)
        {
            var all = config.NfsBackends.Where(b => b.Enabled && b.Section != backend.Section)
                .SelectMany(b => CinderMounts.SharesOf(b, sharesText).Select(s => (Backend: b, Share: s)))
                .Concat(shares.Select(s => (Backend: backend, Share: s))).ToList();
            foreach (var server in all.GroupBy(x => x.Share.Server))
            {
                var shared = server.Where(x => !string.Join(",", CinderMounts.Requested(x.Backend, x.Share)).Contains("nosharecache")).ToList();
                foreach (string option in Nfs.MountOptionComparison.SharedSuperblockOptions)
                {
                    var values = shared.Select(x => Nfs.MountOptionComparison.RequestedValue(CinderMounts.Requested(x.Backend, x.Share), option)).Distinct().ToList();
                    if (values.Count > 1)
                        notes.Add($"The shares of {server.Key} ({string.Join(", ", shared.Select(x => x.Share.Share))}) ask for different {option}: the kernel gives later mounts of one server's file system the superblock of the first, and its {option}, unless their options say nosharecache.");
                }
            }
        }

        private static void CheckSnapshots(CinderNfsBackendConfig backend, CinderNfsBackendSpec spec)
        {
            bool touched = spec.Options.ContainsKey(CinderNfsOptions.SnapshotSupport) || spec.Options.ContainsKey(CinderNfsOptions.NasSecureFileOperations)
                || spec.Unset.Contains(CinderNfsOptions.NasSecureFileOperations);
            if (touched && backend.Effective(CinderNfsOptions.SnapshotSupport) == "true" && backend.SecureFileOperationsMayBeOn)
                throw new CinderConfigConflict("SnapshotsNeedInsecureOperations",
                    $"nfs_snapshot_support = true with nas_secure_file_operations = '{backend.Effective(CinderNfsOptions.NasSecureFileOperations)}': the NfsDriver refuses to start (\"Snapshots are not supported with nas_secure_file_operations enabled ('true' or 'auto')\") whenever secure operations are on, and 'auto' turns them on for a new installation and for every share that has Cinder's .cinderSecureEnvIndicator.",
                    "Add -NasSecureFileOperations false (Cinder then runs file operations as root), or leave -SnapshotSupport off.");
        }
    }
}
