using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace NfsCinder.Cinder
{
    /// <summary>One oslo.log line of cinder-volume.log: "2026-11-24 16:16:18.305 514 ERROR cinder.volume.manager [req] message".</summary>
    internal sealed class VolumeLogEntry
    {
        internal VolumeLogEntry(DateTime time, int pid, string level, string logger, string message)
        {
            Time = time;
            Pid = pid;
            Level = level;
            Logger = logger;
            Message = message;
        }

        internal DateTime Time { get; }
        internal int Pid { get; }
        internal string Level { get; }
        internal string Logger { get; }
        internal string Message { get; }
        internal bool IsError => Level == "ERROR" || Level == "CRITICAL";
    }

    /// <summary>How far one volume driver process got since the service started.</summary>
    public enum CinderDriverStatus
    {
        /// <summary>Started, no outcome logged yet.</summary>
        Starting,

        /// <summary>"Driver initialization completed successfully."</summary>
        Initialized,

        /// <summary>Cinder gave up retrying: the backend refuses every volume operation until fixed and restarted.</summary>
        Failed,
    }

    /// <summary>One volume driver process (one backend) as cinder-volume.log tells its start.</summary>
    public sealed class CinderDriverState
    {
        internal CinderDriverState(int pid, string driver) { Pid = pid; Driver = driver; }

        /// <summary>Driver class name, such as NfsDriver or LVMVolumeDriver.</summary>
        public string Driver { get; }

        /// <summary>Process id of the backend's worker (oslo.log's second field).</summary>
        public int Pid { get; }

        /// <summary>Starting, Initialized or Failed.</summary>
        public CinderDriverStatus Status { get; internal set; }

        /// <summary>Initialization attempts (Cinder retries a failing driver a few times).</summary>
        public int Attempts { get; internal set; }

        /// <summary>Attempts that failed (also counted when a later one succeeded).</summary>
        public int FailedAttempts { get; internal set; }

        /// <summary>The last error this process logged, first line only; null when none.</summary>
        public string? LastError { get; internal set; }

        internal bool Settled => Status != CinderDriverStatus.Starting;

        /// <inheritdoc />
        public override string ToString() =>
            $"{Driver} (pid {Pid}): {Status}" + (FailedAttempts > 0 ? $" after {FailedAttempts} failed attempt(s)" : "");
    }

    /// <summary>
    /// Reads cinder-volume.log the way the volume manager writes it: every backend is a worker
    /// process, and the pid on each line ties "Starting volume driver X", its errors and its
    /// outcome together, so one broken backend (Debian's default lvm) says nothing about NFS.
    /// </summary>
    internal static class CinderVolumeLog
    {
        /// <summary>A grep -E pattern selecting only the lines this reader needs (keeps the transfer small).</summary>
        internal const string RelevantLines = @"^[0-9-]+ [0-9:.]+ [0-9]+ (ERROR|CRITICAL|WARNING) |Starting volume driver |Driver initialization completed";

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
            return order;
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
