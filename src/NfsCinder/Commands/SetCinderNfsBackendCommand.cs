using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using NfsCinder.Cinder;
using NfsCinder.Execution;
using NfsCinder.Files;

namespace NfsCinder.Commands
{
    /// <summary>
    /// <para type="synopsis">Makes NFS shares a Cinder backend: cinder.conf (MultiBackend or the seed's Default layout), the shares file as root:cinder 0640, optionally a restart of cinder-volume.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "CinderNfsBackend", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(CinderNfsBackend))]
    public sealed class SetCinderNfsBackendCommand : CinderBackendCmdletBase
    {
        private readonly List<CinderNfsShare> _shares = new List<CinderNfsShare>();

        /// <summary>Shares as server:/path (several allowed). From the pipeline: an NfsExport's or NfsMount's Source.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Source")]
        [ValidateNotNullOrEmpty]
        public string[] Share { get; set; } = Array.Empty<string>();

        /// <summary>Per-share mount options written after -o in the shares file (for example vers=4.1).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ShareMountOptions { get; set; }

        /// <summary>Backend name: its section and volume_backend_name.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.CinderBackendNameCompleter))]
        public string BackendName { get; set; } = "nfs";

        /// <summary>MultiBackend (enabled_backends plus a section; default) or Default ([DEFAULT], as the seed guide).</summary>
        [Parameter]
        public CinderLayout Layout { get; set; } = CinderLayout.MultiBackend;

        /// <summary>The shares file (nfs_shares_config).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string SharesFile { get; set; } = CinderFiles.DefaultSharesFile;

        /// <summary>nfs_mount_options: options for every share.</summary>
        [Parameter] [ValidateNotNullOrEmpty] public string? MountOptions { get; set; }

        /// <summary>nfs_mount_point_base.</summary>
        [Parameter] [ValidateNotNullOrEmpty] public string? MountPointBase { get; set; }

        /// <summary>nfs_sparsed_volumes.</summary>
        [Parameter] public bool? SparsedVolumes { get; set; }

        /// <summary>nfs_qcow2_volumes.</summary>
        [Parameter] public bool? Qcow2Volumes { get; set; }

        /// <summary>nfs_snapshot_support.</summary>
        [Parameter] public bool? SnapshotSupport { get; set; }

        /// <summary>nfs_mount_attempts.</summary>
        [Parameter] [ValidateRange(1, 100)] public int? MountAttempts { get; set; }

        /// <summary>nas_secure_file_operations: auto, true or false.</summary>
        [Parameter] [ValidateSet("auto", "true", "false")] public string? NasSecureFileOperations { get; set; }

        /// <summary>nas_secure_file_permissions: auto, true or false.</summary>
        [Parameter] [ValidateSet("auto", "true", "false")] public string? NasSecureFilePermissions { get; set; }

        /// <summary>Restart cinder-volume afterwards (only when something changed) and wait until it is active and its drivers have started.</summary>
        [Parameter] public SwitchParameter Restart { get; set; }

        /// <summary>Seconds to wait for cinder-volume to come back.</summary>
        [Parameter] [ValidateRange(10, 1800)] public int RestartTimeoutSec { get; set; } = 300;

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            foreach (string share in Share)
            {
                try { _shares.Add(new CinderNfsShare(share, ShareMountOptions)); }
                catch (ArgumentException ex) { ThrowTerminatingError(InvalidArgument("InvalidShare", ex.Message, share)); }
            }
        }

        /// <inheritdoc />
        protected override void EndHostProcessing()
        {
            CinderNfsBackendSpec spec;
            try
            {
                spec = new CinderNfsBackendSpec(BackendName, Layout, SharesFile, _shares.Distinct().ToList());
                if (MountPointBase is not null && (!MountPointBase.StartsWith("/", StringComparison.Ordinal) || MountPointBase.Any(char.IsWhiteSpace)))
                    throw new ArgumentException($"-MountPointBase '{MountPointBase}' must be an absolute path without spaces.");
                if (MountOptions is not null) new CinderNfsShare("h:/p", MountOptions);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(InvalidArgument("InvalidCinderBackend", ex.Message, BackendName));
                return;
            }
            spec.Options["nfs_mount_options"] = MountOptions;
            spec.Options["nfs_mount_point_base"] = MountPointBase;
            spec.Options["nfs_sparsed_volumes"] = Bool(SparsedVolumes);
            spec.Options["nfs_qcow2_volumes"] = Bool(Qcow2Volumes);
            spec.Options["nfs_snapshot_support"] = Bool(SnapshotSupport);
            spec.Options["nfs_mount_attempts"] = MountAttempts?.ToString(System.Globalization.CultureInfo.InvariantCulture);
            spec.Options["nas_secure_file_operations"] = NasSecureFileOperations;
            spec.Options["nas_secure_file_permissions"] = NasSecureFilePermissions;

            string sharesFile = SharesFile;
            ForEachTarget(session =>
            {
                // Round trips: one read (cinder.conf and the shares files), one write of what
                // differs (both files at once), none when nothing does; -Restart then waits.
                var files = ReadCinderFiles(session, sharesFile);
                var conf = files.Config;
                var sharesBefore = files.File(sharesFile);
                bool confChanged = CinderBackendEditor.Apply(conf, spec, message => WriteWarning($"[{session.ComputerName}] {message}"));
                string sharesAfter = CinderBackendEditor.RenderShares(spec.Shares, sharesBefore?.Text);
                var writes = new List<FileWriteRequest>();
                // The shares file first: cinder.conf must never point at a file that is not there yet.
                var sharesRequest = Request(sharesFile, sharesAfter, "root", "cinder", "0640");
                if ((sharesBefore is null || !sharesBefore.Matches(sharesRequest))
                    && ShouldProcess($"{session.ComputerName}:{sharesFile}", $"Write shares {string.Join(", ", spec.Shares)} as root:cinder 0640"))
                    writes.Add(sharesRequest);
                if (confChanged && ShouldProcess($"{session.ComputerName}:{CinderFiles.ConfigFile}", $"Configure NFS backend '{BackendName}' ({Layout})"))
                    writes.Add(Request(CinderFiles.ConfigFile, conf.Render()));
                var written = writes.Count == 0 ? Array.Empty<FileWriteResult>()
                    : RemoteFile.WriteAll(spec => session.Run(spec, Context), session.ComputerName, writes, null, DateTime.UtcNow).Files;
                bool changed = written.Any(w => w.Changed);
                string[] backups = written.Where(w => w.BackupPath is not null).Select(w => w.BackupPath!).ToArray();
                CinderServiceState? service = null;
                if (Restart && changed && ShouldProcess(session.ComputerName, "Restart cinder-volume"))
                    service = RestartAndWait(session, conf, RestartTimeoutSec, "Set-CinderNfsBackend");
                if (IsWhatIf) return;
                WriteObject(Describe(session, conf, BackendName, sharesAfter, changed, backups, service is not null));
                ReportFailedNfsDrivers(session, service);
            });
        }

        private static string? Bool(bool? value) => value is null ? null : value.Value ? "true" : "false";
    }
}
