using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Text.RegularExpressions;
using NfsCinder.Execution;
using NfsCinder.Files;
using NfsCinder.Nfs;
using NfsCinder.Sessions;

namespace NfsCinder.Commands
{
    /// <summary>
    /// <para type="synopsis">Mounts an NFS export on hosts, optionally creating the mount point and persisting it in /etc/fstab; already mounted means Changed = False.</para>
    /// </summary>
    [Cmdlet(VerbsData.Mount, "NfsShare", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(NfsMount))]
    public sealed class MountNfsShareCommand : HostCmdletBase
    {
        private static readonly Regex OptionPattern = new Regex(@"^[A-Za-z0-9_]+(=[A-Za-z0-9_.:/@+\-]+)?$");

        /// <summary>NFS server (name or address as the client reaches it). From the pipeline: an NfsExport's Server.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Server { get; set; } = "";

        /// <summary>Exported directory on the server. From the pipeline: an NfsExport's Path.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Path")]
        [ValidateNotNullOrEmpty]
        public string ExportPath { get; set; } = "";

        /// <summary>Where to mount it on the client.</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string MountPath { get; set; } = "";

        /// <summary>NFS version (vers=): 3, 4, 4.0, 4.1 or 4.2.</summary>
        [Parameter]
        [ValidateSet("3", "4", "4.0", "4.1", "4.2")]
        public string? Version { get; set; }

        /// <summary>Soft mount: I/O fails after retries instead of hanging while the server is down.</summary>
        [Parameter]
        public SwitchParameter Soft { get; set; }

        /// <summary>More mount options, each name or name=value (for example timeo=50, retrans=3, proto=tcp).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Option { get; set; }

        /// <summary>Create the mount point when it does not exist.</summary>
        [Parameter]
        public SwitchParameter CreateMountPoint { get; set; }

        /// <summary>Also add the mount to /etc/fstab (validated, no duplicate lines, with a backup).</summary>
        [Parameter]
        public SwitchParameter Persist { get; set; }

        /// <summary>Seconds the mount may take before it is stopped and reported.</summary>
        [Parameter]
        [ValidateRange(1, 600)]
        public int TimeoutSec { get; set; } = 15;

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            string options = Validate();
            ForEachTarget(session =>
            {
                var state = MountState.Parse(session.Run(MountState.Query(TimeSpan.FromSeconds(5)), Context).StandardOutput);
                bool changed = false;
                MountTableEntry? current = state.At(MountPath);
                if (current is not null && !(current.Server == Server && current.ExportPath == ExportPath))
                    throw new NfsCinderException("MountPointBusy", FailureCategory.ResourceUnavailable, session.ComputerName,
                        $"{MountPath} already has {current.Source} mounted.", $"Dismount it first (Dismount-NfsShare -MountPath '{MountPath}') or choose another -MountPath.");
                if (current is null && ShouldProcess($"{session.ComputerName}:{MountPath}", $"Mount {Server}:{ExportPath}{(options.Length > 0 ? " -o " + options : "")}"))
                {
                    session.Run(CommandSpec.Script("mount-nfs", NfsScripts.Mount, $"{Server}:{ExportPath}", MountPath, options, CreateMountPoint ? "1" : "0")
                        .WithTimeout(TimeSpan.FromSeconds(TimeoutSec)).For($"Mounting {Server}:{ExportPath} on {MountPath}"), Context);
                    changed = true;
                }
                if (Persist) changed |= PersistInFstab(session, state, options);
                if (!changed) { WriteObject(Describe(session, state, changed: false)); return; }
                if (current is null && IsWhatIf) return;
                WriteObject(Describe(session, MountState.Parse(session.Run(MountState.Query(TimeSpan.FromSeconds(5)), Context).StandardOutput), changed: true));
            });
        }

        private NfsMount Describe(NfsCinderSession session, MountState state, bool changed)
        {
            MountTableEntry? entry = state.At(MountPath);
            bool persistent = state.Fstab.Find(MountPath) is not null;
            return entry is null
                ? new NfsMount(session, Server, ExportPath, MountPath, persistent, changed)
                : new NfsMount(session, entry, state.UsageOf(entry), state.IsResponding(entry), persistent, changed);
        }

        private bool PersistInFstab(NfsCinderSession session, MountState state, string options)
        {
            var fstab = FstabDocument.Parse(state.FstabText);
            string fstabOptions = string.IsNullOrEmpty(options) ? "defaults,_netdev" : options + ",_netdev";
            if (!fstab.Upsert(new FstabEntry($"{Server}:{ExportPath}", MountPath, "nfs", fstabOptions, 0, 0))) return false;
            if (!ShouldProcess($"{session.ComputerName}:/etc/fstab", $"Add {Server}:{ExportPath} on {MountPath}")) return false;
            RemoteFile.Write(spec => session.Run(spec, Context), session.ComputerName,
                new FileWriteRequest("/etc/fstab", Encoding.UTF8.GetBytes(fstab.Render())), DateTime.UtcNow);
            return true;
        }

        // Everything is checked before any host is touched.
        private string Validate()
        {
            var problems = new List<string>();
            if (!NfsServerName.IsValid(Server)) problems.Add($"-Server '{Server}' is not a host name or IP address.");
            if (!ExportPath.StartsWith("/", StringComparison.Ordinal) || ExportPath.Any(c => char.IsControl(c) || c == ' ')) problems.Add($"-ExportPath '{ExportPath}' must be an absolute path without spaces or control characters.");
            if (!MountPath.StartsWith("/", StringComparison.Ordinal) || MountPath.Any(char.IsControl) || MountPath.Contains(' ')) problems.Add($"-MountPath '{MountPath}' must be an absolute path without spaces or control characters.");
            var options = new List<string>();
            if (Version is not null) options.Add("vers=" + Version);
            if (Soft) options.Add("soft");
            foreach (string option in Option ?? Array.Empty<string>())
            {
                if (!OptionPattern.IsMatch(option)) problems.Add($"Mount option '{option}' is not of the form name or name=value.");
                else options.Add(option);
            }
            if (problems.Count > 0)
                ThrowTerminatingError(InvalidArgument("InvalidMountArgument", string.Join(" ", problems), this));
            return string.Join(",", options);
        }
    }
}
