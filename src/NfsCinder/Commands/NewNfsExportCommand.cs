using System;
using System.Management.Automation;
using NfsCinder.Execution;
using NfsCinder.Nfs;
using NfsCinder.Values;

namespace NfsCinder.Commands
{
    /// <summary>
    /// <para type="synopsis">Adds an NFS export to /etc/exports (or a file in /etc/exports.d), optionally creating its directory and applying it; the same export twice is Changed = False.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "NfsExport", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(NfsExport))]
    public sealed class NewNfsExportCommand : NfsExportCmdletBase
    {

        /// <summary>Directory to export (absolute).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>Clients with options, as in exports(5): 192.168.40.0/24(rw,sync), *.example.com(ro), @netgroup(rw).</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string[] Client { get; set; } = Array.Empty<string>();

        /// <summary>Exports file to add the line to (default /etc/exports; or /etc/exports.d/NAME.exports).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? File { get; set; }

        /// <summary>Create the directory when it does not exist.</summary>
        [Parameter]
        public SwitchParameter CreateDirectory { get; set; }

        /// <summary>Owner for the directory (name or uid), for example cinder.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Owner { get; set; }

        /// <summary>Group for the directory (name or gid).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Group { get; set; }

        /// <summary>Octal mode for the directory, for example 0755.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Mode { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            ValidatePathOrThrow(Path);
            var clients = ParseClientsOrThrow(Client);
            ValidateExportOrThrow(Path, clients);
            if (File is not null && !(File == ExportsState.DefaultFile || (AbsolutePath.IsValid(File) && File.StartsWith("/etc/exports.d/", StringComparison.Ordinal) && File.EndsWith(".exports", StringComparison.Ordinal) && File.IndexOf('/', 16) < 0 && !File.Contains(".."))))
                ThrowTerminatingError(InvalidArgument("InvalidExportsFile", $"-File '{File}' must be /etc/exports or /etc/exports.d/NAME.exports.", File));
            string mode = "";
            try { mode = Mode is null ? "" : Files.FileWriteRequest.NormalizeMode(Mode); }
            catch (System.ArgumentException) { ThrowTerminatingError(InvalidArgument("InvalidMode", $"-Mode '{Mode}' is not an octal mode such as 0755.", Mode)); }
            foreach (string? name in new[] { Owner, Group })
                if (name is not null && !AccountName.IsValid(name)) ThrowTerminatingError(InvalidArgument("InvalidOwner", $"'{name}' is not a user or group name or number.", name));

            bool prepare = CreateDirectory || Owner is not null || Group is not null || Mode is not null;
            ForEachTarget(session =>
            {
                // Round trips: one read (exports files, exportfs -v, the directory), one
                // write-and-apply (exports file, directory, exportfs -ra), one read back.
                var state = ExportsState.Read(session.On(Context), Path);
                var found = state.Find(Path);
                if (found is not null && !SameClients(found.Value.Line, clients))
                    throw new NfsCinderException("ExportExists", FailureCategory.ResourceUnavailable, session.DisplayName,
                        $"{Path} is already exported with different clients ({found.Value.Line.SourcePath}:{found.Value.Line.LineNumber}: {found.Value.Line.RawText.Trim()}).",
                        $"Use Set-NfsExport -Path '{Path}' to change its clients, or Remove-NfsExport first.");
                state.Directories.TryGetValue(Path, out DirectoryStat? directory);
                if (prepare && !CreateDirectory && directory is null)
                    throw new NfsCinderException("ExportDirectoryMissing", FailureCategory.ObjectNotFound, session.DisplayName, $"{Path} does not exist.", "Add -CreateDirectory.");
                if (directory is not null && !directory.IsDirectory)
                    throw new NfsCinderException("ExportPathNotDirectory", FailureCategory.InvalidArgument, session.DisplayName, $"{Path} is a {directory.Type}, not a directory.", "Export a directory.");

                bool prepareDirectory = prepare && (directory is null || !directory.Matches(Owner, Group, mode))
                    && ShouldProcess($"{session.DisplayName}:{Path}", "Create the directory / set owner and mode");
                ExportsDocument? document = null;
                if (found is null)
                {
                    var candidate = state.DocumentFor(Path, File);
                    candidate.Upsert(Path, clients);
                    if (ShouldProcess($"{session.DisplayName}:{candidate.SourcePath}", $"Add export {Path} {string.Join(" ", clients)}")) document = candidate;
                }
                bool live = found is not null && state.Describe(session, found.Value.Line, false, null).IsLive;
                bool makeLive = Apply && (document is not null || prepareDirectory || !live) && ShouldProcess(session.DisplayName, "exportfs -ra");
                var outcome = SaveAndApply(session, document, makeLive, prepareDirectory ? new[] { Path, Owner ?? "", Group ?? "", mode } : null);
                bool changed = document is not null || outcome.DirectoryChanged || makeLive;
                if (!changed && found is not null) { WriteObject(state.Describe(session, found.Value.Line, false, null)); return; }
                var after = ExportsState.Read(session.On(Context));
                var line = after.Find(Path);
                if (line is not null) WriteObject(after.Describe(session, line.Value.Line, changed, outcome.File?.BackupPath));
            });
        }
    }
}
