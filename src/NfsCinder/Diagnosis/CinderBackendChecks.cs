using System;
using System.Collections.Generic;
using System.Linq;
using NfsCinder.Cinder;
using NfsCinder.Nfs;

namespace NfsCinder.Diagnosis
{
    /// <summary>
    /// Judges one NFS backend from one probe of the volume host. Pure, so every verdict is
    /// tested on captured outputs; the order is the order an admin fixes things in.
    /// </summary>
    internal static class CinderBackendChecks
    {
        internal static IReadOnlyList<CinderBackendCheck> Evaluate(CinderConfiguration config, string backendName, CinderBackendProbe probe, TimeSpan deadline, string configFile)
        {
            var checkTimeout = probe.CheckSeconds is int seconds ? TimeSpan.FromSeconds(seconds) : deadline;
            var checks = new List<CinderBackendCheck>();
            var backend = config.Find(backendName);
            if (backend is null)
            {
                checks.Add(new CinderBackendCheck("Configuration", configFile, CheckStatus.Fail,
                    $"cinder.conf has no NFS backend '{backendName}' (no [{backendName}] section with the NfsDriver, nor the NfsDriver in [DEFAULT]).",
                    $"Set-CinderNfsBackend -Session $cinder -Share <server>:/<path> -BackendName {backendName} -Restart"));
                return checks;
            }
            checks.Add(Configuration(config, backend, probe, configFile));
            var shares = SharesFile(config, backend, probe, checks);
            checks.Add(SharesFilePermissions(backend, probe));
            checks.Add(VolumeService(probe));

            var survey = CinderMounts.Survey(config, probe.TextOf, probe.Mounts, known: probe.Knows);
            foreach (CinderNfsShare share in shares)
            {
                string mountPoint = backend.MountPointOf(share.Share);
                checks.Add(ShareReachable(backend, share, probe, checkTimeout));
                checks.Add(ShareMounted(share, mountPoint, probe));
                checks.Add(MountOptions(share, survey.FirstOrDefault(m => m.MountPoint == mountPoint)));
                checks.Add(CinderCanWrite(share, mountPoint, probe, checkTimeout));
            }
            checks.Add(StaleMounts(backend, survey));
            var allNfs = CinderVolumeLog.Drivers(CinderVolumeLog.Parse(probe.LogText)).Where(d => d.Driver == "NfsDriver").ToList();
            // The backend's own worker when the log tells which is which; every NfsDriver worker otherwise.
            var drivers = allNfs.Any(d => d.BackendName is not null) ? allNfs.Where(d => d.BackendName == backend.Section || d.BackendName == backendName).ToList() : allNfs;
            checks.Add(DriverStarted(probe, drivers, backendName));
            checks.Add(VolumeLog(probe, drivers));
            return checks;
        }

