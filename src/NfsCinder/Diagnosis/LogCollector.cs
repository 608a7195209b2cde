using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using NfsCinder.Execution;

namespace NfsCinder.Diagnosis
{
    /// <summary>
    /// Reads the logs where the known NFS/Cinder failures show up, in one round trip per host:
    /// the host greps each file (its last MaxBytes) for the signatures' literal anchors and
    /// sends only those lines with their line numbers, so a 2 GB nova-compute.log costs kilobytes.
    /// </summary>
    internal static class LogCollector
    {
        /// <summary>Where the failures are logged on RDO, Debian/Ubuntu and devstack hosts; missing files are skipped.</summary>
        internal static readonly string[] DefaultLogFiles =
        {
            "/var/log/nova/nova-compute.log",
            "/var/log/cinder/cinder-volume.log",
            "/var/log/cinder/volume.log",
            "/var/log/audit/audit.log",
            // libvirt's log of each domain: qemu's own errors (blockdev-add, drive_add) land there.
            "/var/log/libvirt/qemu/*.log",
        };

        /// <summary>What a journal read's name starts with; the rest names the kernel or the units.</summary>
        internal const string JournalPrefix = "journal:";

        /// <summary>The name a kernel journal read goes by in findings (AVCs land there when auditd is not running).</summary>
        internal const string KernelJournal = JournalPrefix + "kernel";

        /// <summary>The journal of libvirt's daemon, monolithic or modular: its refusals ("Unable to access ...") land there.</summary>
        internal const string LibvirtJournal = JournalPrefix + "libvirtd,virtqemud";

        /// <summary>The journals read by default beside <see cref="DefaultLogFiles"/>.</summary>
        internal static readonly string[] DefaultJournals = { KernelJournal, LibvirtJournal };

        private const string DriverStartAnchor = "Starting volume driver";
        private const string DriverReadyAnchor = "Driver initialization completed";
        private const string DriverFailed = "Failed to initialize driver";

        private static readonly Regex UnitList =
            new Regex(@"^[A-Za-z0-9][A-Za-z0-9@._\-]*(?:,[A-Za-z0-9][A-Za-z0-9@._\-]*)*$", RegexOptions.CultureInvariant);

        /// <summary>
        /// True for what read-logs.sh can read: an absolute path (a * only in its file name), the
        /// kernel journal, or the journal of systemd units named plainly (no shell meaning).
        /// </summary>
        internal static bool IsValidSource(string source)
        {
            if (source.StartsWith(JournalPrefix, StringComparison.Ordinal))
                return source == KernelJournal || UnitList.IsMatch(source.Substring(JournalPrefix.Length));
            if (!Values.AbsolutePath.IsValid(source) || source.Contains("@@")) return false;
            int star = source.IndexOf('*');
            return star < 0 || star > source.LastIndexOf('/');
        }

        internal static CommandSpec Query(IEnumerable<string> files, long maxBytes)
        {
            // Plus the driver starts, which tell which cinder-volume worker (pid) runs which backend.
            var anchors = LogSignatures.Anchors.Concat(new[] { DriverStartAnchor, DriverReadyAnchor }).ToList();
            var args = new List<string> { maxBytes.ToString(CultureInfo.InvariantCulture), JournalPrefix, anchors.Count.ToString(CultureInfo.InvariantCulture) };
            args.AddRange(anchors);
            args.AddRange(files);
            return RemoteScripts.Spec("read-logs", args.ToArray())
                .WithTimeout(TimeSpan.FromSeconds(120))
                .For("Reading the NFS and Cinder logs");
        }

