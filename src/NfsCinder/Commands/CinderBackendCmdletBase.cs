using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text;
using NfsCinder.Cinder;
using NfsCinder.Execution;
using NfsCinder.Files;
using NfsCinder.Sessions;

namespace NfsCinder.Commands
{
    /// <summary>Shared by the Cinder backend cmdlets: reading and writing cinder.conf and the shares file.</summary>
    public abstract class CinderBackendCmdletBase : HostCmdletBase
    {
        internal IniDocument ReadConfig(NfsCinderSession session) => ReadCinderFiles(session).Config;

        /// <summary>
        /// cinder.conf and every shares file it names (plus the default one and any extra
        /// path given) in one round trip.
        /// </summary>
        internal CinderFiles.Snapshot ReadCinderFiles(NfsCinderSession session, string? alsoRead = null)
        {
            var paths = new List<string> { CinderFiles.ConfigFile, CinderFiles.DefaultSharesFile };
            if (alsoRead is not null && !paths.Contains(alsoRead)) paths.Add(alsoRead);
            var files = RemoteFile.ReadAll(spec => session.Run(spec, Context), paths, referencedBy: "nfs_shares_config");
            var conf = files[CinderFiles.ConfigFile] ?? throw ConfigMissing(session);
            return new CinderFiles.Snapshot(IniDocument.Parse(conf.Text), files);
        }

        internal static NfsCinderException ConfigMissing(NfsCinderSession session) =>
            new NfsCinderException("CinderConfigMissing", FailureCategory.ObjectNotFound, session.ComputerName,
                $"{CinderFiles.ConfigFile} does not exist.", "Run this on the Cinder volume host (cinder-volume installed and configured).");

        internal FileWriteResult Write(NfsCinderSession session, string path, string text, string? owner = null, string? group = null, string? mode = null) =>
            RemoteFile.Write(spec => session.Run(spec, Context), session.ComputerName, Request(path, text, owner, group, mode), DateTime.UtcNow);

        internal static FileWriteRequest Request(string path, string text, string? owner = null, string? group = null, string? mode = null) =>
            new FileWriteRequest(path, Encoding.UTF8.GetBytes(text)).WithOwner(owner, group).WithMode(mode);

        /// <summary>Restarts cinder-volume with a progress bar and waits for every backend's driver to start.</summary>
        internal CinderServiceState RestartAndWait(NfsCinderSession session, IniDocument conf, int timeoutSec, string activity)
        {
            var progress = new ProgressRecord(2, activity, $"{session.ComputerName}: restarting cinder-volume");
            CinderServiceState? state = null;
            WithProgress(progress, () => state = CinderVolumeService.Restart(session, Context, TimeSpan.FromSeconds(timeoutSec),
                CinderVolumeService.ExpectedDrivers(conf), status => WriteVerbose($"[{session.ComputerName}] {status}")));
            return state!;
        }

        /// <summary>An NFS driver that gave up is this command's failure, even though the config was written.</summary>
        internal void ReportFailedNfsDrivers(NfsCinderSession session, CinderServiceState? service)
        {
            foreach (var driver in service?.Drivers.Where(d => d.Driver == "NfsDriver" && d.Status == CinderDriverStatus.Failed) ?? Enumerable.Empty<CinderDriverState>())
            {
                WriteError(ToErrorRecord(new NfsCinderException("CinderNfsDriverFailed", FailureCategory.ResourceUnavailable, session.ComputerName,
                    $"cinder-volume restarted, but its NfsDriver (pid {driver.Pid}) gave up after {driver.FailedAttempts} failed attempt(s): {driver.LastError}",
                    $"Run Test-CinderNfsBackend on {session.Name} to see which share or permission is wrong, fix it, then Restart-CinderVolumeService."), session));
            }
        }

        internal CinderNfsBackend Describe(NfsCinderSession session, IniDocument conf, string backendName, string? sharesText, bool changed, string[] backups, bool restarted)
        {
            var located = CinderBackendEditor.Locate(conf, backendName)
                ?? throw new NfsCinderException("CinderBackendNotFound", FailureCategory.ObjectNotFound, session.ComputerName,
                    $"cinder.conf has no NFS backend '{backendName}' (no [{backendName}] section with the NfsDriver, nor the NfsDriver in [DEFAULT]).",
                    $"Create it with Set-CinderNfsBackend -Share server:/path -BackendName {backendName}.");
            string section = located.Section;
            string sharesFile = conf.Get(section, "nfs_shares_config") ?? CinderFiles.DefaultSharesFile;
            var options = conf.Keys(section)
                .Where(k => k.StartsWith("nfs_", StringComparison.Ordinal) || k.StartsWith("nas_", StringComparison.Ordinal) || k == "volume_backend_name")
                .Where(k => k != "nfs_shares_config")
                .ToDictionary(k => k, k => conf.Get(section, k) ?? "");
            string mountBase = CinderBackendEditor.MountPointBaseOf(conf, section);
            var shares = sharesText is null ? new List<CinderNfsShare>() : CinderBackendEditor.ParseShares(sharesText).ToList();
            return new CinderNfsBackend(session, backendName, located.Layout, sharesFile, shares.ToArray(), options, mountBase, changed, backups, restarted);
        }
    }
}