        private static CinderBackendCheck Configuration(CinderConfiguration config, CinderNfsBackendConfig backend, CinderBackendProbe probe, string configFile)
        {
            string name = backend.Name;
            string fix = $"Set-CinderNfsBackend -Session $cinder -Share <server>:/<path> -BackendName {name} -Restart";
            var notes = backend.Notes();
            if (backend.Layout == CinderLayout.Default)
            {
                if (probe.CinderVersion is { Major: >= 10 } version)
                    return new CinderBackendCheck("Configuration", configFile, CheckStatus.Fail,
                        $"The NfsDriver is set in [DEFAULT], which Cinder {version} does not read: since 10.0 (Ocata) cinder-volume exits without enabled_backends (\"Using DEFAULT section to configure drivers is not supported since Ocata\").",
                        $"Set-CinderNfsBackend -Session $cinder -BackendName {name} -Restart (moves it into [{name}] and enabled_backends)");
                if (config.EnabledBackends.Count > 0)
                    return new CinderBackendCheck("Configuration", configFile, CheckStatus.Fail,
                        $"The NfsDriver is set in [DEFAULT], but enabled_backends = {string.Join(",", config.EnabledBackends)} makes Cinder ignore [DEFAULT]'s driver settings.",
                        $"Set-CinderNfsBackend -Session $cinder -BackendName {name} -Layout MultiBackend -Restart");
                return new CinderBackendCheck("Configuration", configFile, notes.Count > 0 || probe.CinderVersion is null ? CheckStatus.Warn : CheckStatus.Pass,
                    $"[DEFAULT] uses the NfsDriver with shares in {backend.SharesFile} (the seed's single-backend layout, read only by Cinder before 10.0{(probe.CinderVersion is null ? "; this host's Cinder version is unknown" : "")}). {string.Join(" ", notes)}".Trim(),
                    $"Set-CinderNfsBackend -Session $cinder -BackendName {name} -Restart");
            }
            if (!backend.Enabled)
                return new CinderBackendCheck("Configuration", configFile, CheckStatus.Fail,
                    $"[{name}] is configured but not in enabled_backends ({(config.EnabledBackends.Count == 0 ? "empty" : string.Join(",", config.EnabledBackends))}), so cinder-volume never starts it.", fix);
            string refused = notes.FirstOrDefault(n => n.StartsWith("nfs_snapshot_support", StringComparison.Ordinal)) ?? "";
            if (refused.Length > 0)
                return new CinderBackendCheck("Configuration", configFile, CheckStatus.Fail, refused,
                    $"Set-CinderNfsBackend -Session $cinder -BackendName {name} -NasSecureFileOperations false -Restart (or -SnapshotSupport $false)");
            if (backend.Written(CinderNfsOptions.SharesConfig) is null && backend.NasShare is null)
                notes = new[] { $"[{name}] names no nfs_shares_config, so Cinder reads {backend.SharesFile}." }.Concat(notes).ToList();
            string summary = $"[{name}] uses the NfsDriver with {(backend.NasShare is { } nas ? "the share " + nas.Share : "shares in " + backend.SharesFile)}; enabled_backends = {string.Join(",", config.EnabledBackends)}.";
            return notes.Count == 0
                ? new CinderBackendCheck("Configuration", configFile, CheckStatus.Pass, summary)
                : new CinderBackendCheck("Configuration", configFile, CheckStatus.Warn, summary + " " + string.Join(" ", notes),
                    $"Set-CinderNfsBackend -Session $cinder -BackendName {name} with the settings meant (-Unset removes a key); Get-CinderNfsBackend shows them");
        }

