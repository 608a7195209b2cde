using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using NfsCinder.Cinder;
using NfsCinder.Execution;
using NfsCinder.Files;

namespace NfsCinder.Commands
{
    /// <summary>
    /// <para type="synopsis">Removes an NFS backend from cinder.conf (its section, or its [DEFAULT] driver settings, and its enabled_backends entry) and says what stays behind (its shares file, Cinder's mounts of its shares); -RemoveSharesFile takes the file too. Returns the backend as it was.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "CinderNfsBackend", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(CinderNfsBackend))]
    public sealed class RemoveCinderNfsBackendCommand : CinderBackendCmdletBase
    {
        /// <summary>Backend name.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.CinderBackendNameCompleter))]
        public string BackendName { get; set; } = "nfs";

        /// <summary>Also remove its shares file (kept as a timestamped .bak beside it); refused while another backend reads the same file.</summary>
        [Parameter] public SwitchParameter RemoveSharesFile { get; set; }

        /// <summary>Restart cinder-volume afterwards when something changed, unmounting the removed backend's shares (unless a process holds them), and wait for its drivers.</summary>
        [Parameter] public SwitchParameter Restart { get; set; }

        /// <summary>Seconds to wait for cinder-volume to come back.</summary>
        [Parameter] [ValidateRange(10, 1800)] public int RestartTimeoutSec { get; set; } = 300;

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            string backendName = BackendName; // captured: the next pipeline record rebinds -BackendName
            bool removeFile = RemoveSharesFile;
            ForEachTarget(session =>
            {
                var state = ReadHost(session);
                var config = state.Config!;
                var backend = config.Find(backendName);
                if (backend is null)
                {
                    WriteVerbose($"[{session.DisplayName}] cinder.conf has no NFS backend '{backendName}': nothing to remove.");
                    return;
                }
                string? sharesText = state.Text(backend.SharesFile);
                var before = CinderNfsBackend.Describe(session, session.ComputerName, CinderPaths.ConfigFile, backend, sharesText);
                var shareMounts = before.MountPoints.Where(mp => state.Mounts.Any(m => m.MountPoint == mp)).ToList();
                string formerBase = backend.MountPointBase;
                string sharesFile = backend.SharesFile;
                bool fileExists = state.File(sharesFile) is not null && backend.NasShare is null;
                var otherReader = config.NfsBackends.FirstOrDefault(b => b.Section != backend.Section && b.SharesFile == sharesFile && b.NasShare is null);
                if (removeFile && fileExists && otherReader is not null)
                    throw new NfsCinderException("SharesFileInUse", FailureCategory.ResourceExists, session.DisplayName,
                        $"{sharesFile} is also the shares file of backend '{otherReader.Name}'; removing it would leave '{otherReader.Name}' without shares. Nothing was changed.",
                        $"Remove the backend without -RemoveSharesFile, or give '{otherReader.Name}' a file of its own first.");

                bool confChanged = CinderBackendEditor.Remove(config, backend);
                bool takeFile = removeFile && fileExists;
                if (!confChanged && !takeFile) return;
                var writes = new List<FileWriteRequest>();
                if (confChanged && ShouldProcess($"{session.DisplayName}:{CinderPaths.ConfigFile}", $"Remove NFS backend '{backendName}'"))
                    writes.Add(CinderFileWrite.Config(CinderPaths.ConfigFile, config.Document.Render(), $"Remove NFS backend '{backendName}'").Request);
                string stamp = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
                string kept = $"{sharesFile}.{stamp}.bak";
                bool moveFile = takeFile && ShouldProcess($"{session.DisplayName}:{sharesFile}", $"Remove the shares file (kept as {kept})");
                if (writes.Count == 0 && !moveFile) return;
                // cinder.conf first, then the file it no longer names, in one round trip.
                var apply = moveFile ? CommandSpec.Argv("mv", "-f", "--", sharesFile, kept).For($"Moving {sharesFile} to {kept}") : null;
                var outcome = RemoteFile.WriteAll(session.On(Context), writes, apply, DateTime.UtcNow);
                var backups = outcome.Files.Where(w => w.BackupPath is not null).Select(w => w.BackupPath!).ToList();
                if (moveFile) backups.Add(kept);

                CinderServiceState? service = null;
                if (Restart && ShouldProcess(session.DisplayName, "Restart cinder-volume"))
                {
                    // From what the host has now: cinder.conf as written, or as read when its writing was declined.
                    var live = writes.Count > 0 ? config : new CinderConfiguration(IniDocument.Parse(state.File(CinderPaths.ConfigFile)!.Text));
                    service = RestartAndWait(session, live, CinderRestartPlan.For(live, state.Text, state, formerBase).Renew, RestartTimeoutSec, "Remove-CinderNfsBackend");
                }
                var unmounted = new HashSet<string>(service?.Unmounts.Where(u => u.Unmounted).Select(u => u.MountPoint) ?? Enumerable.Empty<string>());
                var left = new List<string>();
                if (fileExists && !moveFile) left.Add($"its shares file {sharesFile}{(otherReader is null ? "" : $" (backend '{otherReader.Name}' reads it too)")}");
                // A mount another backend still uses for the same share is not left behind.
                var stillUsed = new HashSet<string>(config.NfsBackends.Where(b => b.Enabled).SelectMany(b => CinderMounts.SharesOf(b, state.Text).Select(s => b.MountPointOf(s.Share))));
                left.AddRange(shareMounts.Where(mp => !unmounted.Contains(mp) && !stillUsed.Contains(mp)).Select(mp => $"Cinder's mount {mp}"));
                foreach (string item in left) WriteVerbose($"[{session.DisplayName}] left behind: {item}");
                if (left.Count > 0)
                    WriteWarning($"[{session.DisplayName}] Backend '{backendName}' removed; left behind: {string.Join("; ", left)}."
                        + (shareMounts.Count > 0 && service is null ? " Restart-CinderVolumeService unmounts the shares (unless a process holds them)." : "")
                        + (fileExists && !moveFile ? " -RemoveSharesFile removes the file." : ""));
                before.Changed = outcome.Files.Any(w => w.Changed) || moveFile;
                before.BackupPaths = backups.ToArray();
                before.Service = service;
                before.LeftBehind = left.ToArray();
                WriteObject(before);
                ReportFailedNfsDrivers(session, service);
            });
        }
    }
}
