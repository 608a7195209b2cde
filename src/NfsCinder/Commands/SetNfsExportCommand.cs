using System;
using System.Linq;
using System.Management.Automation;
using NfsCinder.Execution;
using NfsCinder.Nfs;

namespace NfsCinder.Commands
{
    /// <summary>
    /// <para type="synopsis">Changes the clients of an existing NFS export: replace them all, or add and remove single clients; unchanged means Changed = False.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "NfsExport", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ReplaceSet)]
    [OutputType(typeof(NfsExport))]
    public sealed class SetNfsExportCommand : NfsExportCmdletBase
    {
        private const string ReplaceSet = "Replace";
        private const string EditSet = "Edit";

        /// <summary>Exported directory. From the pipeline: an NfsExport's Path.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.ExportPathCompleter))]
        public string Path { get; set; } = "";

        /// <summary>The full new client list, as in exports(5).</summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = ReplaceSet)]
        [ValidateNotNullOrEmpty]
        public string[] Client { get; set; } = Array.Empty<string>();

        /// <summary>Clients to add (or whose options to replace).</summary>
        [Parameter(ParameterSetName = EditSet)]
        [ValidateNotNullOrEmpty]
        public string[]? AddClient { get; set; }

        /// <summary>Hosts to remove from the export.</summary>
        [Parameter(ParameterSetName = EditSet)]
        [ValidateNotNullOrEmpty]
        public string[]? RemoveClient { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            ValidatePathOrThrow(Path);
            var replacement = ParameterSetName == ReplaceSet ? ParseClientsOrThrow(Client) : null;
            var additions = AddClient is null ? Array.Empty<ExportClientSpec>() : ParseClientsOrThrow(AddClient).ToArray();
            if (replacement is not null) ValidateExportOrThrow(Path, replacement);
            if (ParameterSetName == EditSet && additions.Length == 0 && (RemoveClient is null || RemoveClient.Length == 0))
                ThrowTerminatingError(InvalidArgument("NothingToChange", "Give -Client, -AddClient or -RemoveClient.", Path));

            string path = Path; // captured: the next pipeline record rebinds -Path
            ForEachTarget(session =>
            {
                var state = ExportsState.Read(session.On(Context));
                var found = state.Find(path)
                    ?? throw new NfsCinderException("ExportNotFound", FailureCategory.ObjectNotFound, session.DisplayName,
                        $"{path} is not exported in /etc/exports or /etc/exports.d.", $"Create it with New-NfsExport -Path '{path}' -Client ...");
                var document = found.Document;
                bool edited = replacement is not null
                    ? document.Upsert(path, replacement)
                    : additions.Aggregate(false, (any, c) => document.SetClient(path, c) | any) | (RemoveClient ?? Array.Empty<string>()).Aggregate(false, (any, h) => document.RemoveClient(path, h) | any);
                var editedLine = document.Find(path);
                if (edited && editedLine is not null)
                {
                    var check = ExportValidator.ValidateLine(editedLine);
                    if (!check.IsValid) throw new NfsCinderException("InvalidExport", FailureCategory.InvalidArgument, session.DisplayName, string.Join(" ", check.Errors), "Fix the clients given.");
                    foreach (string warning in check.Warnings) WriteWarning(warning);
                }
                bool write = edited && ShouldProcess($"{session.DisplayName}:{document.SourcePath}", $"Set export {path} to: {editedLine?.RawText.Trim() ?? "(no clients: line removed)"}");
                bool live = state.Describe(session, found.Line, false, null).IsLive;
                bool makeLive = Apply && (write || !live) && ShouldProcess(session.DisplayName, "exportfs -ra");
                // One write-and-apply round trip for the file and exportfs together.
                string? backup = SaveAndApply(session, write ? document : null, makeLive, null).File?.BackupPath;
                bool changed = write || makeLive;
                if (!changed) { WriteObject(state.Describe(session, found.Line, false, null)); return; }
                var after = ExportsState.Read(session.On(Context));
                var line = after.Find(path);
                if (line is not null) WriteObject(after.Describe(session, line.Value.Line, true, backup));
            });
        }
    }
}