        private static IReadOnlyList<CinderNfsShare> SharesFile(CinderConfiguration config, CinderNfsBackendConfig backend, CinderBackendProbe probe, List<CinderBackendCheck> checks)
        {
            string sharesFile = backend.SharesFile;
            string fix = $"Set-CinderNfsBackend -Session $cinder -Share <server>:/<path> -BackendName {backend.Name} -Restart";
            if (backend.NasShare is { } nas)
            {
                checks.Add(new CinderBackendCheck("SharesFile", sharesFile, CheckStatus.Pass, $"not read: nas_host and nas_share_path give the one share {nas.Share}."));
                return new[] { nas };
            }
            if (probe.Files.TryGetValue(sharesFile, out var read) && read?.Unreadable is { } why)
            {
                checks.Add(new CinderBackendCheck("SharesFile", sharesFile, CheckStatus.Fail, $"{sharesFile}, named by nfs_shares_config, cannot be read: {why}. Cinder finds no share there.", fix));
                return Array.Empty<CinderNfsShare>();
            }
            string? text = probe.TextOf(sharesFile);
            if (text is null)
            {
                checks.Add(new CinderBackendCheck("SharesFile", sharesFile, CheckStatus.Fail, $"{sharesFile}, named by nfs_shares_config, does not exist.", fix));
                return Array.Empty<CinderNfsShare>();
            }
            var file = CinderSharesFile.Parse(text);
            var shares = file.Shares;
            var sharedWith = config.NfsBackends.Where(b => b.Enabled && b.Section != backend.Section && b.NasShare is null && b.SharesFile == sharesFile).Select(b => b.Name).ToList();
            if (shares.Count == 0)
                checks.Add(new CinderBackendCheck("SharesFile", sharesFile, CheckStatus.Fail,
                    $"{sharesFile} lists no share Cinder can use.{(file.Problems.Count > 0 ? " " + string.Join(" ", file.Problems) : "")}", fix));
            else if (file.Problems.Count > 0 || sharedWith.Count > 0)
                checks.Add(new CinderBackendCheck("SharesFile", sharesFile, CheckStatus.Warn,
                    $"{shares.Count} share(s): {string.Join(", ", shares)}. " + string.Join(" ", file.Problems)
                    + (sharedWith.Count > 0 ? $" It is also the shares file of backend(s) {string.Join(", ", sharedWith)}: both mount the same shares and count their space twice." : ""),
                    sharedWith.Count > 0 ? $"Give each backend its own file: Set-CinderNfsBackend -Session $cinder -BackendName {sharedWith[0]} -SharesFile /etc/cinder/nfsshares-{sharedWith[0]} -Share ..." : fix));
            else
                checks.Add(new CinderBackendCheck("SharesFile", sharesFile, CheckStatus.Pass, $"{shares.Count} share(s): {string.Join(", ", shares)}."));
            return shares;
        }

        private static CinderBackendCheck SharesFilePermissions(CinderNfsBackendConfig backend, CinderBackendProbe probe)
        {
            string sharesFile = backend.SharesFile;
            if (backend.NasShare is not null)
                return new CinderBackendCheck("SharesFilePermissions", sharesFile, CheckStatus.Pass, "not read (nas_host and nas_share_path).");
            var file = probe.Files.TryGetValue(sharesFile, out var f) ? f : null;
            if (file is null || file.Unreadable is not null)
                return new CinderBackendCheck("SharesFilePermissions", sharesFile, CheckStatus.Fail, $"{sharesFile} does not exist.", "Set-CinderNfsBackend -Session $cinder -Share <server>:/<path>");
            string found = $"{file.Owner}:{file.Group} {file.Mode}";
            int mode = Convert.ToInt32(file.Mode, 8);
            string fix = $"Set-CinderNfsBackend rewrites it as root:cinder 0640; or: Invoke-NfsCinderCommand -Session $cinder -ArgumentList chown, root:cinder, {sharesFile}; then chmod 0640";
            bool cinderReads = file.Owner == "cinder" && (mode & 0x100) != 0 || file.Group == "cinder" && (mode & 0x20) != 0 || (mode & 0x4) != 0;
            if (!cinderReads)
                return new CinderBackendCheck("SharesFilePermissions", sharesFile, CheckStatus.Fail, $"{found}: the cinder user cannot read it.", fix);
            if (file.Owner == "root" && file.Group == "cinder" && mode == Convert.ToInt32("640", 8))
                return new CinderBackendCheck("SharesFilePermissions", sharesFile, CheckStatus.Pass, "root:cinder 640.");
            return new CinderBackendCheck("SharesFilePermissions", sharesFile, CheckStatus.Warn,
                $"{found}, not root:cinder 640{((mode & 0x2) != 0 ? ": other users can change the share list" : (mode & 0x4) != 0 ? ": other users can read the share list" : "")}.", fix);
        }

        private static CinderBackendCheck VolumeService(CinderBackendProbe probe)
        {
            if (probe.Unit is null)
                return new CinderBackendCheck("VolumeService", null, CheckStatus.Fail,
                    "No cinder-volume unit (openstack-cinder-volume, cinder-volume, devstack@c-vol) on this host.", "Run this against the Cinder volume host.");
            return probe.UnitState == "active"
                ? new CinderBackendCheck("VolumeService", probe.Unit, CheckStatus.Pass, $"active since {probe.Since}.")
                : new CinderBackendCheck("VolumeService", probe.Unit, CheckStatus.Fail, $"{probe.Unit} is {probe.UnitState}.", "Restart-CinderVolumeService -Session $cinder");
        }

