using System;
using System.Diagnostics;
using System.Threading;
using NfsCinder.Execution;
using NfsCinder.Sessions;

namespace NfsCinder.Cinder
{
    /// <summary>The state of the volume service after a restart.</summary>
    public sealed class CinderServiceState
    {
        internal CinderServiceState(NfsCinderSession session, string unit, bool active, string state, TimeSpan waited, bool changed)
        {
            Session = session;
            ComputerName = session.ComputerName;
            Unit = unit;
            Active = active;
            State = state;
            Waited = waited;
            Changed = changed;
        }

        /// <summary>The volume host.</summary>
        public string ComputerName { get; }

        /// <summary>openstack-cinder-volume, cinder-volume or devstack@c-vol.</summary>
        public string Unit { get; }

        /// <summary>True when systemd reports the unit active.</summary>
        public bool Active { get; }

        /// <summary>systemctl is-active's answer.</summary>
        public string State { get; }

        /// <summary>How long the restart took to come up.</summary>
        public TimeSpan Waited { get; }

        /// <summary>True when this command restarted it.</summary>
        public bool Changed { get; }

        /// <summary>The volume host's session.</summary>
        public NfsCinderSession Session { get; }
    }

    /// <summary>Finds the distribution's volume unit, restarts it and waits for it, bounded.</summary>
    internal static class CinderVolumeService
    {
        // RDO names it openstack-cinder-volume, Debian and Ubuntu cinder-volume, devstack c-vol.
        internal const string FindUnitScript =
            "for u in openstack-cinder-volume cinder-volume devstack@c-vol; do\n" +
            "  if systemctl cat \"$u.service\" >/dev/null 2>&1; then echo \"$u\"; exit 0; fi\n" +
            "done\n" +
            "exit 3\n";

        public static string FindUnit(NfsCinderSession session, RunContext context)
        {
            var result = session.Run(CommandSpec.Script("find-cinder-volume-unit", FindUnitScript).Accepting(0, 3).For("Finding the cinder-volume service"), context);
            string unit = result.StandardOutput.Trim();
            if (result.ExitCode != 0 || unit.Length == 0)
                throw new NfsCinderException("CinderVolumeNotInstalled", FailureCategory.NotInstalled, session.ComputerName,
                    "No cinder-volume service (openstack-cinder-volume, cinder-volume or devstack@c-vol) exists on this host.",
                    "Run this on the Cinder volume host, or install the cinder-volume package there.");
            return unit;
        }

        public static CinderServiceState Restart(NfsCinderSession session, RunContext context, TimeSpan timeout, Action<string>? progress)
        {
            string unit = FindUnit(session, context);
            var watch = Stopwatch.StartNew();
            session.Run(CommandSpec.Argv("systemctl", "restart", unit + ".service").WithTimeout(timeout).For($"Restarting {unit}"), context);
            string state = "unknown";
            while (watch.Elapsed < timeout)
            {
                state = session.Run(CommandSpec.Argv("systemctl", "is-active", unit + ".service").Accepting(0, 3, 4).For($"Checking {unit}"), context).StandardOutput.Trim();
                progress?.Invoke($"{unit}: {state} after {watch.Elapsed.TotalSeconds:0} s");
                if (state == "active" || state == "failed") break;
                context.CancellationToken.WaitHandle.WaitOne(TimeSpan.FromSeconds(2));
                context.CancellationToken.ThrowIfCancellationRequested();
            }
            if (state != "active")
                throw new NfsCinderException("CinderVolumeNotActive", FailureCategory.ResourceUnavailable, session.ComputerName,
                    $"{unit} is '{state}' {watch.Elapsed.TotalSeconds:0} s after the restart.",
                    $"Read its log (journalctl -u {unit}, /var/log/cinder/cinder-volume.log) and fix cinder.conf, then restart again.");
            return new CinderServiceState(session, unit, true, state, watch.Elapsed, changed: true);
        }
    }
}
