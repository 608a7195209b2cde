using System;
using System.Collections.Generic;
using System.Linq;
using NfsCinder.Diagnosis;
using NfsCinder.Nfs;

namespace NfsCinder.Cinder
{
    /// <summary>
    /// Judges one NFS backend from cinder.conf and one probe of the volume host. Pure, so every
    /// verdict is tested on captured outputs; the order is the order an admin fixes things in.
    /// </summary>
    internal static class CinderBackendChecks
    {
        internal static IReadOnlyList<CinderBackendCheck> Evaluate(IniDocument conf, string backendName, Func<string, string, CinderBackendProbe> probeFor, TimeSpan shareTimeout)
        {
            var checks = new List<CinderBackendCheck>();
            var located = CinderBackendEditor.Locate(conf, backendName);
            if (located is null)
            {
                checks.Add(new CinderBackendCheck("Configuration", CinderFiles.ConfigFile, CheckStatus.Fail,
                    $"cinder.conf has no NFS backend '{backendName}' (no [{backendName}] section with the NfsDriver, nor the NfsDriver in [DEFAULT]).",
                    $"Set-CinderNfsBackend -Session $cinder -Share <server>:/<path> -BackendName {backendName} -Restart"));
                return checks;
            }
            string section = located.Value.Section;
            string sharesFile = conf.Get(section, "nfs_shares_config") ?? CinderFiles.DefaultSharesFile;
            checks.Add(Configuration(conf, backendName, located.Value.Layout, section, sharesFile));

            string mountBase = CinderBackendEditor.MountPointBaseOf(conf, section);
            CinderBackendProbe probe = probeFor(sharesFile, mountBase);
            var shares = SharesFile(probe, sharesFile, backendName, checks);
            checks.Add(SharesFilePermissions(probe, sharesFile));
            checks.Add(VolumeService(probe));

            foreach (CinderNfsShare share in shares)
            {
                ShareProbe? seen = probe.Shares.FirstOrDefault(p => p.Share == share.Share);
                checks.Add(ShareReachable(share, seen, shareTimeout));
                checks.Add(ShareMounted(share, seen, CinderBackendEditor.MountPointOf(share.Share, mountBase), probe));
                checks.Add(CinderCanWrite(share, seen, probe));
            }
            var drivers = CinderVolumeLog.Drivers(CinderVolumeLog.Parse(probe.LogText)).Where(d => d.Driver == "NfsDriver").ToList();
            checks.Add(DriverStarted(probe, drivers));
            checks.Add(VolumeLog(probe, drivers));
            return checks;
        }

        private static CinderBackendCheck Configuration(IniDocument conf, string backendName, CinderLayout layout, string section, string sharesFile)
        {
            string fix = $"Set-CinderNfsBackend -Session $cinder -Share <server>:/<path> -BackendName {backendName} -Restart";
            if (conf.Get(section, "nfs_shares_config") is null)
                return new CinderBackendCheck("Configuration", CinderFiles.ConfigFile, CheckStatus.Warn,
                    $"[{section}] has the NfsDriver but no nfs_shares_config; Cinder falls back to {CinderFiles.DefaultSharesFile}.", fix);
            if (layout == CinderLayout.MultiBackend)
            {
                var enabled = (conf.Get("DEFAULT", "enabled_backends") ?? "").Split(',').Select(b => b.Trim()).Where(b => b.Length > 0).ToList();
                if (!enabled.Contains(backendName))
                    return new CinderBackendCheck("Configuration", CinderFiles.ConfigFile, CheckStatus.Fail,
                        $"[{backendName}] is configured but not in enabled_backends ({(enabled.Count == 0 ? "empty" : string.Join(",", enabled))}), so cinder-volume never starts it.", fix);
                return new CinderBackendCheck("Configuration", CinderFiles.ConfigFile, CheckStatus.Pass,
                    $"[{backendName}] uses the NfsDriver with shares in {sharesFile}; enabled_backends = {string.Join(",", enabled)}.");
            }
            string? enabledDefault = conf.Get("DEFAULT", "enabled_backends");
            if (!string.IsNullOrWhiteSpace(enabledDefault))
                return new CinderBackendCheck("Configuration", CinderFiles.ConfigFile, CheckStatus.Fail,
                    $"The NfsDriver is set in [DEFAULT], but enabled_backends = {enabledDefault} makes Cinder ignore [DEFAULT]'s driver settings.",
                    $"Set-CinderNfsBackend -Session $cinder -Share <server>:/<path> -BackendName {backendName} -Layout MultiBackend -Restart");
            return new CinderBackendCheck("Configuration", CinderFiles.ConfigFile, CheckStatus.Pass,
                $"[DEFAULT] uses the NfsDriver with shares in {sharesFile} (the seed's single-backend layout).");
        }

