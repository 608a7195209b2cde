using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text;
using NfsCinder.Execution;
using NfsCinder.Files;
using NfsCinder.Nfs;
using NfsCinder.Sessions;

namespace NfsCinder.Commands
{
    /// <summary>
    /// Shared by the cmdlets that change exports: input checks before any host is touched,
    /// the atomic write of an exports file, and exportfs to make the change live.
    /// </summary>
    public abstract class NfsExportCmdletBase : HostCmdletBase
    {
        /// <summary>Run exportfs -ra afterwards so the change is live (as the workflow does after editing /etc/exports).</summary>
        [Parameter]
        public SwitchParameter Apply { get; set; }

        /// <summary>Seconds exportfs may take.</summary>
        [Parameter]
        [ValidateRange(1, 600)]
        public int TimeoutSec { get; set; } = 60;

        internal void ValidatePathOrThrow(string path)
        {
            var result = ExportValidator.ValidatePath(path);
            if (!result.IsValid) ThrowTerminatingError(InvalidArgument("InvalidExportPath", string.Join(" ", result.Errors), path));
            foreach (string warning in result.Warnings) WriteWarning(warning);
        }

        internal IReadOnlyList<ExportClientSpec> ParseClientsOrThrow(string[] clients)
        {
            var specs = new List<ExportClientSpec>();
            foreach (string client in clients)
            {
                try { specs.Add(ExportClientSpec.Parse(client)); }
                catch (ArgumentException ex) { ThrowTerminatingError(InvalidArgument("InvalidExportClient", ex.Message, client)); }
            }
            return specs;
        }

        internal void ValidateExportOrThrow(string path, IReadOnlyList<ExportClientSpec> clients)
        {
            var result = ExportValidator.ValidateExport(path, clients);
            if (!result.IsValid) ThrowTerminatingError(InvalidArgument("InvalidExport", string.Join(" ", result.Errors), path));
            foreach (string warning in result.Warnings) WriteWarning(warning);
        }

        /// <summary>Writes the document back atomically (owner, mode, label kept; backup made).</summary>
        internal FileWriteResult Save(NfsCinderSession session, ExportsDocument document, string path) =>
            RemoteFile.Write(spec => session.Run(spec, Context), session.ComputerName,
                new FileWriteRequest(path, Encoding.UTF8.GetBytes(document.Render())), DateTime.UtcNow);

        /// <summary>exportfs -ra; its complaints become an error that names the file and line.</summary>
        internal void MakeLive(NfsCinderSession session)
        {
            var result = session.Run(CommandSpec.Argv("exportfs", "-rav").Accepting(0, 1).WithTimeout(TimeSpan.FromSeconds(TimeoutSec)).For("Applying the exports (exportfs -ra)"), Context);
            var parsed = ExportfsOutput.ParseApply(result.StandardOutput, result.StandardError);
            foreach (var warning in parsed.Warnings) WriteVerbose($"[{session.ComputerName}] exportfs: {warning}");
            if (result.ExitCode != 0 || parsed.Errors.Count > 0)
                throw new NfsCinderException("ExportfsFailed", FailureCategory.InvalidData, session.ComputerName,
                    $"exportfs -ra reported: {string.Join("; ", parsed.Errors.Select(e => e.ToString()))}",
                    "Fix the named exports line (Get-NfsExport shows them), then run Sync-NfsExport.");
        }

        internal static bool SameClients(ExportLine line, IReadOnlyList<ExportClientSpec> clients)
        {
            var have = line.Clients.Select(c => c.ToSpec()?.ToString() ?? c.Host).OrderBy(s => s, StringComparer.Ordinal);
            var want = clients.Select(c => c.ToString()).OrderBy(s => s, StringComparer.Ordinal);
            return have.SequenceEqual(want);
        }
    }
}
