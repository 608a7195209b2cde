using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using NfsCinder.Execution;
using NfsCinder.Sessions;

namespace NfsCinder.Cinder
{
    /// <summary>The state of the volume service after a restart.</summary>
    public sealed class CinderServiceState
    {
        internal CinderServiceState(NfsCinderSession session, string unit, bool active, string state, TimeSpan waited, bool changed, CinderDriverState[] drivers)
        {
            Drivers = drivers;
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

        /// <summary>Each backend's driver process as the volume log tells this start (empty when the host logs elsewhere).</summary>
        public CinderDriverState[] Drivers { get; }

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
        /// <summary>Shell that sets $unit to the volume unit this host has, or to empty.</summary>
        internal const string FindUnitShell =
            "unit=\n" +
            "for u in openstack-cinder-volume cinder-volume devstack@c-vol; do\n" +
            "  if systemctl cat \"$u.service\" >/dev/null 2>&1; then unit=$u; break; fi\n" +
            "done\n";

        /// <summary>Shell that sets $log to the volume log (Debian/Ubuntu name, then RDO's), or to empty.</summary>
        internal const string FindLogShell =
            "log=\n" +
            "for f in /var/log/cinder/cinder-volume.log /var/log/cinder/volume.log; do\n" +
            "  if [ -f \"$f\" ]; then log=$f; break; fi\n" +
            "done\n";

        internal const string FindUnitScript =
            FindUnitShell +
            "if [ -n \"$unit\" ]; then echo \"$unit\"; exit 0; fi\n" +
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

        // Records where the volume log ends before the restart, so the wait reads only this
        // start's lines, and the PIDs the unit runs now (its cgroup, v2 or v1): the old processes
        // keep logging until systemd stops them (a driver retrying its start, say), and those
        // lines, past the recorded end, are not this start's.
        internal const string RestartScript =
            "unit=$1\n" +
            FindLogShell +
            "size=0; if [ -n \"$log\" ]; then size=$(stat -c %s \"$log\"); fi\n" +
            "cg=$(systemctl show -p ControlGroup --value \"$unit.service\" 2>/dev/null) old=\n" +
            "for f in \"/sys/fs/cgroup$cg/cgroup.procs\" \"/sys/fs/cgroup/systemd$cg/cgroup.procs\"; do\n" +
            "  if [ -n \"$cg\" ] && [ -r \"$f\" ]; then old=$(tr '\\n' ' ' < \"$f\"); break; fi\n" +
            "done\n" +
            "printf '%s\\t%s\\t%s\\n' \"$log\" \"$size\" \"$old\"\n" +
            "exec systemctl restart \"$unit.service\"\n";

        // A host that has never run cinder-volume has no log before the restart: the poll looks
        // for it again until it appears ("pending" while /var/log/cinder exists without it,
        // "none" when the host has no such directory and logs elsewhere).
        internal const string PollScript =
            "unit=$1; log=$2; offset=$3; pattern=$4\n" +
            "if [ -z \"$log\" ]; then\n" + FindLogShell + "offset=0\nfi\n" +
            "echo '@@NFSCINDER:active@@'; systemctl is-active \"$unit.service\"\n" +
            "echo '@@NFSCINDER:logfile@@'\n" +
            "if [ -n \"$log\" ]; then printf 'file %s\\n' \"$log\"; elif [ -d /var/log/cinder ]; then echo pending; else echo none; fi\n" +
            "echo '@@NFSCINDER:log@@'\n" +
            "if [ -n \"$log\" ] && [ -f \"$log\" ]; then\n" +
            "  size=$(stat -c %s \"$log\"); if [ \"$size\" -lt \"$offset\" ]; then offset=0; fi\n" + // rotated meanwhile
            "  tail -c +$((offset + 1)) \"$log\" | grep -E -- \"$pattern\"\n" +
            "fi\n" +
            "exit 0\n";

        // How long an active unit may take to write its first log before the wait stops
        // looking for its drivers (under TCG a first start logs about 15 s after the restart).
        private static readonly TimeSpan FirstLogGrace = TimeSpan.FromSeconds(90);

        /// <summary>
        /// The restart script's first line: the volume log and its size before the restart, and
        /// the PIDs the unit ran then, tab-separated. The log is empty when the host had none yet
        /// (the line starts with the tab, which a trim must not eat).
        /// </summary>
        internal static (string Log, string Offset, ISet<int> OldPids) ParseRestartOutput(string output)
        {
            string[] fields = output.Replace("\r", "").Split('\n')[0].Split('\t');
            string offset = fields.Length > 1 ? fields[1].Trim() : "";
            var oldPids = new HashSet<int>();
            if (fields.Length > 2)
                foreach (string pid in fields[2].Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
                    if (int.TryParse(pid, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int value)) oldPids.Add(value);
            return (fields.Length > 1 ? fields[0] : "", offset.Length > 0 && offset.All(char.IsDigit) ? offset : "0", oldPids);
        }

        /// <summary>The driver processes of this start: those in the log, less the ones the unit ran before the restart.</summary>
        internal static IReadOnlyList<CinderDriverState> DriversOfThisStart(string logLines, ISet<int> oldPids) =>
            CinderVolumeLog.Drivers(CinderVolumeLog.Parse(logLines).Where(e => !oldPids.Contains(e.Pid)).ToList());

        /// <summary>The poll's logfile section: the log it read, or whether one may still appear.</summary>
        internal static (string? Log, bool MayAppear) ParseLogFile(IEnumerable<string>? section)
        {
            string line = section is null ? "" : string.Join("", section).Trim();
            if (line.StartsWith("file ", StringComparison.Ordinal)) return (line.Substring(5), false);
            return (null, line == "pending");
        }

        /// <summary>
        /// Restarts the unit, then waits (bounded) until systemd says active and every backend's
        /// driver process has logged its outcome: a unit is "active" seconds before its drivers
        /// have mounted anything (about a minute under TCG).
        /// </summary>
        public static CinderServiceState Restart(NfsCinderSession session, RunContext context, TimeSpan timeout, int expectedDrivers, Action<string>? progress)
        {
            string unit = FindUnit(session, context);
            var watch = Stopwatch.StartNew();
            var (log, offset, oldPids) = ParseRestartOutput(session.Run(CommandSpec.Script("restart-cinder-volume", RestartScript, unit).WithTimeout(timeout).For($"Restarting {unit}"), context)
                .StandardOutput);

            string state = "unknown";
            string? logFile = null; // the log the last poll read (it names the given one, or the one that appeared)
            IReadOnlyList<CinderDriverState> drivers = Array.Empty<CinderDriverState>();
            while (true)
            {
                var sections = Hosts.HostProbe.SplitSections(session.Run(
                    CommandSpec.Script("poll-cinder-volume", PollScript, unit, log, offset, CinderVolumeLog.RelevantLines).For($"Checking {unit}"), context).StandardOutput);
                state = sections.TryGetValue("active", out var a) ? string.Join("", a).Trim() : "unknown";
                (logFile, bool mayAppear) = ParseLogFile(sections.TryGetValue("logfile", out var f) ? f : null);
                drivers = DriversOfThisStart(sections.TryGetValue("log", out var l) ? string.Join("\n", l) : "", oldPids);
                // Without a log to read (none yet after the grace, or the host logs elsewhere)
                // the drivers cannot be told: systemd's "active" is all there is.
                bool noLog = logFile is null && (!mayAppear || watch.Elapsed >= FirstLogGrace);
                bool driversDone = noLog || (drivers.Count >= expectedDrivers && drivers.All(d => d.Settled));
                progress?.Invoke($"{unit}: {state}, drivers: {(drivers.Count == 0 ? "none started yet" : string.Join("; ", drivers))} ({watch.Elapsed.TotalSeconds:0} s)");
                if (state == "failed" || (state == "active" && driversDone)) break;
                if (watch.Elapsed >= timeout)
                {
                    if (state == "active")
                        throw new NfsCinderException("CinderDriverStartTimeout", FailureCategory.OperationTimeout, session.ComputerName,
                            $"{unit} is active but its volume drivers have not finished starting after {watch.Elapsed.TotalSeconds:0} s ({(drivers.Count == 0 ? "none started" : string.Join("; ", drivers))}).",
                            $"Wait and run Test-CinderNfsBackend, or give a longer -TimeoutSec; read {logFile ?? "/var/log/cinder"} for what it is doing.");
                    break;
                }
                context.CancellationToken.WaitHandle.WaitOne(TimeSpan.FromSeconds(2));
                context.CancellationToken.ThrowIfCancellationRequested();
            }
            if (state != "active")
                throw new NfsCinderException("CinderVolumeNotActive", FailureCategory.ResourceUnavailable, session.ComputerName,
                    $"{unit} is '{state}' {watch.Elapsed.TotalSeconds:0} s after the restart.",
                    $"Read its log (journalctl -u {unit}, {logFile ?? "/var/log/cinder"}) and fix cinder.conf, then restart again.");
            return new CinderServiceState(session, unit, true, state, watch.Elapsed, changed: true, drivers.ToArray());
        }

        /// <summary>How many driver processes cinder-volume starts: one per enabled backend, or one without enabled_backends.</summary>
        internal static int ExpectedDrivers(IniDocument conf)
        {
            string? enabled = conf.Get("DEFAULT", "enabled_backends");
            int count = enabled is null ? 0 : enabled.Split(',').Count(b => b.Trim().Length > 0);
            return Math.Max(1, count);
        }
    }
}
