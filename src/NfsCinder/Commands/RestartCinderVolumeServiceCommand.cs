using System.Linq;
using System.Management.Automation;
using NfsCinder.Cinder;

namespace NfsCinder.Commands
{
    /// <summary>
    /// <para type="synopsis">Restarts the distribution's cinder-volume unit (openstack-cinder-volume, cinder-volume or devstack@c-vol), unmounting first Cinder's mounts whose options are no longer the configured ones and those of shares no backend lists (unless in use), and waits until every backend's driver has started or given up.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Restart, "CinderVolumeService", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(CinderServiceState))]
    public sealed class RestartCinderVolumeServiceCommand : CinderBackendCmdletBase
    {
        /// <summary>Seconds to wait for it to come back.</summary>
        [Parameter] [ValidateRange(10, 1800)] public int TimeoutSec { get; set; } = 300;

        /// <summary>Leave Cinder's mounts as they are, even those whose options changed or whose share no backend lists.</summary>
        [Parameter] public SwitchParameter KeepMounts { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            bool keepMounts = KeepMounts;
            ForEachTarget(session =>
            {
                var state = ReadHost(session);
                var restart = keepMounts ? CinderRestartPlan.KeepingMounts() : CinderRestartPlan.For(state.Config!, state.Text, state);
                if (!ShouldProcess(session.DisplayName, restart.Action)) return;
                var service = RestartAndWait(session, state.Config!, restart.Renew, TimeoutSec, "Restart-CinderVolumeService");
                WriteObject(service);
                foreach (var driver in service.Drivers.Where(d => d.Status == CinderDriverStatus.Failed && d.Driver != "NfsDriver"))
                    WriteWarning($"[{session.DisplayName}] {driver}: {driver.LastError}");
                ReportFailedNfsDrivers(session, service);
            });
        }
    }
}