        private static IReadOnlyList<CinderNfsShare> SharesFile(CinderBackendProbe probe, string sharesFile, string backendName, List<CinderBackendCheck> checks)
        {
            string fix = $"Set-CinderNfsBackend -Session $cinder -Share <server>:/<path> -BackendName {backendName} -Restart";
            if (probe.SharesText is null)
            {
                checks.Add(new CinderBackendCheck("SharesFile", sharesFile, CheckStatus.Fail, $"{sharesFile}, named by nfs_shares_config, does not exist.", fix));
                return Array.Empty<CinderNfsShare>();
            }
            IReadOnlyList<CinderNfsShare> shares;
            try { shares = CinderBackendEditor.ParseShares(probe.SharesText); }
            catch (ArgumentException ex)
            {
                checks.Add(new CinderBackendCheck("SharesFile", sharesFile, CheckStatus.Fail, $"{sharesFile} has a line Cinder cannot use: {ex.Message}", fix));
                return Array.Empty<CinderNfsShare>();
            }
            checks.Add(shares.Count == 0
                ? new CinderBackendCheck("SharesFile", sharesFile, CheckStatus.Fail, $"{sharesFile} lists no share.", fix)
                : new CinderBackendCheck("SharesFile", sharesFile, CheckStatus.Pass, $"{shares.Count} share(s): {string.Join(", ", shares)}."));
            return shares;
        }

