using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text;
using NfsCinder.Cinder;
using NfsCinder.Files;
using NfsCinder.Nova;
using NfsCinder.Sessions;

namespace NfsCinder.Commands
{
    /// <summary>
    /// <para type="synopsis">Sets how nova-compute mounts Cinder's NFS volumes: nova.conf's [libvirt] nfs_mount_point_base and nfs_mount_options, given or taken from Cinder backends piped in, edited losslessly with a backup.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "NovaNfsSetting", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = "Given")]
    [OutputType(typeof(NovaNfsSetting))]
    public sealed class SetNovaNfsSettingCommand : NovaCmdletBase
    {
        private readonly List<CinderNfsBackend> _backends = new List<CinderNfsBackend>();

        /// <summary>Sessions of the compute hosts; a piped Cinder backend gives the mount options only, never the host.</summary>
        [Parameter(ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        public override NfsCinderSession[]? Session { get => base.Session; set => base.Session = value; }

        /// <summary>nfs_mount_options: what nova passes after -o to every NFS volume's mount (a list is joined with commas).</summary>
        [Parameter(ParameterSetName = "Given")]
        [ValidateNotNullOrEmpty]
        public string[]? MountOptions { get; set; }

        /// <summary>Cinder NFS backends (Get-CinderNfsBackend) whose mount options nova should use, so the compute host mounts their shares as Cinder does; none means nfs_mount_options is removed.</summary>
        [Parameter(ParameterSetName = "FromBackend", Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        public CinderNfsBackend[]? Backend { get; set; }

        /// <summary>nfs_mount_point_base: where nova mounts the shares (an absolute path; $state_path may start it). Default $state_path/mnt.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? MountPointBase { get; set; }

        /// <summary>Options to remove from [libvirt], so nova's default applies.</summary>
        [Parameter]
        [ValidateSet(NovaNfsOptions.MountPointBaseKey, NovaNfsOptions.MountOptionsKey)]
        public string[]? Unset { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (Backend is not null) _backends.AddRange(Backend);
        }

        /// <inheritdoc />
        protected override void EndHostProcessing()
        {
            var edit = new NovaNfsEdit();
            try
            {
                if (MountOptions is not null) edit.Set(NovaNfsOptions.MountOptions, CinderBackendCmdletBase.JoinOptions(MountOptions)!);
                if (_backends.Count > 0) edit.MatchBackends(_backends);
                if (MountPointBase is not null) edit.Set(NovaNfsOptions.MountPointBase, MountPointBase);
                foreach (string key in Unset ?? Array.Empty<string>()) edit.Unset(key);
                if (edit.IsEmpty) throw new ArgumentException("Nothing to set: give -MountOptions, -MountPointBase, -Unset, or Cinder backends with -Backend or the pipeline.");
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(InvalidArgument("InvalidNovaNfsSetting", ex.Message, NovaPaths.ConfigFile));
                return;
            }

            ForEachTarget(session =>
            {
                // Round trips: one read, one write when something differs, none otherwise.
                var state = ReadHost(session);
                var config = state.Config!;
                var setting = new NovaNfsSetting(session, state.ConfigFile, config);
                if (!edit.Apply(config))
                {
                    WriteVerbose($"[{session.DisplayName}] {state.ConfigFile} already says it all.");
                    WriteObject(setting);
                    return;
                }
                if (!ShouldProcess($"{session.DisplayName}:{state.ConfigFile}", edit.Describe())) return;
                // Owner, group, mode and SELinux label stay as the file has them.
                var request = new FileWriteRequest(state.ConfigFile, Encoding.UTF8.GetBytes(config.Document.Render()));
                var written = RemoteFile.Write(session.On(Context), request, DateTime.UtcNow);
                WriteWarning($"[{session.DisplayName}] nova-compute reads {state.ConfigFile} when it starts: restart it (systemctl restart nova-compute) so new attachments use this; volumes attached now keep their mounts until detached.");
                WriteObject(new NovaNfsSetting(session, state.ConfigFile, config) { Changed = written.Changed, BackupPath = written.BackupPath });
            });
        }
    }
}
