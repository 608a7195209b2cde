using System.Linq;
using System.Management.Automation;
using NfsCinder.Cinder;

namespace NfsCinder.Commands
{
    /// <summary>
    /// <para type="synopsis">Reads an NFS backend back from cinder.conf and its shares file.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CinderNfsBackend")]
    [OutputType(typeof(CinderNfsBackend))]
    public sealed class GetCinderNfsBackendCommand : CinderBackendCmdletBase
    {
        /// <summary>Backend name.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.CinderBackendNameCompleter))]
        public string BackendName { get; set; } = "nfs";

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            string backendName = BackendName; // captured: the next pipeline record rebinds -BackendName
            ForEachTarget(session =>
            {
                var files = ReadCinderFiles(session);
                var conf = files.Config;
                var located = CinderBackendEditor.Locate(conf, backendName);
                string? shares = located is null ? null : files.File(conf.Get(located.Value.Section, "nfs_shares_config") ?? CinderFiles.DefaultSharesFile)?.Text;
                WriteObject(Describe(session, conf, backendName, shares, changed: false, new string[0], restarted: false));
            });
        }
    }

    /// <summary>
    /// <para type="synopsis">Removes an NFS backend from cinder.conf (its section, or its [DEFAULT] driver settings, and its enabled_backends entry); the shares file stays. Returns the backend as it was.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "CinderNfsBackend", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(CinderNfsBackend))]
    public sealed class RemoveCinderNfsBackendCommand : CinderBackendCmdletBase
    {
        /// <summary>Backend name.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.CinderBackendNameCompleter))]
        public string BackendName { get; set; } = "nfs";

        /// <summary>Restart cinder-volume afterwards when something changed, and wait for its drivers.</summary>
        [Parameter] public SwitchParameter Restart { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            string backendName = BackendName; // captured: the next pipeline record rebinds -BackendName
            ForEachTarget(session =>
            {
                var files = ReadCinderFiles(session);
                var conf = files.Config;
                var located = CinderBackendEditor.Locate(conf, backendName);
                if (located is null)
                {
                    WriteVerbose($"[{session.ComputerName}] cinder.conf has no NFS backend '{backendName}': nothing to remove.");
                    return;
                }
                string sharesFile = conf.Get(located.Value.Section, "nfs_shares_config") ?? CinderFiles.DefaultSharesFile;
                var before = IniDocument.Parse(conf.Render());
                if (!CinderBackendEditor.Remove(conf, backendName, located.Value.Layout)
                    || !ShouldProcess($"{session.ComputerName}:{CinderFiles.ConfigFile}", $"Remove NFS backend '{backendName}'"))
                    return;
                var written = Write(session, CinderFiles.ConfigFile, conf.Render());
                bool restarted = false;
                if (Restart && ShouldProcess(session.ComputerName, "Restart cinder-volume"))
                {
                    RestartAndWait(session, conf, 300, "Remove-CinderNfsBackend");
                    restarted = true;
                }
                WriteObject(Describe(session, before, backendName, files.File(sharesFile)?.Text, written.Changed,
                    written.BackupPath is null ? new string[0] : new[] { written.BackupPath }, restarted));
            });
        }
    }

    /// <summary>
    /// <para type="synopsis">Restarts the distribution's cinder-volume unit (openstack-cinder-volume, cinder-volume or devstack@c-vol) and waits until it is active and every backend's driver has started or given up.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Restart, "CinderVolumeService", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(CinderServiceState))]
    public sealed class RestartCinderVolumeServiceCommand : CinderBackendCmdletBase
    {
        /// <summary>Seconds to wait for it to come back.</summary>
        [Parameter] [ValidateRange(10, 1800)] public int TimeoutSec { get; set; } = 300;

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            ForEachTarget(session =>
            {
                if (!ShouldProcess(session.ComputerName, "Restart cinder-volume")) return;
                var service = RestartAndWait(session, ReadConfig(session), TimeoutSec, "Restart-CinderVolumeService");
                WriteObject(service);
                foreach (var driver in service.Drivers.Where(d => d.Status == CinderDriverStatus.Failed && d.Driver != "NfsDriver"))
                    WriteWarning($"[{session.ComputerName}] {driver}: {driver.LastError}");
                ReportFailedNfsDrivers(session, service);
            });
        }
    }
}
