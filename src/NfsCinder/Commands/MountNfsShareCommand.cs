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
using NfsCinder.Values;

namespace NfsCinder.Commands
{
    /// <summary>
    /// <para type="synopsis">Mounts an NFS export on hosts, optionally creating the mount point and persisting it in /etc/fstab; already mounted means Changed = False.</para>
    /// </summary>
    [Cmdlet(VerbsData.Mount, "NfsShare", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(NfsMount))]
    public sealed class MountNfsShareCommand : HostCmdletBase
    {

        /// <summary>Sessions of the client hosts; a piped export gives the share only, never the host.</summary>
        [Parameter(ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        public override NfsCinderSession[]? Session { get => base.Session; set => base.Session = value; }

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

        /// <summary>When the share is mounted there already with options other than these, unmount it and mount it again with these (refused while the mount is in use). Without it, such a mount is an error and nothing changes.</summary>
        [Parameter]
        public SwitchParameter Remount { get; set; }

        /// <summary>Seconds the mount may take before it is stopped and reported.</summary>
        [Parameter]
        [ValidateRange(1, 600)]
        public int TimeoutSec { get; set; } = 15;

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var (share, options) = Validate();
            // Captured now: with pipeline input the hosts run while later records rebind these.
            string mountPath = MountPath;
            bool remountAllowed = Remount;
            ForEachTarget(session =>
            {
                var state = MountState.Parse(session.Run(MountState.Query(TimeSpan.FromSeconds(5)), Context).StandardOutput);
                MountTableEntry? current = state.At(mountPath);
                if (current is not null && !(current.Server == share.Server && current.ExportPath == share.ExportPath))
                    throw new NfsCinderException("MountPointBusy", FailureCategory.ResourceUnavailable, session.DisplayName,
                        $"{mountPath} already has {current.Source} mounted.", $"Dismount it first (Dismount-NfsShare -MountPath '{mountPath}') or choose another -MountPath.");
                // A mount with other options is not this mount: say so, or remount when asked. One
                // whose timeo the kernel took from an earlier mount's superblock stays as it is: a
                // remount would not change it, nosharecache would.
                var comparison = current is null ? null : MountOptionComparison.Compare(new[] { options }, current.Options);
                var peer = comparison is null ? null : MountOptionComparison.SuperblockPeer(current!, comparison, state.Mounts);
                if (peer is not null) WarnSharedSuperblock(session, current!, comparison!, peer);
                bool remount = comparison is { Matches: false } && peer is null;
                if (remount && !remountAllowed)
                    throw new NfsCinderException("MountOptionsDiffer", FailureCategory.InvalidOperation, session.DisplayName,
                        $"{share.Text} is mounted on {mountPath} with {string.Join(",", current!.Options)}, not as asked: {comparison}. Nothing was changed.",
                        $"Add -Remount to unmount it and mount it again with {options} (refused while a process uses it), or Dismount-NfsShare -MountPath '{mountPath}' first.");
                bool mount = (current is null || remount) && ShouldProcess($"{session.DisplayName}:{mountPath}",
                    $"{(remount ? "Unmount and mount again" : "Mount")} {share.Text}{(options.Length > 0 ? " -o " + options : "")}");
                FileWriteRequest? fstab = Persist ? PlanFstab(session, share, mountPath, state, options) : null;
                var mountSpec = RemoteScripts.Spec("mount-nfs", share.Text, mountPath, options, CreateMountPoint ? "1" : "0", remount ? "1" : "0")
                    .WithTimeout(TimeSpan.FromSeconds(TimeoutSec)).For($"{(remount ? "Remounting" : "Mounting")} {share.Text} on {mountPath}");
                bool changed = false;
                if (mount && fstab is not null)
                {
                    // Mount, then fstab, in one round trip: a mount that fails leaves fstab alone.
                    RemoteFile.WriteAll(session.On(Context), new[] { fstab }, mountSpec, DateTime.UtcNow, applyFirst: true);
                    changed = true;
                }
                else if (mount)
                {
                    session.Run(mountSpec, Context);
                    changed = true;
                }
                else if (fstab is not null)
                {
                    changed |= RemoteFile.Write(session.On(Context), fstab, DateTime.UtcNow).Changed;
                }
                if (!changed) { if (!IsWhatIf || current is not null && !remount) WriteObject(Describe(session, share, mountPath, state, changed: false)); return; }
                var after = MountState.Parse(session.Run(MountState.Query(TimeSpan.FromSeconds(5)), Context).StandardOutput);
                if (mount && after.At(mountPath) is { } made && MountOptionComparison.Compare(new[] { options }, made.Options) is { Matches: false } differs
                    && MountOptionComparison.SuperblockPeer(made, differs, after.Mounts) is { } shared)
                    WarnSharedSuperblock(session, made, differs, shared);
                WriteObject(Describe(session, share, mountPath, after, changed: true));
            });
        }

        private void WarnSharedSuperblock(NfsCinderSession session, MountTableEntry mount, MountOptionComparison comparison, MountTableEntry peer) =>
            WriteWarning($"[{session.DisplayName}] {mount.MountPoint} has {comparison} because the kernel gave it the superblock of {peer.Source} on {peer.MountPoint}, "
                + "the same server's file system, whose values hold for both; add -Option nosharecache (with -Remount) for a superblock of its own.");

        private static NfsMount Describe(NfsCinderSession session, NfsShareAddress share, string mountPath, MountState state, bool changed)
        {
            MountTableEntry? entry = state.At(mountPath);
            bool persistent = state.Fstab.Find(mountPath) is not null;
            return entry is null
                ? new NfsMount(session, share.Server, share.ExportPath, mountPath, persistent, changed)
                : new NfsMount(session, entry, state.UsageOf(entry), state.IsResponding(entry), persistent, changed);
        }

        // The fstab write this mount needs, or null when fstab already has it (or -WhatIf).
        private FileWriteRequest? PlanFstab(NfsCinderSession session, NfsShareAddress share, string mountPath, MountState state, string options)
        {
            var fstab = FstabDocument.Parse(state.FstabText);
            string fstabOptions = string.IsNullOrEmpty(options) ? "defaults,_netdev" : options + ",_netdev";
            if (!fstab.Upsert(new FstabEntry(share.Text, mountPath, "nfs", fstabOptions, 0, 0))) return null;
            if (!ShouldProcess($"{session.DisplayName}:/etc/fstab", $"Add {share.Text} on {mountPath}")) return null;
            return new FileWriteRequest("/etc/fstab", Encoding.UTF8.GetBytes(fstab.Render()));
        }

        // Everything is checked before any host is touched.
        private (NfsShareAddress Share, string Options) Validate()
        {
            var problems = new List<string>();
            NfsShareAddress? share = null;
            try { share = NfsShareAddress.FromParts(Server, ExportPath); }
            catch (ArgumentException ex) { problems.Add(ex.Message); }
            try { AbsolutePath.CheckWithoutWhitespace(MountPath, "-MountPath"); }
            catch (ArgumentException ex) { problems.Add(ex.Message); }
            var options = new List<string>();
            if (Version is not null) options.Add("vers=" + Version);
            if (Soft) options.Add("soft");
            foreach (string option in Option ?? Array.Empty<string>())
            {
                if (HostValue.FindUnprintable(option) is not null || !MountOptionSyntax.IsOption(option)) problems.Add($"Mount option '{HostValue.Display(option)}' is not of the form name or name=value.");
                else options.Add(option);
            }
            if (share is not null && MountOptionComparison.ProtoProblem(new[] { string.Join(",", options) }, share.IsIPv6) is { } proto) problems.Add(proto);
            if (problems.Count > 0)
                ThrowTerminatingError(InvalidArgument("InvalidMountArgument", string.Join(" ", problems), this));
            return (share!, string.Join(",", options));
        }
    }
}