        private static CinderBackendCheck ShareReachable(CinderNfsBackendConfig backend, CinderNfsShare share, CinderBackendProbe probe, TimeSpan timeout)
        {
            string server = share.Server, path = share.ExportPath;
            var rpc4 = probe.Check("rpc4", server);
            var rpc3 = probe.Check("rpc3", server);
            var showmount = probe.Check("showmount", server);
            if (showmount is null)
                return new CinderBackendCheck("ShareReachable", share.Share, CheckStatus.Warn, "Not checked: the host did not report this share.", "Run Test-CinderNfsBackend again.");
            string seconds = $"{timeout.TotalSeconds:0}";
            string versions = rpc4 is null ? "" : $" (NFS on port 2049: v4 {(rpc4.Passed ? "answers" : "no")}, v3 {(rpc3?.Passed == true ? "answers" : "no")})";
            string? wrongVersion = VersionMismatch(backend, share, rpc4, rpc3);
            if (showmount.Passed)
            {
                var exports = ShowmountOutput.ParseExports(showmount.Output).Exports;
                if (!exports.Any(e => e.Path == path))
                    return new CinderBackendCheck("ShareReachable", share.Share, CheckStatus.Fail,
                        $"{server} answers but does not export {path} (it exports {(exports.Count == 0 ? "nothing" : string.Join(", ", exports.Select(e => e.Path)))}).",
                        $"New-NfsExport -Session $nfs -Path {path} -Client <cinder host or subnet>(rw,sync,no_subtree_check) -Apply");
                if (wrongVersion is not null)
                    return new CinderBackendCheck("ShareReachable", share.Share, CheckStatus.Fail, wrongVersion + versions, "Ask for a version the server offers (-MountOptions / -ShareMountOptions vers=...), or enable it on the server (/etc/nfs.conf [nfsd]).");
                return new CinderBackendCheck("ShareReachable", share.Share, CheckStatus.Pass,
                    $"{server} exports {path} ({string.Join(",", exports.First(e => e.Path == path).Clients)}){versions}.");
            }
            var failure = ShowmountOutput.ClassifyFailure(showmount.Output);
            bool nfsAnswers = rpc4?.Passed == true || rpc3?.Passed == true;
            if (nfsAnswers)
            {
                if (wrongVersion is not null)
                    return new CinderBackendCheck("ShareReachable", share.Share, CheckStatus.Fail, wrongVersion + versions, "Ask for a version the server offers (-MountOptions vers=4.2), or enable it on the server.");
                // An NFSv4-only server runs no MOUNT protocol: Cinder mounts it fine over 2049.
                return new CinderBackendCheck("ShareReachable", share.Share, CheckStatus.Warn,
                    $"{server} answers NFS{versions}, but not showmount ({(showmount.OutOfTime ? "no answer within " + seconds + " s" : showmount.Output.Trim())}): an NFSv4-only server, or one whose rpcbind or mountd is closed. Its export list cannot be read, so the export of {path} is not checked here; ShareMounted tells whether Cinder could mount it.",
                    "Nothing for an NFSv4-only server if the share mounts; otherwise " + ShowmountOutput.RemedyFor(failure));
            }
            if (showmount.OutOfTime || rpc4?.OutOfTime == true)
                return new CinderBackendCheck("ShareReachable", share.Share, CheckStatus.Fail,
                    $"{server} did not answer within {seconds} s (showmount -e{(rpc4 is null ? "" : ", and an NFS call to port 2049")}).",
                    $"Check the network and firewall to {server} (2049/tcp for NFSv4; 111 and mountd for NFSv3); Get-NfsRemoteExport -Session $cinder -Server {server}");
            if (rpc4 is not null)
                return new CinderBackendCheck("ShareReachable", share.Share, CheckStatus.Fail,
                    $"Nothing answers NFS on {server}:2049 ({FirstLine(rpc4.Output)}), and showmount -e {server}: {ShowmountOutput.CauseFor(failure)} ({showmount.Output.Trim()})",
                    $"Start the NFS server on {server} (systemctl enable --now nfs-server) and open 2049/tcp in its firewall; " + ShowmountOutput.RemedyFor(failure));
            return new CinderBackendCheck("ShareReachable", share.Share, CheckStatus.Fail,
                $"showmount -e {server}: {ShowmountOutput.CauseFor(failure)} ({showmount.Output.Trim()})", ShowmountOutput.RemedyFor(failure));
        }