        private static CinderBackendCheck SharesFilePermissions(CinderBackendProbe probe, string sharesFile)
        {
            if (probe.SharesOwner is null)
                return new CinderBackendCheck("SharesFilePermissions", sharesFile, CheckStatus.Fail, $"{sharesFile} does not exist.", "Set-CinderNfsBackend -Session $cinder -Share <server>:/<path>");
            string found = $"{probe.SharesOwner}:{probe.SharesGroup} {probe.SharesMode}";
            int mode = Convert.ToInt32(probe.SharesMode, 8);
            string fix = $"Set-CinderNfsBackend rewrites it as root:cinder 0640; or: Invoke-NfsCinderCommand -Session $cinder -ArgumentList chown, root:cinder, {sharesFile}; then chmod 0640";
            bool cinderReads = probe.SharesOwner == "cinder" && (mode & 0x100) != 0 || probe.SharesGroup == "cinder" && (mode & 0x20) != 0 || (mode & 0x4) != 0;
            if (!cinderReads)
                return new CinderBackendCheck("SharesFilePermissions", sharesFile, CheckStatus.Fail, $"{found}: the cinder user cannot read it.", fix);
            if (probe.SharesOwner == "root" && probe.SharesGroup == "cinder" && mode == Convert.ToInt32("640", 8))
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

        private static CinderBackendCheck ShareReachable(CinderNfsShare share, ShareProbe? seen, TimeSpan timeout)
        {
            if (seen is null || seen.ShowmountExit < 0)
                return new CinderBackendCheck("ShareReachable", share.Share, CheckStatus.Warn, "Not checked: the host did not report this share.", "Run Test-CinderNfsBackend again.");
            MountTable.SplitSource(share.Share, out string server, out string path);
            if (seen.ShowmountExit == 124 || seen.ShowmountExit == 137)
                return new CinderBackendCheck("ShareReachable", share.Share, CheckStatus.Fail,
                    $"showmount -e {server} did not answer within {timeout.TotalSeconds:0} s.", $"Check the network and firewall to {server}; Get-NfsRemoteExport -Session $cinder -Server {server}");
            string text = string.Join("\n", seen.ShowmountOutput);
            if (seen.ShowmountExit != 0)
            {
                var failure = ShowmountOutput.ClassifyFailure(text);
                return new CinderBackendCheck("ShareReachable", share.Share, CheckStatus.Fail,
                    $"showmount -e {server}: {ShowmountOutput.CauseFor(failure)} ({text.Trim()})", ShowmountOutput.RemedyFor(failure));
            }
            var exports = ShowmountOutput.ParseExports(text).Exports;
            return exports.Any(e => e.Path == path)
                ? new CinderBackendCheck("ShareReachable", share.Share, CheckStatus.Pass, $"{server} exports {path} ({string.Join(",", exports.First(e => e.Path == path).Clients)}).")
                : new CinderBackendCheck("ShareReachable", share.Share, CheckStatus.Fail,
                    $"{server} answers but does not export {path} (it exports {(exports.Count == 0 ? "nothing" : string.Join(", ", exports.Select(e => e.Path)))}).",
                    $"New-NfsExport -Session $nfs -Path {path} -Client <cinder host or subnet>(rw,sync,no_subtree_check) -Apply");
        }

        private static CinderBackendCheck ShareMounted(CinderNfsShare share, ShareProbe? seen, string mountPoint, CinderBackendProbe probe)
        {
            MountTableEntry? entry = probe.Mounts.LastOrDefault(m => m.MountPoint == mountPoint);
            if (entry is not null && entry.FsType.StartsWith("nfs", StringComparison.Ordinal))
                return new CinderBackendCheck("ShareMounted", share.Share, CheckStatus.Pass,
                    $"mounted at {mountPoint} ({entry.FsType}{(entry.Version is null ? "" : " vers=" + entry.Version)}).");
            return new CinderBackendCheck("ShareMounted", share.Share, CheckStatus.Fail,
                entry is null ? $"Cinder has not mounted it at {mountPoint}." : $"{mountPoint} holds a {entry.FsType} file system, not the share.",
                "Fix the failing checks above, then Restart-CinderVolumeService -Session $cinder; Find-NfsCinderProblem -Session $cinder tells what the volume log says.");
        }

        private static CinderBackendCheck CinderCanWrite(CinderNfsShare share, ShareProbe? seen, CinderBackendProbe probe)
        {
            if (seen is null || !seen.Mounted || seen.WriteExit is null)
                return new CinderBackendCheck("CinderCanWrite", share.Share, CheckStatus.Warn, "Not checked: the share is not mounted.", "Fix ShareMounted first.");
            if (seen.WriteExit == 0)
                return new CinderBackendCheck("CinderCanWrite", share.Share, CheckStatus.Pass, $"the cinder user can create files in {seen.MountPoint} (secure mode possible).");
            string ids = probe.CinderUid is null ? "cinder" : $"{probe.CinderUid}";
            string gid = probe.CinderGid ?? ids;
            MountTable.SplitSource(share.Share, out _, out string path);
            return new CinderBackendCheck("CinderCanWrite", share.Share, CheckStatus.Fail,
                $"the cinder user cannot write to {seen.MountPoint}{(seen.WriteError.Length == 0 ? "" : ": " + seen.WriteError)}. Cinder then logs 'Reverting to non-secure mode' and runs file operations as root with world-writable volumes.",
                $"Give the export to cinder's uid on the NFS server: New-NfsExport -Session $nfs -Path {path} -Client <clients> -CreateDirectory -Owner {ids} -Group {gid} -Apply; then Restart-CinderVolumeService -Session $cinder");
        }

        private static CinderBackendCheck DriverStarted(CinderBackendProbe probe, IReadOnlyList<CinderDriverState> drivers)
        {
            if (probe.LogFile is null)
                return new CinderBackendCheck("DriverStarted", null, CheckStatus.Warn, "No /var/log/cinder/cinder-volume.log or volume.log to read the driver's start from.", "Read the unit's journal: journalctl -u <unit>");
            if (drivers.Count == 0)
                return new CinderBackendCheck("DriverStarted", probe.LogFile, CheckStatus.Warn,
                    $"No NfsDriver started since cinder-volume became active ({probe.Since}); a configuration written since then is not in effect.",
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
    }
}
