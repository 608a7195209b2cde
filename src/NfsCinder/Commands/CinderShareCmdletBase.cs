using System;
using System.Linq;
using System.Management.Automation;
using NfsCinder.Cinder;
using NfsCinder.Sessions;

namespace NfsCinder.Commands
{
    /// <summary>Add- and Remove-CinderNfsShare: one edit of an existing backend's shares file, then optionally a restart.</summary>
    public abstract class CinderShareCmdletBase : CinderBackendCmdletBase
    {
        /// <summary>Sessions of the Cinder volume hosts; a piped export or mount gives shares only, never the host.</summary>
        [Parameter(ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        public override NfsCinderSession[]? Session { get => base.Session; set => base.Session = value; }

        /// <summary>The shares, as server:/path ([IPv6]:/path). From the pipeline: an NfsExport's Share or an NfsMount's Source.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Source")]
        [ValidateNotNullOrEmpty]
        public string[] Share { get; set; } = Array.Empty<string>();

        /// <summary>The backend whose shares file changes.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.CinderBackendNameCompleter))]
        public string BackendName { get; set; } = "nfs";

        /// <summary>Restart cinder-volume afterwards when the file changed, unmounting first the shares no backend lists any more and those whose options changed (unless in use).</summary>
        [Parameter] public SwitchParameter Restart { get; set; }

        /// <summary>Seconds to wait for cinder-volume to come back.</summary>
        [Parameter] [ValidateRange(10, 1800)] public int RestartTimeoutSec { get; set; } = 300;

        internal void EditShares(string activity, string what, Action<CinderSharesFile> edit)
        {
            string backendName = BackendName;
            ForEachTarget(session =>
            {
                var state = ReadHost(session);
                var config = state.Config!;
                CinderBackendChange change;
                try { change = CinderBackendEditor.EditShares(config, backendName, state.Text, edit, state.Unreadable); }
                catch (CinderConfigConflict conflict) { throw Refused(session, conflict); }
                WriteNotes(session, change.Notes);
                var plan = CinderWritePlan.ForShares(change, state, what, backendName);
                var decision = plan.Decide(step => ShouldProcess($"{session.DisplayName}:{step.Path}", step.Action), IsWhatIf);
                var written = WriteFiles(session, decision.Requests);
                bool changed = written.Any(w => w.Changed);
                CinderServiceState? service = null;
                if (Restart)
                {
                    // As Set-CinderNfsBackend: from the file as written, or as read when its writing was declined.
                    var restart = CinderRestartPlan.For(config, path => decision.SharesNow(path, state), state);
                    if (restart.IsWanted(changed, IsWhatIf, plan.Planned, change.Backend.Name, change.Backend.MountPointBase) && ShouldProcess(session.DisplayName, restart.Action))
                        service = RestartAndWait(session, config, restart.Renew, RestartTimeoutSec, activity);
                }
                if (IsWhatIf) return;
                WriteObject(CinderNfsBackend.Describe(session, session.ComputerName, CinderPaths.ConfigFile, change.Backend, change.SharesText, changed,
                    written.Where(w => w.BackupPath is not null).Select(w => w.BackupPath!).ToArray(), service, change.Notes));
                ReportFailedNfsDrivers(session, service);
            });
        }
    }
}
