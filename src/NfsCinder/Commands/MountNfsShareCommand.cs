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
            // Captured now: with pipeline input the hosts run while later records rebind these.
            var share = new MountRequest(Server, ExportPath, MountPath);
            ForEachTarget(session =>
            {
                var state = MountState.Parse(session.Run(MountState.Query(TimeSpan.FromSeconds(5)), Context).StandardOutput);
                bool changed = false;
                MountTableEntry? current = state.At(share.MountPath);
                if (current is not null && !(current.Server == share.Server && current.ExportPath == share.ExportPath))
                    throw new NfsCinderException("MountPointBusy", FailureCategory.ResourceUnavailable, session.ComputerName,
                        $"{share.MountPath} already has {current.Source} mounted.", $"Dismount it first (Dismount-NfsShare -MountPath '{share.MountPath}') or choose another -MountPath.");
                bool mount = current is null && ShouldProcess($"{session.ComputerName}:{share.MountPath}", $"Mount {share.Server}:{share.ExportPath}{(options.Length > 0 ? " -o " + options : "")}");
                FileWriteRequest? fstab = Persist ? PlanFstab(session, share, state, options) : null;
                var mountSpec = CommandSpec.Script("mount-nfs", NfsScripts.Mount, $"{share.Server}:{share.ExportPath}", share.MountPath, options, CreateMountPoint ? "1" : "0")
                    .WithTimeout(TimeSpan.FromSeconds(TimeoutSec)).For($"Mounting {share.Server}:{share.ExportPath} on {share.MountPath}");
                if (mount && fstab is not null)
                {
                    // Mount, then fstab, in one round trip: a mount that fails leaves fstab alone.
                    RemoteFile.WriteAll(spec => session.Run(spec, Context), session.ComputerName, new[] { fstab }, mountSpec, DateTime.UtcNow, applyFirst: true);
                    changed = true;
                }
                else if (mount)
                {
                    session.Run(mountSpec, Context);
                    changed = true;
                }
                else if (fstab is not null)
                {
                    changed |= RemoteFile.Write(spec => session.Run(spec, Context), session.ComputerName, fstab, DateTime.UtcNow).Changed;
                }
                if (!changed) { WriteObject(Describe(session, share, state, changed: false)); return; }
                if (current is null && IsWhatIf) return;
                WriteObject(Describe(session, share, MountState.Parse(session.Run(MountState.Query(TimeSpan.FromSeconds(5)), Context).StandardOutput), changed: true));
            });
        }

        private static NfsMount Describe(NfsCinderSession session, MountRequest share, MountState state, bool changed)
        {
            MountTableEntry? entry = state.At(share.MountPath);
            bool persistent = state.Fstab.Find(share.MountPath) is not null;
            return entry is null
                ? new NfsMount(session, share.Server, share.ExportPath, share.MountPath, persistent, changed)
                : new NfsMount(session, entry, state.UsageOf(entry), state.IsResponding(entry), persistent, changed);
        }

        // The fstab write this mount needs, or null when fstab already has it (or -WhatIf).
        private FileWriteRequest? PlanFstab(NfsCinderSession session, MountRequest share, MountState state, string options)
        {
            var fstab = FstabDocument.Parse(state.FstabText);
            string fstabOptions = string.IsNullOrEmpty(options) ? "defaults,_netdev" : options + ",_netdev";
            if (!fstab.Upsert(new FstabEntry($"{share.Server}:{share.ExportPath}", share.MountPath, "nfs", fstabOptions, 0, 0))) return null;
            if (!ShouldProcess($"{session.ComputerName}:/etc/fstab", $"Add {share.Server}:{share.ExportPath} on {share.MountPath}")) return null;
            return new FileWriteRequest("/etc/fstab", Encoding.UTF8.GetBytes(fstab.Render()));
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

    /// <summary>What one pipeline record asks to mount, fixed when it arrives.</summary>
    internal sealed class MountRequest
    {
        public MountRequest(string server, string exportPath, string mountPath)
        {
            Server = server;
            ExportPath = exportPath;
            MountPath = mountPath;
        }

        public string Server { get; }

        public string ExportPath { get; }

        public string MountPath { get; }
    }
}
