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
    /// <summary>Shared by the Cinder backend cmdlets: the one read of a volume host, writes, and the restart with its remounts.</summary>
    public abstract class CinderBackendCmdletBase : HostCmdletBase
    {
        /// <summary>cinder.conf, every shares file it names (and the extra paths), the mount table and Cinder's version, in one round trip.</summary>
        internal CinderHostState ReadHost(NfsCinderSession session, params string?[] alsoRead)
        {
            var state = Read(session, alsoRead.Where(p => p is not null).Select(p => p!));
            if (state.ConfigUnreadable is { } why)
                throw new NfsCinderException("CinderConfigUnreadable", FailureCategory.PermissionDenied, session.DisplayName,
                    $"{CinderPaths.ConfigFile} exists but cannot be read: {why}.", "Run this with a session that may read it (root, or -UseSudo).");
            if (state.Config is null) throw ConfigMissing(session);
            // The host finds the files cinder.conf names by their written path; C# resolves them
            // as Cinder does ($state_path, quotes): a file only C# can name costs a second read.
            if (state.NotRead.Count > 0) state.Add(Read(session, state.NotRead));
            return state;
        }

        private CinderHostState Read(NfsCinderSession session, IEnumerable<string> paths)
        {
            string output = session.Run(CinderHostState.Query(CinderPaths.ConfigFile, paths), Context).StandardOutput;
            try { return CinderHostState.Parse(output, CinderPaths.ConfigFile); }
            catch (FormatException ex) { throw Garbled(session, $"read of {CinderPaths.ConfigFile} and its shares files", ex); }
        }

        internal static NfsCinderException ConfigMissing(NfsCinderSession session) =>
            new NfsCinderException("CinderConfigMissing", FailureCategory.ObjectNotFound, session.DisplayName,
                $"{CinderPaths.ConfigFile} does not exist.", "Run this on the Cinder volume host (cinder-volume installed and configured).");

        /// <summary>A change the host's configuration cannot take, as this host's error.</summary>
        internal static NfsCinderException Refused(NfsCinderSession session, CinderConfigConflict conflict) =>
            new NfsCinderException(conflict.ErrorId, conflict.ErrorId == "SharesFileInUse" ? FailureCategory.ResourceExists : FailureCategory.InvalidOperation,
                session.DisplayName, conflict.Message + " Nothing was changed.", conflict.Remedy);

        internal static NfsCinderException BackendNotFound(NfsCinderSession session, string backendName) =>
            new NfsCinderException("CinderBackendNotFound", FailureCategory.ObjectNotFound, session.DisplayName,
                $"cinder.conf has no NFS backend '{backendName}' (no [{backendName}] section with the NfsDriver, nor the NfsDriver in [DEFAULT]).",
                $"Create it with Set-CinderNfsBackend -Share server:/path -BackendName {backendName}.");

        /// <summary>One option list from what PowerShell binds: -MountOptions vers=4.1,timeo=600 arrives as two strings.</summary>
        internal static string? JoinOptions(string[]? options) => options is null ? null : string.Join(",", options);

        /// <summary>Writes the files in one round trip; the results of those that changed.</summary>
        internal IReadOnlyList<FileWriteResult> WriteFiles(NfsCinderSession session, IReadOnlyList<FileWriteRequest> writes) =>
            writes.Count == 0 ? Array.Empty<FileWriteResult>()
                : RemoteFile.WriteAll(session.On(Context), writes, null, DateTime.UtcNow).Files;

        /// <summary>Warnings about what the configuration does, each once per host.</summary>
        internal void WriteNotes(NfsCinderSession session, IEnumerable<string> notes)
        {
            foreach (string note in notes.Distinct()) WriteWarning($"[{session.DisplayName}] {note}");
        }

        /// <summary>
        /// Restarts cinder-volume with a progress bar, taking down first the mounts that must go,
        /// and waits for every enabled backend's driver. Mounts left because they are busy are
        /// warnings: their share keeps its old options until nothing holds it.
        /// </summary>
        internal CinderServiceState RestartAndWait(NfsCinderSession session, CinderConfiguration config, IReadOnlyList<CinderMount> renew, int timeoutSec, string activity)
        {
            var progress = new ProgressRecord(2, activity, $"{session.DisplayName}: restarting cinder-volume");
            CinderServiceState? state = null;
            foreach (var mount in renew)
                WriteVerbose($"[{session.DisplayName}] {mount.MountPoint} ({mount.Share}) goes at the restart: {mount.Detail}");
            WithProgress(progress, () => state = CinderVolumeService.Restart(session.On(Context), TimeSpan.FromSeconds(timeoutSec),
                config.EnabledBackends, renew, status => WriteVerbose($"[{session.DisplayName}] {status}")));
            state!.Session = session;
            foreach (var left in state.Unmounts.Where(u => !u.Unmounted))
                WriteWarning($"[{session.DisplayName}] {left.MountPoint} ({left.Share}) {left.Detail}; {(left.Reason == CinderMountStatus.Stale ? "it stays mounted" : "it keeps its old options")} until it is free and cinder-volume restarts.");
            return state;
        }

        /// <summary>An NFS driver that gave up is this command's failure, even though the config was written.</summary>
        internal void ReportFailedNfsDrivers(NfsCinderSession session, CinderServiceState? service)
        {
            foreach (var driver in service?.Drivers.Where(d => d.Driver == "NfsDriver" && d.Status == CinderDriverStatus.Failed) ?? Enumerable.Empty<CinderDriverState>())
            {
                WriteError(ToErrorRecord(new NfsCinderException("CinderNfsDriverFailed", FailureCategory.ResourceUnavailable, session.DisplayName,
                    $"cinder-volume restarted, but the NfsDriver{(driver.BackendName is null ? "" : " of backend '" + driver.BackendName + "'")} (pid {driver.Pid}) gave up after {driver.FailedAttempts} failed attempt(s): {driver.LastError}",
                    $"Run Test-CinderNfsBackend on {session.Name} to see which share or permission is wrong, fix it, then Restart-CinderVolumeService."), session));
            }
        }
    }
}
