using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using NfsCinder.Cinder;
using NfsCinder.Files;
using NfsCinder.Sessions;

namespace NfsCinder.Commands
{
    /// <summary>
    /// <para type="synopsis">Makes NFS shares a Cinder backend, or changes one: cinder.conf (enabled_backends plus a section), every NFS driver option, the shares file as root:cinder 0640, optionally a restart of cinder-volume that remounts the shares whose options changed.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "CinderNfsBackend", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(CinderNfsBackend))]
    public sealed class SetCinderNfsBackendCommand : CinderBackendCmdletBase
    {
        private readonly List<CinderNfsShare> _shares = new List<CinderNfsShare>();

        /// <summary>Sessions of the Cinder volume hosts; a piped export or mount gives shares only, never the host.</summary>
        [Parameter(ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        public override NfsCinderSession[]? Session { get => base.Session; set => base.Session = value; }

        /// <summary>The backend's shares as server:/path ([IPv6]:/path); the list replaces the file's. From the pipeline: an NfsExport's Share or an NfsMount's Source. Optional for an existing backend (its shares stay).</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Source")]
        [ValidateNotNullOrEmpty]
        public string[]? Share { get; set; }

        /// <summary>Per-share mount options written after -o in the shares file (for example timeo=600,nosharecache; a list is joined with commas), for the shares of -Share.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? ShareMountOptions { get; set; }

        /// <summary>Backend name: its section (and volume_backend_name of a new backend).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.CinderBackendNameCompleter))]
        public string BackendName { get; set; } = "nfs";

        /// <summary>volume_backend_name, what volume types select (default: the backend name for a new backend; an existing one is kept).</summary>
        [Parameter] [ValidateNotNullOrEmpty] public string? VolumeBackendName { get; set; }

        /// <summary>MultiBackend (enabled_backends plus a section; default) or Default ([DEFAULT], the seed's layout, read only by Cinder before 10.0).</summary>
        [Parameter]
        public CinderLayout Layout { get; set; } = CinderLayout.MultiBackend;

        /// <summary>The shares file (nfs_shares_config). Default: the backend's own; for a new backend /etc/cinder/nfsshares for "nfs", /etc/cinder/nfsshares-NAME for any other. Another backend's file is refused.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SharesFile { get; set; }

        /// <summary>nfs_mount_options: mount options for every share (nas_mount_options overrides it); a list is joined with commas.</summary>
        [Parameter] [ValidateNotNullOrEmpty] public string[]? MountOptions { get; set; }

        /// <summary>nfs_mount_point_base: where Cinder mounts the shares (default $state_path/mnt).</summary>
        [Parameter] [ValidateNotNullOrEmpty] public string? MountPointBase { get; set; }

        /// <summary>nfs_sparsed_volumes (Cinder's default: true).</summary>
        [Parameter] public bool? SparsedVolumes { get; set; }

        /// <summary>nfs_qcow2_volumes (default false).</summary>
        [Parameter] public bool? Qcow2Volumes { get; set; }

        /// <summary>nfs_snapshot_support (default false); Cinder refuses it while nas_secure_file_operations is true or auto.</summary>
        [Parameter] public bool? SnapshotSupport { get; set; }

        /// <summary>nfs_mount_attempts: mount attempts per share before the driver gives up (default 3).</summary>
        [Parameter] [ValidateRange(1, 1000)] public int? MountAttempts { get; set; }

        /// <summary>nas_secure_file_operations: auto (default), true or false.</summary>
        [Parameter] [ValidateSet("auto", "true", "false")] public string? NasSecureFileOperations { get; set; }

        /// <summary>nas_secure_file_permissions: auto (default), true or false.</summary>
        [Parameter] [ValidateSet("auto", "true", "false")] public string? NasSecureFilePermissions { get; set; }

        /// <summary>nas_host: with -NasSharePath, the one share; Cinder then reads no shares file. An IPv6 address is written in brackets.</summary>
        [Parameter] [ValidateNotNullOrEmpty] public string? NasHost { get; set; }

        /// <summary>nas_share_path: the exported path on nas_host.</summary>
        [Parameter] [ValidateNotNullOrEmpty] public string? NasSharePath { get; set; }

        /// <summary>nas_mount_options: mount options used instead of nfs_mount_options; a list is joined with commas.</summary>
        [Parameter] [ValidateNotNullOrEmpty] public string[]? NasMountOptions { get; set; }

        /// <summary>nas_login: user on the NAS system (vendor drivers; default admin).</summary>
        [Parameter] [ValidateNotNullOrEmpty] public string? NasLogin { get; set; }

        /// <summary>nas_password: password on the NAS system (vendor drivers). Never shown in output, messages or logs.</summary>
        [Parameter] public SecureString? NasPassword { get; set; }

        /// <summary>nas_ssh_port: SSH port of the NAS system (vendor drivers; default 22).</summary>
        [Parameter] [ValidateRange(0, 65535)] public int? NasSshPort { get; set; }

        /// <summary>nas_private_key: SSH private key file for the NAS system (vendor drivers).</summary>
        [Parameter] [ValidateNotNullOrEmpty] public string? NasPrivateKey { get; set; }

        /// <summary>nas_volume_prov_type: thin (default) or thick.</summary>
        [Parameter] [ValidateSet("thin", "thick")] public string? NasVolumeProvType { get; set; }

        /// <summary>reserved_percentage: capacity kept free, 0-100 (default 0; replaces the removed nfs_used_ratio).</summary>
        [Parameter] [ValidateRange(0, 100)] public int? ReservedPercentage { get; set; }

        /// <summary>max_over_subscription_ratio: at least 1.0 (default 20.0; replaces the removed nfs_oversub_ratio; the NFS driver does not take 'auto').</summary>
        [Parameter] public double? MaxOverSubscriptionRatio { get; set; }

        /// <summary>Options to remove from the backend's section (Cinder's default then applies), including the obsolete nfs_used_ratio and nfs_oversub_ratio.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.CinderOptionNameCompleter))]
        public string[]? Unset { get; set; }

        /// <summary>Restart cinder-volume afterwards (when something changed, or a mount does not carry the configured options), taking down first the backend's mounts whose options changed, and wait until its drivers have started.</summary>
        [Parameter] public SwitchParameter Restart { get; set; }

        /// <summary>Seconds to wait for cinder-volume to come back.</summary>
        [Parameter] [ValidateRange(10, 1800)] public int RestartTimeoutSec { get; set; } = 300;

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            foreach (string share in Share ?? Array.Empty<string>())
            {
                try { _shares.Add(new CinderNfsShare(share, JoinOptions(ShareMountOptions))); }
                catch (ArgumentException ex) { ThrowTerminatingError(InvalidArgument("InvalidShare", ex.Message, share)); }
            }
        }

        /// <inheritdoc />
        protected override void EndHostProcessing()
        {
            CinderNfsBackendSpec spec;
            try
            {
                if (ShareMountOptions is not null && _shares.Count == 0) throw new ArgumentException("-ShareMountOptions applies to the shares of -Share; give -Share too.");
                spec = new CinderNfsBackendSpec(BackendName, Layout, SharesFile, _shares.Count == 0 ? null : _shares.Distinct().ToList()) { VolumeBackendName = VolumeBackendName };
                if (VolumeBackendName is not null) Values.HostValue.CheckText(VolumeBackendName, "-VolumeBackendName");
                foreach (var option in TypedOptions()) spec.SetOption(option.Key, option.Value);
                foreach (string key in Unset ?? Array.Empty<string>()) spec.UnsetOption(key);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(InvalidArgument("InvalidCinderBackend", ex.Message, BackendName));
                return;
            }

            ForEachTarget(session =>
            {
                // Round trips: one read (cinder.conf, the shares files, the mounts), one write of
                // what differs (both files at once), none when nothing does; -Restart then waits.
                // The file a new backend would get is read too, so one left from before is kept, not overwritten unseen.
                var state = ReadHost(session, spec.SharesFile, CinderNfsBackendSpec.DefaultSharesFileFor(spec.BackendName));
                var config = state.Config!;
                string? formerBase = config.Find(spec.BackendName)?.MountPointBase;
                CinderBackendChange change;
                try { change = CinderBackendEditor.Apply(config, spec, state.Text, state.CinderVersion, state.Unreadable); }
                catch (CinderConfigConflict conflict) { throw Refused(session, conflict); }
                WriteNotes(session, change.Notes);

                var plan = CinderWritePlan.ForBackend(change, config, state, CinderPaths.ConfigFile, BackendName, Layout);
                var decision = plan.Decide(step => ShouldProcess($"{session.DisplayName}:{step.Path}", step.Action), IsWhatIf);
                if (decision.LeftAsItIs is { } why) WriteVerbose($"[{session.DisplayName}] {why}");
                var written = WriteFiles(session, decision.Requests);
                bool changed = written.Any(w => w.Changed);
                string[] backups = written.Where(w => w.BackupPath is not null).Select(w => w.BackupPath!).ToArray();

                CinderServiceState? service = null;
                if (Restart)
                {
                    // A restart works from what the host has now: the edits written, the rest as read.
                    var live = decision.LiveConfiguration(config, state);
                    var restart = CinderRestartPlan.For(live, path => decision.SharesNow(path, state), state, formerBase);
                    // -WhatIf shows the restart a real run would make after its writes.
                    if (restart.IsWanted(changed, IsWhatIf, plan.Planned, change.Backend.Name, change.Backend.MountPointBase, formerBase) && ShouldProcess(session.DisplayName, restart.Action))
                        service = RestartAndWait(session, live, restart.Renew, RestartTimeoutSec, "Set-CinderNfsBackend");
                }
                if (IsWhatIf) return;
                WriteObject(CinderNfsBackend.Describe(session, session.ComputerName, CinderPaths.ConfigFile, change.Backend, change.SharesText ?? state.Text(change.Backend.SharesFile),
                    changed, backups, service, change.Notes));
                ReportFailedNfsDrivers(session, service);
            });
        }

        // The typed parameters given, as cinder.conf keys and their values.
        private IEnumerable<KeyValuePair<string, object>> TypedOptions()
        {
            var given = new List<KeyValuePair<string, object>>();
            void Add(string key, object? value) { if (value is not null) given.Add(new KeyValuePair<string, object>(key, value)); }
            Add(CinderNfsOptions.MountOptions, JoinOptions(MountOptions));
            Add(CinderNfsOptions.MountPointBase, MountPointBase);
            Add("nfs_sparsed_volumes", SparsedVolumes);
            Add("nfs_qcow2_volumes", Qcow2Volumes);
            Add(CinderNfsOptions.SnapshotSupport, SnapshotSupport);
            Add("nfs_mount_attempts", MountAttempts);
            Add(CinderNfsOptions.NasSecureFileOperations, NasSecureFileOperations);
            Add("nas_secure_file_permissions", NasSecureFilePermissions);
            Add(CinderNfsOptions.NasHost, NasHost);
            Add(CinderNfsOptions.NasSharePath, NasSharePath);
            Add(CinderNfsOptions.NasMountOptions, JoinOptions(NasMountOptions));
            Add("nas_login", NasLogin);
            Add("nas_password", NasPassword is null ? null : Plain(NasPassword));
            Add("nas_ssh_port", NasSshPort);
            Add("nas_private_key", NasPrivateKey);
            Add("nas_volume_prov_type", NasVolumeProvType);
            Add("reserved_percentage", ReservedPercentage);
            Add("max_over_subscription_ratio", MaxOverSubscriptionRatio);
            return given;
        }

        private static string Plain(SecureString secret)
        {
            IntPtr pointer = Marshal.SecureStringToGlobalAllocUnicode(secret);
            try { return Marshal.PtrToStringUni(pointer) ?? ""; }
            finally { Marshal.ZeroFreeGlobalAllocUnicode(pointer); }
        }
    }
}
