using System.Linq;
using System.Management.Automation;
using NfsCinder.Nfs;

namespace NfsCinder.Commands
{
    /// <summary>
    /// <para type="synopsis">Removes an NFS export from its exports file (comments and other lines kept); not exported means Changed = False.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "NfsExport", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(NfsExport))]
    public sealed class RemoveNfsExportCommand : NfsExportCmdletBase
    {
        /// <summary>Exported directory. From the pipeline: an NfsExport's Path.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.ExportPathCompleter))]
        public string Path { get; set; } = "";

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            ValidatePathOrThrow(Path);
            string path = Path; // captured: the next pipeline record rebinds -Path
            ForEachTarget(session =>
            {
                var state = ExportsState.Read(session.On(Context));
                var found = state.Find(path);
                if (found is null)
                {
                    WriteObject(new NfsExport(session, state.HostName, path, new NfsExportClient[0], null, 0, changed: false, backupPath: null));
                    return;
                }
                var before = state.Describe(session, found.Value.Line, false, null);
                var document = found.Value.Document;
                document.Remove(path);
                if (!ShouldProcess($"{session.DisplayName}:{document.SourcePath}", $"Remove export {found.Value.Line.RawText.Trim()}")) return;
                string? backup = SaveAndApply(session, document, Apply, null).File?.BackupPath;
                WriteObject(new NfsExport(session, state.HostName, path, before.Clients.Select(c => c).ToArray(), null, 0, changed: true, backupPath: backup));
            });
        }
    }
}
