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

        /// <summary>
        /// The write-and-apply round trip of an export change: the exports file (when given),
        /// then the directory (when given: path, owner, group, mode), then exportfs -ra (when
        /// asked). exportfs's complaints become an error that names the file and line.
        /// </summary>
        internal ExportsWriteOutcome SaveAndApply(NfsCinderSession session, ExportsDocument? document, bool makeLive, string[]? prepareDirectory)
        {
            var files = document is null
                ? new FileWriteRequest[0]
                : new[] { new FileWriteRequest(document.SourcePath, Encoding.UTF8.GetBytes(document.Render())) };
            CommandSpec? apply = null;
            if (makeLive || prepareDirectory is not null)
            {
                var directory = prepareDirectory ?? new[] { "", "", "", "" };
                apply = RemoteScripts.Spec("prepare-and-export",
                        directory.Concat(new[] { prepareDirectory is null ? "0" : "1", makeLive ? "1" : "0" }).ToArray())
                    .Accepting(0, 1).WithTimeout(TimeSpan.FromSeconds(TimeoutSec))
                    .For(makeLive ? "applying the exports (exportfs -ra)" : $"preparing {directory[0]}");
            }
            if (files.Length == 0 && apply is null) return new ExportsWriteOutcome(null, false);
            var outcome = RemoteFile.WriteAll(session.On(Context), files, apply, DateTime.UtcNow);
            bool directoryChanged = false;
            if (outcome.Applied is { } applied)
            {
                var lines = applied.StandardOutput.Split('\n');
                directoryChanged = lines.Any(l => l == "@@dir created" || l == "@@dir changed");
                if (makeLive)
                    CheckExportfs(session, applied.ExitCode, string.Join("\n", lines.Where(l => !l.StartsWith("@@dir ", StringComparison.Ordinal))), applied.StandardError);
            }
            return new ExportsWriteOutcome(outcome.Files.FirstOrDefault(), directoryChanged);
        }

        private void CheckExportfs(NfsCinderSession session, int exitCode, string stdout, string stderr)
        {
            var parsed = ExportfsOutput.ParseApply(stdout, stderr);
            foreach (var warning in parsed.Warnings) WriteVerbose($"[{session.DisplayName}] exportfs: {warning}");
            if (exitCode != 0 || parsed.Errors.Count > 0)
                throw new NfsCinderException("ExportfsFailed", FailureCategory.InvalidData, session.DisplayName,
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
