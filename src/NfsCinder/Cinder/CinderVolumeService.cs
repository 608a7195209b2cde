using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using NfsCinder.Execution;
using NfsCinder.Sessions;

namespace NfsCinder.Cinder
{
    /// <summary>Finds the distribution's volume unit, restarts it and waits for it, bounded.</summary>
    internal static class CinderVolumeService
    {
        // How long an active unit may take to write its first log before the wait stops
        // looking for its drivers (under TCG a first start logs about 15 s after the restart).
        private static readonly TimeSpan FirstLogGrace = TimeSpan.FromSeconds(90);

        // Bound of each umount of a mount that must go (a dead server must not hold the restart).
        private static readonly TimeSpan UnmountTimeout = TimeSpan.FromSeconds(20);

        public static string FindUnit(ICommandHost host)
        {
            var result = host.Run(RemoteScripts.Spec("find-cinder-volume-unit").Accepting(0, 3).For("Finding the cinder-volume service"));
            string unit = result.StandardOutput.Trim();
            if (result.ExitCode != 0 || unit.Length == 0)
                throw new NfsCinderException("CinderVolumeNotInstalled", FailureCategory.NotInstalled, host.DisplayName,
                    "No cinder-volume service (openstack-cinder-volume, cinder-volume or devstack@c-vol) exists on this host.",
                    "Run this on the Cinder volume host, or install the cinder-volume package there.");
            return unit;
        }

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

        /// <summary>The restart script's lines about each mount it was given: unmounted, busy (with the processes holding it) or failed.</summary>
        internal static IReadOnlyList<CinderUnmountResult> ParseUnmounts(string output, IReadOnlyList<CinderMount> asked)
        {
            var results = new List<CinderUnmountResult>();
            foreach (string line in output.Replace("\r", "").Split('\n').Skip(1))
            {
                string[] f = line.Split('\t');
                if (f.Length < 2) continue;
                var mount = asked.FirstOrDefault(m => m.MountPoint == f[1]);
                if (mount is null) continue;
                switch (f[0])
                {
                    case "unmounted": results.Add(new CinderUnmountResult(mount, true, mount.Status == CinderMountStatus.Stale ? "unmounted (stale)" : "unmounted, for the NfsDriver to mount it again with " + (mount.ConfiguredOptions ?? "its default options"))); break;
                    case "busy": results.Add(new CinderUnmountResult(mount, false, $"left mounted: in use by {(f.Length > 2 ? f[2] : "a process")}")); break;
                    case "failed": results.Add(new CinderUnmountResult(mount, false, $"left mounted: umount failed: {(f.Length > 2 ? f[2].Trim() : "")}")); break;
                }
            }
            return results;
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
        /// have mounted anything (about a minute under TCG). The mounts given are taken down
        /// while the unit is stopped, so the NfsDriver mounts those shares again as configured.
        /// </summary>
        public static CinderServiceState Restart(ICommandHost host, TimeSpan timeout, IReadOnlyList<string> expectedBackends,
            IReadOnlyList<CinderMount> unmount, Action<string>? progress)
        {
            string unit = FindUnit(host);
            var watch = Stopwatch.StartNew();
            var arguments = new[] { unit, ((int)UnmountTimeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture) }
                .Concat(unmount.Select(m => m.MountPoint)).ToArray();
            string restartOutput = host.Run(RemoteScripts.Spec("restart-cinder-volume", arguments)
                .WithTimeout(timeout + TimeSpan.FromTicks(UnmountTimeout.Ticks * unmount.Count)).For($"Restarting {unit}")).StandardOutput;
            var (log, offset, oldPids) = ParseRestartOutput(restartOutput);
            var unmounts = ParseUnmounts(restartOutput, unmount);

            string state = "unknown";
            string? logFile = null; // the log the last poll read (it names the given one, or the one that appeared)
            IReadOnlyList<CinderDriverState> drivers = Array.Empty<CinderDriverState>();
            int expected = Math.Max(1, expectedBackends.Count);
            while (true)
            {
                var sections = SectionedOutput.Parse(host.Run(
                    RemoteScripts.Spec("poll-cinder-volume", unit, log, offset, CinderVolumeLog.RelevantLines).For($"Checking {unit}")).StandardOutput);
                state = sections.FirstLine("active")?.Trim() ?? "unknown";
                (logFile, bool mayAppear) = ParseLogFile(sections.Lines("logfile"));
                drivers = DriversOfThisStart(sections.Text("log") ?? "", oldPids);
                // Without a log to read (none yet after the grace, or the host logs elsewhere)
                // the drivers cannot be told: systemd's "active" is all there is.
                bool noLog = logFile is null && (!mayAppear || watch.Elapsed >= FirstLogGrace);
                bool driversDone = noLog || (drivers.Count >= expected && drivers.All(d => d.Settled));
                progress?.Invoke($"{unit}: {state}, drivers: {(drivers.Count == 0 ? "none started yet" : string.Join("; ", drivers))} ({watch.Elapsed.TotalSeconds:0} s)");
                if (state == "failed" || (state == "active" && driversDone)) break;
                if (watch.Elapsed >= timeout)
                {
                    if (state == "active")
                        throw new NfsCinderException("CinderDriverStartTimeout", FailureCategory.OperationTimeout, host.DisplayName,
                            $"{unit} is active but its volume drivers have not finished starting after {watch.Elapsed.TotalSeconds:0} s ({(drivers.Count == 0 ? "none started" : string.Join("; ", drivers))}).",
                            $"Wait and run Test-CinderNfsBackend, or give more time (-RestartTimeoutSec, or -TimeoutSec of Restart-CinderVolumeService); read {logFile ?? "/var/log/cinder"} for what it is doing.");
                    break;
                }
                host.Cancellation.WaitHandle.WaitOne(TimeSpan.FromSeconds(2));
                host.Cancellation.ThrowIfCancellationRequested();
            }
            if (state != "active")
                throw new NfsCinderException("CinderVolumeNotActive", FailureCategory.ResourceUnavailable, host.DisplayName,
                    $"{unit} is '{state}' {watch.Elapsed.TotalSeconds:0} s after the restart.",
                    $"Read its log (journalctl -u {unit}, {logFile ?? "/var/log/cinder"}) and fix cinder.conf, then restart again.");
            return new CinderServiceState(unit, true, state, watch.Elapsed, changed: true, drivers.ToArray(), unmounts.ToArray());
        }
    }
}
