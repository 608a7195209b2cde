using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace NfsCinder.Cinder
{
    /// <summary>
    /// Reads cinder-volume.log the way the volume manager writes it: every backend is a worker
    /// process, and the pid on each line ties "Starting volume driver X", its errors and its
    /// outcome together, so one broken backend (Debian's default lvm) says nothing about NFS.
    /// </summary>
    internal static class CinderVolumeLog
    {
        /// <summary>A grep -E pattern selecting only the lines this reader needs (keeps the transfer small).</summary>
        internal const string RelevantLines = @"^[0-9-]+ [0-9:.]+ [0-9]+ (ERROR|CRITICAL|WARNING) |Starting volume driver |Driver initialization completed|Image-volume cache (enabled|disabled) for host |Child [0-9]+ exited";

        // The parent logs this for each backend, in enabled_backends order, as it creates the
        // backend's service and just before it forks the backend's worker
        // (VolumeManager.__init__, then launch_service in cinder/cmd/volume.py).
        internal static readonly Regex ChildExited = new Regex(@"^Child (?<pid>\d+) exited", RegexOptions.CultureInvariant);

        internal static readonly Regex BackendCreated = new Regex(@"^Image-volume cache (?:enabled|disabled) for host (?<host>[^@\s]+)@(?<backend>[^\s]+?)\.?$", RegexOptions.CultureInvariant);

        private static readonly Regex Line = new Regex(
            @"^(?<t>\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)?) (?<pid>\d+) (?<level>[A-Z]+) (?<logger>\S+) (?<msg>.*)$",
            RegexOptions.CultureInvariant);

        internal static readonly Regex StartingDriver = new Regex(@"Starting volume driver (?<driver>\w+)", RegexOptions.CultureInvariant);

        internal static IReadOnlyList<VolumeLogEntry> Parse(string text)
        {
            var entries = new List<VolumeLogEntry>();
            foreach (string raw in text.Replace("\r\n", "\n").Split('\n'))
            {
                if (ParseLine(raw) is { } entry) entries.Add(entry);
            }
            return entries;
        }

        /// <summary>One oslo.log line, or null when the line has no oslo prefix (a continuation or another format).</summary>
        internal static VolumeLogEntry? ParseLine(string line)
        {
            Match m = Line.Match(line);
            if (!m.Success) return null;
            if (!DateTime.TryParseExact(m.Groups["t"].Value, new[] { "yyyy-MM-dd HH:mm:ss.FFFFFF", "yyyy-MM-dd HH:mm:ss" },
                    CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime time)) return null;
            return new VolumeLogEntry(time, int.Parse(m.Groups["pid"].Value, CultureInfo.InvariantCulture),
                m.Groups["level"].Value, m.Groups["logger"].Value, m.Groups["msg"].Value);
        }

        /// <summary>Every driver process that started in these lines, in order of its first start.</summary>
        internal static IReadOnlyList<CinderDriverState> Drivers(IReadOnlyList<VolumeLogEntry> entries)
        {
            var byPid = new Dictionary<int, CinderDriverState>();
            var order = new List<CinderDriverState>();
            VolumeLogEntry? previousError = null;
            bool lastErrorOpen = false;
            foreach (VolumeLogEntry e in entries)
            {
                Match start = StartingDriver.Match(e.Message);
                if (start.Success)
                {
                    if (!byPid.TryGetValue(e.Pid, out var created))
                    {
                        created = new CinderDriverState(e.Pid, start.Groups["driver"].Value);
                        byPid[e.Pid] = created;
                        order.Add(created);
                    }
                    created.Attempts++;
                    created.Status = CinderDriverStatus.Starting;
                    continue;
                }
                if (!byPid.TryGetValue(e.Pid, out var state)) continue;
                string message = StripRequestContext(e.Message);
                bool continuation = e.IsError && IsContinuation(e, previousError);
                if (message.StartsWith("Driver initialization completed successfully", StringComparison.Ordinal))
                    state.Status = CinderDriverStatus.Initialized;
                else if (message.StartsWith("Failed to initialize driver", StringComparison.Ordinal))
                {
                    state.FailedAttempts++;
                    state.LastError = message; // the cause; the give-up lines that follow only repeat "not initialized"
                    lastErrorOpen = true;
                }
                else if (message.StartsWith("Cannot complete RPC initialization because driver isn't initialized", StringComparison.Ordinal)
                         || message.StartsWith($"Volume driver {state.Driver} not initialized", StringComparison.Ordinal))
                    state.Status = CinderDriverStatus.Failed;

                if (e.IsError && !continuation)
                {
                    if (state.LastError is null) { state.LastError = message; lastErrorOpen = true; }
                    else if (!message.StartsWith("Failed to initialize driver", StringComparison.Ordinal)) lastErrorOpen = false;
                }
                else if (continuation && lastErrorOpen && message.StartsWith("Stderr: ", StringComparison.Ordinal) && message != "Stderr: ''")
                {
                    state.LastError += " " + message; // the failed command's own words say more than "Unexpected error"
                    lastErrorOpen = false;
                }
                if (e.IsError) previousError = e;
            }
            NameBackends(entries, order);
            return order;
        }

        /// <summary>
        /// Tells each worker its backend. No worker line names it, but the parent logs the
        /// backends in the order it forks their workers, and the kernel hands out PIDs in fork
        /// order: the n-th backend created belongs to the n-th lowest worker PID. A worker the
        /// parent forks again after one exited ("Child P exited") runs P's backend.
        /// </summary>
        private static void NameBackends(IReadOnlyList<VolumeLogEntry> entries, IReadOnlyList<CinderDriverState> drivers)
        {
            var workerPids = new HashSet<int>(drivers.Select(d => d.Pid));
            var created = new List<string>();
            var exited = new List<int>();
            int? parent = null;
            foreach (var e in entries.Where(e => !workerPids.Contains(e.Pid)))
            {
                string message = StripRequestContext(e.Message);
                Match m = BackendCreated.Match(message);
                if (m.Success)
                {
                    parent ??= e.Pid;
                    if (!created.Contains(m.Groups["backend"].Value)) created.Add(m.Groups["backend"].Value);
                }
                Match x = ChildExited.Match(message);
                if (x.Success) exited.Add(int.Parse(x.Groups["pid"].Value, CultureInfo.InvariantCulture));
            }
            if (parent is null) return;
            // PIDs grow from the parent's in fork order, and may wrap past pid_max: order by distance.
            long After(int pid) => pid > parent.Value ? pid - parent.Value : pid + (long)int.MaxValue - parent.Value;
            var workers = drivers.OrderBy(d => After(d.Pid)).ToList();
            for (int i = 0; i < workers.Count && i < created.Count; i++) workers[i].BackendName = created[i];
            foreach (int pid in exited)
            {
                var before = workers.FirstOrDefault(w => w.Pid == pid);
                var next = workers.FirstOrDefault(w => After(w.Pid) > After(pid) && w.BackendName is null);
                if (before?.BackendName is not null && next is not null) next.BackendName = before.BackendName;
            }
        }

        /// <summary>Error lines (first line of each error) that the given driver processes logged.</summary>
        internal static IReadOnlyList<VolumeLogEntry> ErrorsOf(IReadOnlyList<VolumeLogEntry> entries, IEnumerable<int> pids)
        {
            var wanted = new HashSet<int>(pids);
            var errors = new List<VolumeLogEntry>();
            VolumeLogEntry? previous = null;
            foreach (VolumeLogEntry e in entries.Where(e => e.IsError && wanted.Contains(e.Pid)))
            {
                if (!IsContinuation(e, previous)) errors.Add(e);
                previous = e;
            }
            return errors;
        }

        internal static string StripRequestContext(string message)
        {
            // "[None req-… - - - - - -] text" or "[-] text"
            if (message.StartsWith("[", StringComparison.Ordinal))
            {
                int close = message.IndexOf("] ", StringComparison.Ordinal);
                if (close > 0) return message.Substring(close + 2);
            }
            return message;
        }

        // oslo.log repeats an error's prefix (same time, same pid) on every traceback line, without the
        // "[request context]" that opens the error itself: only that first line is an error.
        private static bool IsContinuation(VolumeLogEntry e, VolumeLogEntry? previous) =>
            previous is not null && previous.Pid == e.Pid && previous.Time == e.Time && !e.Message.StartsWith("[", StringComparison.Ordinal);
    }
}