        // The version the share's options ask for, against what the server answered on 2049.
        private static string? VersionMismatch(CinderNfsBackendConfig backend, CinderNfsShare share, ProbeCheck? rpc4, ProbeCheck? rpc3)
        {
            if (rpc4 is null || rpc3 is null) return null;
            var asked = MountOptionComparison.RequestedVersion(CinderMounts.Requested(backend, share));
            if (asked is null) return null;
            if (asked.StartsWith("3", StringComparison.Ordinal) && !rpc3.Passed && rpc4.Passed)
                return $"The options ask for NFSv3 (vers={asked}), but {share.Server} answers only NFSv4.";
            if (asked.StartsWith("4", StringComparison.Ordinal) && !rpc4.Passed && rpc3.Passed)
                return $"The options ask for NFSv4 (vers={asked}), but {share.Server} answers only NFSv3.";
            return null;
        }

        private static CinderBackendCheck ShareMounted(CinderNfsShare share, string mountPoint, CinderBackendProbe probe)
        {
            MountTableEntry? entry = probe.Mounts.LastOrDefault(m => m.MountPoint == mountPoint);
            if (entry is not null)
                return new CinderBackendCheck("ShareMounted", share.Share, CheckStatus.Pass,
                    $"mounted at {mountPoint} ({entry.FsType}{(entry.Version is null ? "" : " vers=" + entry.Version)}).");
            var elsewhere = probe.Mounts.Where(m => m.Source == share.Share).Select(m => m.MountPoint).ToList();
            return new CinderBackendCheck("ShareMounted", share.Share, CheckStatus.Fail,
                $"Cinder has not mounted it at {mountPoint}{(elsewhere.Count > 0 ? " (it is mounted at " + string.Join(", ", elsewhere) + ", which Cinder does not use)" : "")}.",
                "Fix the failing checks above, then Restart-CinderVolumeService -Session $cinder; Find-NfsCinderProblem -Session $cinder tells what the volume log says.");
        }

        private static CinderBackendCheck MountOptions(CinderNfsShare share, CinderMount? mount)
        {
            if (mount is null)
                return new CinderBackendCheck("MountOptions", share.Share, CheckStatus.Warn, "Not checked: the share is not mounted.", "Fix ShareMounted first.");
            if (mount.Status == CinderMountStatus.Current)
                return new CinderBackendCheck("MountOptions", share.Share, CheckStatus.Pass, $"{mount.Detail} ({mount.LiveOptions}).");
            return new CinderBackendCheck("MountOptions", share.Share, CheckStatus.Warn,
                $"{mount.MountPoint}: {mount.Detail}. Cinder does not mount a share again while it is mounted, so the configured options are not in effect.",
                "Restart-CinderVolumeService -Session $cinder (it unmounts the share while the service is stopped, unless a process holds it, so the NfsDriver mounts it with the configured options)");
        }

