using System;
using System.Management.Automation;
using System.Text;
using NfsCinder.Execution;
using NfsCinder.Files;
using NfsCinder.Nfs;
using NfsCinder.Values;

namespace NfsCinder.Commands
{
    /// <summary>
    /// <para type="synopsis">Unmounts NFS mounts on hosts; not mounted means Changed = False.</para>
    /// </summary>
    [Cmdlet(VerbsData.Dismount, "NfsShare", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(NfsMount))]
    public sealed class DismountNfsShareCommand : HostCmdletBase
    {
        /// <summary>Mount point to unmount. From the pipeline: an NfsMount's MountPath.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.NfsMountPathCompleter))]
        public string MountPath { get; set; } = "";

        /// <summary>Unmount even when the server is dead (umount -f, then a lazy unmount).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Also remove the mount point's line from /etc/fstab (with a backup).</summary>
        [Parameter]
        public SwitchParameter RemovePersistent { get; set; }

        /// <summary>Seconds the unmount may take.</summary>
        [Parameter]
        [ValidateRange(1, 600)]
        public int TimeoutSec { get; set; } = 15;

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (!AbsolutePath.IsAbsolute(MountPath))
                ThrowTerminatingError(InvalidArgument("InvalidMountPath", $"-MountPath '{HostValue.Display(MountPath)}' is not an absolute path.", MountPath));
            if (AbsolutePath.Problem(MountPath, "-MountPath") is { } problem)
                ThrowTerminatingError(InvalidArgument("InvalidMountPath", problem, MountPath));
            string mountPath = MountPath; // captured: the next pipeline record rebinds -MountPath
            ForEachTarget(session =>
            {
                var state = MountState.Parse(session.Run(MountState.Query(TimeSpan.FromSeconds(5)), Context).StandardOutput);
                MountTableEntry? entry = state.At(mountPath);
                bool changed = false;
                if (entry is not null && ShouldProcess($"{session.DisplayName}:{mountPath}", $"Unmount {entry.Source}"))
                {
                    var argv = Force ? new[] { "umount", "-f", "-l", "--", mountPath } : new[] { "umount", "--", mountPath };
                    session.Run(CommandSpec.Argv(argv).WithTimeout(TimeSpan.FromSeconds(TimeoutSec)).For($"Unmounting {mountPath}"), Context);
                    changed = true;
                }
                var fstab = FstabDocument.Parse(state.FstabText);
                if (RemovePersistent && fstab.Remove(mountPath) && ShouldProcess($"{session.DisplayName}:/etc/fstab", $"Remove the line for {mountPath}"))
                {
                    RemoteFile.Write(session.On(Context),
                        new FileWriteRequest("/etc/fstab", Encoding.UTF8.GetBytes(fstab.Render())), DateTime.UtcNow);
                    changed = true;
                }
                WriteObject(entry is null
                    ? new NfsMount(session, "", "", mountPath, !RemovePersistent && state.Fstab.Find(mountPath) is not null, changed)
                    : new NfsMount(session, entry.Server, entry.ExportPath, mountPath, !RemovePersistent && state.Fstab.Find(mountPath) is not null, changed));
            });
        }
    }
}