        /// <summary>Findings per file; files that exist but cannot be read are listed in <paramref name="unreadable"/>.</summary>
        internal static IReadOnlyList<LogFinding> Parse(string output, DateTime? since, out IReadOnlyList<string> unreadable, out IReadOnlyList<string> read)
        {
            var findings = new List<LogFinding>();
            var denied = new List<string>();
            var seen = new List<string>();
            var sections = SectionedOutput.Parse(output);
            foreach (var section in sections.WithPrefix("log:"))
            {
                string file = section.Key;
                IReadOnlyList<string> lines = section.Value;
                if (lines.Count > 0 && lines[0] == "unreadable") { denied.Add(file); continue; }
                seen.Add(file);
                int offset = lines.Count > 0 && lines[0].StartsWith("offset ", StringComparison.Ordinal)
                    ? int.Parse(lines[0].Substring(7), CultureInfo.InvariantCulture) : 0;
                var numbered = new List<KeyValuePair<int, string>>();
                var otherDriverPids = new HashSet<int>();
                foreach (string line in lines.Skip(1))
                {
                    int colon = line.IndexOf(':');
                    if (colon <= 0 || !int.TryParse(line.Substring(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out int number)) continue;
                    string text = line.Substring(colon + 1);
                    if (FromOtherDriver(text, otherDriverPids)) continue;
                    if (since is not null && LogSignatures.ParseTimestamp(text) is DateTime t && Comparable(t, since.Value) < 0) continue;
                    numbered.Add(new KeyValuePair<int, string>(offset + number, text));
                }
                findings.AddRange(LogSignatures.ScanNumbered(file, WithoutRecoveredFailures(numbered)));
            }
            unreadable = denied;
            read = seen;
            var mounts = Nfs.MountTable.ParseProcMounts(sections.Text("mounts") ?? "");
            return findings.Select(f => ResolveShare(f, mounts)).ToList();
        }

        /// <summary>
        /// Cinder logs a share by its mount point (&lt;base&gt;/&lt;md5 of the share&gt;), which cannot be
        /// turned back into the share; the host's mount table can, so the fix names the real export.
        /// </summary>
        internal static LogFinding ResolveShare(LogFinding finding, IReadOnlyList<Nfs.MountTableEntry> mounts)
        {
            if (finding.Fix.IndexOf('<') < 0) return finding;
            var mountPoint = LogSignatures.MountPoint.Match(finding.Evidence);
            if (!mountPoint.Success) return finding;
            var entry = mounts.LastOrDefault(e => e.MountPoint == mountPoint.Value);
            if (entry is null || !entry.FsType.StartsWith("nfs", StringComparison.Ordinal)) return finding;
            return finding.WithFix(finding.Fix.Replace("<server>", entry.Server).Replace("<export path>", entry.ExportPath).Replace("<mount point>", entry.MountPoint));
        }

        /// <summary>
        /// Drops a worker's "Failed to initialize driver" lines when the same worker later logged
        /// that its driver initialized: Cinder retried and succeeded (for example the first chmod of
        /// its indicator file on a root-squashed share), which is history, not a problem now.
        /// </summary>
        private static IEnumerable<KeyValuePair<int, string>> WithoutRecoveredFailures(List<KeyValuePair<int, string>> lines)
        {
            var lastReady = new Dictionary<int, int>();
            foreach (var line in lines)
            {
                if (line.Value.IndexOf(DriverReadyAnchor, StringComparison.Ordinal) < 0) continue;
                var entry = Cinder.CinderVolumeLog.ParseLine(line.Value);
                if (entry is not null) lastReady[entry.Pid] = line.Key;
            }
            foreach (var line in lines)
            {
                if (lastReady.Count > 0 && line.Value.IndexOf(DriverFailed, StringComparison.Ordinal) >= 0
                    && Cinder.CinderVolumeLog.ParseLine(line.Value) is { } entry
                    && lastReady.TryGetValue(entry.Pid, out int readyAt) && readyAt > line.Key)
                    continue;
                yield return line;
            }
        }

        /// <summary>
        /// True for cinder-volume lines of a worker that runs another backend's driver (Debian's
        /// lvm failing beside a healthy NFS backend is not an NFS problem). Pids are tracked in
        /// file order, so a pid reused by a later NfsDriver start counts again.
        /// </summary>
        private static bool FromOtherDriver(string text, HashSet<int> otherDriverPids)
        {
            if (text.IndexOf(" cinder.", StringComparison.Ordinal) < 0) return false;
            var entry = Cinder.CinderVolumeLog.ParseLine(text);
            if (entry is null) return false;
            var start = Cinder.CinderVolumeLog.StartingDriver.Match(entry.Message);
            if (start.Success)
            {
                if (start.Groups["driver"].Value == "NfsDriver") otherDriverPids.Remove(entry.Pid);
                else otherDriverPids.Add(entry.Pid);
                return true; // a start is not a finding
            }
            return otherDriverPids.Contains(entry.Pid);
        }

        // oslo.log stamps are host local time (Kind Unspecified): compared as written; UTC stamps in UTC.
        private static int Comparable(DateTime stamp, DateTime since) =>
            stamp.Kind == DateTimeKind.Utc ? stamp.CompareTo(since.ToUniversalTime()) : stamp.CompareTo(DateTime.SpecifyKind(since, DateTimeKind.Unspecified));
    }
}