        private static CinderBackendCheck CinderCanWrite(CinderNfsShare share, string mountPoint, CinderBackendProbe probe, TimeSpan timeout)
        {
            var write = probe.Check("write", mountPoint);
            if (write is null)
                return new CinderBackendCheck("CinderCanWrite", share.Share, CheckStatus.Warn, "Not checked: the share is not mounted.", "Fix ShareMounted first.");
            if (write.Exit == 3)
                return new CinderBackendCheck("CinderCanWrite", share.Share, CheckStatus.Fail,
                    $"{mountPoint} is mounted but does not answer: {write.Output.Replace('\n', ' ')}.",
                    $"A stale handle (the export was removed or re-created on the server) needs the share mounted again, which Cinder does not do while it is mounted: Dismount-NfsShare -Session $cinder -MountPath {mountPoint} -Force; Restart-CinderVolumeService -Session $cinder");
            if (write.Passed)
                return new CinderBackendCheck("CinderCanWrite", share.Share, CheckStatus.Pass, $"the cinder user can create files in {mountPoint} (secure mode possible).");
            if (write.OutOfTime)
                return new CinderBackendCheck("CinderCanWrite", share.Share, CheckStatus.Fail,
                    $"{mountPoint} did not answer within {timeout.TotalSeconds:0} s: its server is down or unreachable, and anything that touches the mount hangs.",
                    $"Bring {share.Server} back, or see ShareReachable; Get-NfsMount -Session $cinder shows which mounts respond.");
            string error = write.Output.Replace('\n', ' ');
            if (error.IndexOf("Read-only file system", StringComparison.Ordinal) >= 0)
                return new CinderBackendCheck("CinderCanWrite", share.Share, CheckStatus.Fail,
                    $"{mountPoint} is read-only ({error}): Cinder cannot create volumes there.",
                    $"Export {share.ExportPath} read-write (rw) to the Cinder host: Set-NfsExport -Session $nfs -Path {share.ExportPath} ...; check nfs_mount_options for ro.");
            if (error.IndexOf("Permission denied", StringComparison.Ordinal) < 0 && error.IndexOf("Operation not permitted", StringComparison.Ordinal) < 0)
                return new CinderBackendCheck("CinderCanWrite", share.Share, CheckStatus.Fail,
                    $"writing to {mountPoint} fails: {error}. The mount does not work as it is (a server that changed what it offers, a stale handle).",
                    "See ShareReachable; Restart-CinderVolumeService -Session $cinder mounts it again once the server offers what the options ask for.");
            string uid = probe.CinderUid ?? "cinder";
            string gid = probe.CinderGid ?? uid;
            return new CinderBackendCheck("CinderCanWrite", share.Share, CheckStatus.Fail,
                $"the cinder user cannot write to {mountPoint}{(error.Length == 0 ? "" : ": " + error)}. Cinder then logs 'Reverting to non-secure mode' and runs file operations as root with world-writable volumes.",
                $"Give the export to cinder's uid on the NFS server: New-NfsExport -Session $nfs -Path {share.ExportPath} -Client <clients> -CreateDirectory -Owner {uid} -Group {gid} -Apply; then Restart-CinderVolumeService -Session $cinder");
        }

        private static CinderBackendCheck StaleMounts(CinderNfsBackendConfig backend, IReadOnlyList<CinderMount> survey)
        {
            var stale = survey.Where(m => m.Status == CinderMountStatus.Stale && m.MountPoint.StartsWith(backend.MountPointBase + "/", StringComparison.Ordinal)).ToList();
            if (stale.Count == 0)
                return new CinderBackendCheck("StaleMounts", backend.MountPointBase, CheckStatus.Pass, $"every NFS mount under {backend.MountPointBase} is a share of an enabled backend.");
            return new CinderBackendCheck("StaleMounts", backend.MountPointBase, CheckStatus.Warn,
                $"{stale.Count} mount(s) under {backend.MountPointBase} of shares no enabled backend lists: {string.Join("; ", stale.Select(m => $"{m.Share} on {m.MountPoint}"))}. Cinder never unmounts a share dropped from its shares file.",
                "Restart-CinderVolumeService -Session $cinder unmounts them while the service is stopped (unless a process holds them)");
        }

