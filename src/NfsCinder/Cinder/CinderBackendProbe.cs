using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NfsCinder.Execution;
using NfsCinder.Files;
using NfsCinder.Nfs;

namespace NfsCinder.Cinder
{
    /// <summary>
    /// What Test-CinderNfsBackend learns from the volume host in one round trip
    /// (Scripts/probe-cinder-backend.sh): cinder.conf and the shares files as they are, the
    /// volume unit, the mount table, the bounded checks of every share's server and mount, and
    /// the volume log since the unit started. The host runs the checks; what they mean is decided
    /// in C# (Diagnosis/CinderBackendChecks).
    /// </summary>
    internal sealed class CinderBackendProbe
    {
        internal IReadOnlyDictionary<string, RemoteFileContent?> Files = new Dictionary<string, RemoteFileContent?>();
        internal string? Unit;
        internal string? UnitState;
        internal string? Since;
        internal string? CinderUid;
        internal string? CinderGid;
        internal IReadOnlyList<MountTableEntry> Mounts = Array.Empty<MountTableEntry>();
        internal List<ProbeCheck> Checks = new List<ProbeCheck>();
        internal string? LogFile;
        internal string LogText = "";
        internal Version? CinderVersion;

        /// <summary>The seconds the host gave each check (what was left of the deadline when they started), or null.</summary>
        internal int? CheckSeconds;

        /// <summary>The text of a file read by the probe, or null when absent, not read or unreadable.</summary>
        internal string? TextOf(string path) => Files.TryGetValue(path, out var file) && file is { Unreadable: null } ? file.Text : null;

        /// <summary>True when the probe tells what the path holds: absent, or read.</summary>
        internal bool Knows(string path) => Files.TryGetValue(path, out var file) && file?.Unreadable is null;

        /// <summary>The check of that kind on that server or mount point, or null when the host ran none.</summary>
        internal ProbeCheck? Check(string kind, string target) => Checks.FirstOrDefault(c => c.Kind == kind && c.Target == target);

        /// <summary>
        /// The probe: all checks at once, within <paramref name="deadline"/> of its start. It reads
        /// cinder.conf, Cinder's default shares file, <paramref name="extraFiles"/> and the files
        /// cinder.conf names; <paramref name="extraShares"/> are checked too.
        /// </summary>
        internal static CommandSpec Query(string configFile, TimeSpan deadline, IEnumerable<string>? extraFiles = null, IEnumerable<string>? extraShares = null)
        {
            int seconds = (int)Math.Ceiling(deadline.TotalSeconds);
            var files = new[] { CinderNfsOptions.Find(CinderNfsOptions.SharesConfig)!.CinderDefault! }.Concat(extraFiles ?? Enumerable.Empty<string>()).Distinct(StringComparer.Ordinal);
            var arguments = new[] { configFile, CinderNfsOptions.SharesConfig, string.Join("\n", files), seconds.ToString(CultureInfo.InvariantCulture), CinderVolumeLog.RelevantLines }
                .Concat(extraShares ?? Enumerable.Empty<string>()).ToArray();
            // The host keeps to the deadline; the client's bound only guards against a host that does not.
            return RemoteScripts.Spec("probe-cinder-backend", arguments)
                .WithTimeout(TimeSpan.FromSeconds(seconds + 45))
                .For("Checking the Cinder NFS backend");
        }

        internal static CinderBackendProbe Parse(string output)
        {
            var sections = SectionedOutput.Parse(output);
            var probe = new CinderBackendProbe { Files = RemoteFile.ParseFiles(sections.Lines("files")) };

            string[] unit = (sections.FirstLine("unit") ?? "").Split('\t');
            if (unit.Length == 2) { probe.Unit = unit[0]; probe.UnitState = unit[1]; }
            probe.Since = sections.FirstLine("since");

            string[] id = (sections.FirstLine("cinder-id") ?? "").Split(' ');
            if (id.Length == 2 && id[0].Length > 0) { probe.CinderUid = id[0]; probe.CinderGid = id[1]; }
            probe.Mounts = MountTable.ParseProcMounts(string.Join("\n", sections.Lines("mounts")));
            probe.CinderVersion = ParseVersion(sections.FirstLine("cinder-version"));
            if (int.TryParse(sections.FirstLine("bound"), NumberStyles.None, CultureInfo.InvariantCulture, out int bound)) probe.CheckSeconds = bound;

            foreach (var check in sections.WithPrefix("check:"))
            {
                probe.Checks.AddRange(ProbeCheck.Parse(check.Value));
            }

            // The first line is the log's path (empty when there is none), the rest its lines since the start.
            var log = sections.Lines("log");
            probe.LogFile = log.Count > 0 && log[0].Length > 0 ? log[0] : null;
            probe.LogText = string.Join("\n", log.Skip(1));
            return probe;
        }

        /// <summary>A version as the package metadata names it ("21.3.1", "2:21.3.1"), or null.</summary>
        internal static Version? ParseVersion(string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            string v = text!.Trim();
            int epoch = v.IndexOf(':');
            if (epoch >= 0) v = v.Substring(epoch + 1);
            var digits = new string(v.TakeWhile(c => char.IsDigit(c) || c == '.').ToArray()).Trim('.');
            if (digits.IndexOf('.') < 0) digits += ".0";
            return Version.TryParse(digits, out var version) ? version : null;
        }
    }
}
