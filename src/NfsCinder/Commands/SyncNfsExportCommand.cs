using System;
using System.Linq;
using System.Management.Automation;
using NfsCinder.Execution;
using NfsCinder.Nfs;

namespace NfsCinder.Commands
{
    /// <summary>
    /// <para type="synopsis">Applies the exports files without a restart (exportfs -arv) and returns what was exported and unexported; each exportfs error becomes an error record.</para>
    /// </summary>
    [Cmdlet(VerbsData.Sync, "NfsExport", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(NfsExportSyncResult))]
    public sealed class SyncNfsExportCommand : HostCmdletBase
    {
        /// <summary>Seconds exportfs may take.</summary>
        [Parameter]
        [ValidateRange(1, 600)]
        public int TimeoutSec { get; set; } = 60;

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            ForEachTarget(session =>
            {
                if (!ShouldProcess(session.DisplayName, "exportfs -arv")) return;
                var result = session.Run(CommandSpec.Argv("exportfs", "-arv").Accepting(0, 1).WithTimeout(TimeSpan.FromSeconds(TimeoutSec)).For("Applying the exports (exportfs -arv)"), Context);
                var parsed = ExportfsOutput.ParseApply(result.StandardOutput, result.StandardError);
                foreach (var error in parsed.Errors)
                    WriteError(ToErrorRecord(new NfsCinderException("ExportfsError", FailureCategory.InvalidData, session.DisplayName,
                        $"exportfs: {error}", "Fix that exports line (Get-NfsExport shows where it is) and run Sync-NfsExport again."), session));
                WriteObject(new NfsExportSyncResult(session, parsed.Exported.Select(e => e.ToString()).ToArray(), parsed.Unexported.Select(e => e.ToString()).ToArray(),
                    parsed.Warnings.Select(w => w.ToString()).ToArray(), parsed.Errors.Select(e => e.ToString()).ToArray()));
            });
        }
    }
}