        private static CinderBackendCheck DriverStarted(CinderBackendProbe probe, IReadOnlyList<CinderDriverState> drivers, string backendName)
        {
            if (probe.LogFile is null)
                return new CinderBackendCheck("DriverStarted", null, CheckStatus.Warn, "No /var/log/cinder/cinder-volume.log or volume.log to read the driver's start from.", "Read the unit's journal: journalctl -u <unit>");
            if (drivers.Count == 0)
                return new CinderBackendCheck("DriverStarted", probe.LogFile, CheckStatus.Warn,
                    $"No NfsDriver of backend '{backendName}' started since cinder-volume became active ({probe.Since}); a configuration written since then is not in effect.",
                    "Restart-CinderVolumeService -Session $cinder");
            var failed = drivers.Where(d => d.Status == CinderDriverStatus.Failed).ToList();
            if (failed.Count > 0)
                return new CinderBackendCheck("DriverStarted", probe.LogFile, CheckStatus.Fail, string.Join("; ", failed.Select(d => $"{d}: {d.LastError}")),
                    "Fix what the error names (Find-NfsCinderProblem -Session $cinder explains the known ones), then Restart-CinderVolumeService -Session $cinder");
            var starting = drivers.Where(d => d.Status == CinderDriverStatus.Starting).ToList();
            if (starting.Count > 0)
                return new CinderBackendCheck("DriverStarted", probe.LogFile, CheckStatus.Warn,
                    string.Join("; ", starting.Select(d => d + (d.LastError is null ? "" : $" (last error: {d.LastError})"))),
                    "Wait for it, or read the last error: Find-NfsCinderProblem -Session $cinder");
            return new CinderBackendCheck("DriverStarted", probe.LogFile, CheckStatus.Pass,
                string.Join("; ", drivers.Select(d => d + (d.FailedAttempts > 0 ? $" (retried after: {d.LastError})" : ""))) + $", since {probe.Since}.");
        }

        private static CinderBackendCheck VolumeLog(CinderBackendProbe probe, IReadOnlyList<CinderDriverState> drivers)
        {
            if (probe.LogFile is null)
                return new CinderBackendCheck("VolumeLog", null, CheckStatus.Warn, "No volume log to read.", "Read the unit's journal: journalctl -u <unit>");
            var pids = new HashSet<int>(drivers.Select(d => d.Pid));
            var nfsLines = probe.LogText.Split('\n').Where(l => CinderVolumeLog.ParseLine(l) is { } e && pids.Contains(e.Pid));
            var findings = LogSignatures.Scan(probe.LogFile, nfsLines)
                .Where(f => f.Signature != "DriverNotInitialized") // DriverStarted already judges the outcome
                .ToList();
            if (findings.Count == 0)
                return new CinderBackendCheck("VolumeLog", probe.LogFile, CheckStatus.Pass, $"no known NFS failure in the NfsDriver's lines since {probe.Since}.");
            // Errors the driver got past (it retried and initialized) are history worth knowing, not a failure now.
            bool recovered = drivers.Count > 0 && drivers.All(d => d.Status == CinderDriverStatus.Initialized);
            bool error = !recovered && findings.Any(f => f.Severity == LogFindingSeverity.Error);
            return new CinderBackendCheck("VolumeLog", probe.LogFile, error ? CheckStatus.Fail : CheckStatus.Warn,
                (recovered ? "The NfsDriver started, and logged: " : "") + string.Join(" ", findings.Select(f => $"{f.Signature} x{f.Count}: {f.Cause}")),
                string.Join("; ", findings.Select(f => f.Fix).Where(f => !f.StartsWith("Test-CinderNfsBackend", StringComparison.Ordinal)).DefaultIfEmpty("See DriverStarted.").Distinct()));
        }

        private static string FirstLine(string text) => text.Split('\n').FirstOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "";
    }
}
