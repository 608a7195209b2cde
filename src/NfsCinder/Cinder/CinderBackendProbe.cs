using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NfsCinder.Execution;
using NfsCinder.Hosts;
using NfsCinder.Nfs;

namespace NfsCinder.Cinder
{
    /// <summary>What one share looked like from the volume host.</summary>
    internal sealed class ShareProbe
    {
        internal string Share = "";
        internal string MountPoint = "";
        internal int ShowmountExit = -1;
        internal List<string> ShowmountOutput = new List<string>();
        internal bool Mounted;
        internal int? WriteExit;
        internal string WriteError = "";
    }

    /// <summary>
    /// Everything Test-CinderNfsBackend needs from the volume host besides cinder.conf, in one
    /// round trip: the shares file and its owner and mode, the volume unit, the mount table, per
    /// share showmount (bounded) and a write test as the cinder user, and the volume log's
    /// relevant lines since the unit last started.
    /// </summary>
    internal sealed class CinderBackendProbe
    {
        internal const string Script =
            "shares=$1; base=$2; t=$3; pattern=$4\n" +
            "echo '@@NFSCINDER:shares-stat@@'; stat -c '%U %G %a' -- \"$shares\" 2>/dev/null\n" +
            "echo '@@NFSCINDER:shares@@'; cat -- \"$shares\" 2>/dev/null\n" +
            CinderVolumeService.FindUnitShell +
            "echo '@@NFSCINDER:unit@@'\n" +
            "since=\n" +
            "if [ -n \"$unit\" ]; then\n" +
            "  printf '%s\\t%s\\n' \"$unit\" \"$(systemctl is-active \"$unit.service\")\"\n" +
            "  since=$(date -d \"$(systemctl show -p ActiveEnterTimestamp --value \"$unit.service\")\" '+%Y-%m-%d %H:%M:%S' 2>/dev/null)\n" +
            "fi\n" +
            "echo '@@NFSCINDER:since@@'; echo \"$since\"\n" +
            "echo '@@NFSCINDER:cinder-id@@'; printf '%s %s\\n' \"$(id -u cinder 2>/dev/null)\" \"$(id -g cinder 2>/dev/null)\"\n" +
            "echo '@@NFSCINDER:mounts@@'; cat /proc/self/mounts\n" +
            "echo '@@NFSCINDER:share-checks@@'\n" +
            "grep -v '^[[:space:]]*#' -- \"$shares\" 2>/dev/null | while read -r share rest; do\n" +
            "  [ -n \"$share\" ] || continue\n" +
            "  server=${share%:/*}; server=${server#[}; server=${server%]}\n" +
            "  mp=\"$base/$(printf %s \"$share\" | md5sum | cut -d' ' -f1)\"\n" +
            "  printf 'share\\t%s\\t%s\\n' \"$share\" \"$mp\"\n" +
            "  out=$(timeout -k 2 \"$t\" showmount -e \"$server\" 2>&1); rc=$?\n" +
            "  printf 'showmount\\t%s\\n' \"$rc\"; printf '%s\\n' \"$out\" | sed 's/^/sm\\t/'\n" +
            "  if timeout -k 2 \"$t\" mountpoint -q \"$mp\" 2>/dev/null; then\n" +
            "    printf 'mounted\\t1\\n'\n" +
            // The same test Cinder makes before it reverts to non-secure mode: can cinder create a file there?
            "    err=$(timeout -k 2 \"$t\" runuser -u cinder -- sh -c 'f=\"$1/.nfscinder-write-test.$$\"; : > \"$f\" && rm -f \"$f\"' sh \"$mp\" 2>&1); rc=$?\n" +
            "    printf 'write\\t%s\\t%s\\n' \"$rc\" \"$(printf '%s' \"$err\" | tr '\\n' ' ')\"\n" +
            "  else printf 'mounted\\t0\\n'; fi\n" +
            "done\n" +
            "echo '@@NFSCINDER:log@@'\n" +
            CinderVolumeService.FindLogShell +
            "echo \"$log\"\n" +
            "if [ -n \"$log\" ] && [ -n \"$since\" ]; then\n" +
            "  tail -c 16000000 \"$log\" | grep -E -- \"$pattern\" | awk -v s=\"$since\" 'substr($0, 1, 19) >= s'\n" +
            "fi\n" +
            "exit 0\n";

        internal string? SharesOwner;
        internal string? SharesGroup;
        internal string? SharesMode;
        internal string? SharesText;
        internal string? Unit;
        internal string? UnitState;
        internal string? Since;
        internal string? CinderUid;
        internal string? CinderGid;
        internal IReadOnlyList<MountTableEntry> Mounts = Array.Empty<MountTableEntry>();
        internal List<ShareProbe> Shares = new List<ShareProbe>();
        internal string? LogFile;
        internal string LogText = "";

        /// <summary>
        /// cinder.conf (base64, one line) and the probe in one round trip: the host guesses the
        /// backend's shares file and mount base with a small awk reading of cinder.conf (the
        /// section named after the backend when it has a volume_driver, else [DEFAULT]). The
        /// caller parses cinder.conf properly and probes again only if the guess was wrong.
        /// </summary>
        internal const string ScriptWithConfig =
            "conf=$1; backend=$2; t=$3; pattern=$4\n" +
            "echo '@@NFSCINDER:conf@@'; if [ -e \"$conf\" ]; then base64 -w0 -- \"$conf\" || exit 2; echo; else echo absent; fi\n" +
            "resolved=$(awk -v b=\"$backend\" '\n" +
            "  /^[ \\t]*[#;]/ { next }\n" +
            "  /^[ \\t]*\\[/ { s = $0; gsub(/^[ \\t]*\\[|\\][ \\t]*$/, \"\", s); next }\n" +
            "  { i = index($0, \"=\"); if (!i) next; k = substr($0, 1, i - 1); v = substr($0, i + 1)\n" +
            "    gsub(/^[ \\t]+|[ \\t]+$/, \"\", k); gsub(/^[ \\t]+|[ \\t]+$/, \"\", v); val[s SUBSEP k] = v }\n" +
            "  END { sec = ((b SUBSEP \"volume_driver\") in val) ? b : \"DEFAULT\"\n" +
            "    sh = val[sec SUBSEP \"nfs_shares_config\"]; if (sh == \"\") sh = \"" + CinderFiles.DefaultSharesFile + "\"\n" +
            "    mb = val[sec SUBSEP \"nfs_mount_point_base\"]; if (mb == \"\") mb = \"" + CinderFiles.DefaultMountPointBase + "\"\n" +
            "    sp = val[\"DEFAULT\" SUBSEP \"state_path\"]; if (sp == \"\") sp = \"/var/lib/cinder\"\n" +
            "    gsub(/\\$state_path/, sp, mb); print sh; print mb }' \"$conf\" 2>/dev/null)\n" +
            "shares=$(printf '%s\\n' \"$resolved\" | sed -n 1p); base=$(printf '%s\\n' \"$resolved\" | sed -n 2p)\n" +
            "echo '@@NFSCINDER:resolved@@'; printf '%s\\n%s\\n' \"$shares\" \"$base\"\n" +
            "set -- \"$shares\" \"$base\" \"$t\" \"$pattern\"\n" +
            Script;

        internal static CommandSpec QueryWithConfig(string configFile, string backendName, TimeSpan perShareTimeout) =>
            Probe(ScriptWithConfig, configFile, backendName, perShareTimeout);

        /// <summary>cinder.conf's text (null when absent) and the shares file and mount base the host guessed.</summary>
        internal static (string? Config, string SharesFile, string MountBase) ParseConfigPart(string output)
        {
            var sections = HostProbe.SplitSections(output);
            string confLine = sections.TryGetValue("conf", out var c) ? c.FirstOrDefault(l => l.Length > 0) ?? "absent" : "absent";
            string? conf = confLine == "absent" ? null : System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(confLine));
            var resolved = sections.TryGetValue("resolved", out var r) ? r : new List<string>();
            return (conf, resolved.ElementAtOrDefault(0) ?? "", resolved.ElementAtOrDefault(1) ?? "");
        }

        internal static CommandSpec Query(string sharesFile, string mountBase, TimeSpan perShareTimeout) =>
            Probe(Script, sharesFile, mountBase, perShareTimeout);

        // Both scripts take two paths or names, then the per-share bound and the log pattern.
        private static CommandSpec Probe(string script, string first, string second, TimeSpan perShareTimeout) =>
            CommandSpec.Script("probe-cinder-nfs-backend", script, first, second,
                    ((int)Math.Ceiling(perShareTimeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture), CinderVolumeLog.RelevantLines)
                .WithTimeout(TimeSpan.FromSeconds(60) + TimeSpan.FromTicks(perShareTimeout.Ticks * 3 * 8))
                .For("Checking the Cinder NFS backend");

        internal static CinderBackendProbe Parse(string output)
        {
            var sections = HostProbe.SplitSections(output);
            List<string> Lines(string name) => sections.TryGetValue(name, out var l) ? l.Where(x => x.Length > 0).ToList() : new List<string>();
            var probe = new CinderBackendProbe();

            string[] stat = (Lines("shares-stat").FirstOrDefault() ?? "").Split(' ');
            if (stat.Length == 3) { probe.SharesOwner = stat[0]; probe.SharesGroup = stat[1]; probe.SharesMode = stat[2]; }
            if (probe.SharesOwner is not null)
                probe.SharesText = sections.TryGetValue("shares", out var s) ? string.Join("\n", s) : "";

            string[] unit = (Lines("unit").FirstOrDefault() ?? "").Split('\t');
            if (unit.Length == 2) { probe.Unit = unit[0]; probe.UnitState = unit[1]; }
            probe.Since = Lines("since").FirstOrDefault();

            string[] id = (Lines("cinder-id").FirstOrDefault() ?? "").Split(' ');
            if (id.Length == 2 && id[0].Length > 0) { probe.CinderUid = id[0]; probe.CinderGid = id[1]; }

            probe.Mounts = MountTable.ParseProcMounts(string.Join("\n", Lines("mounts")));

            ShareProbe? current = null;
            foreach (string line in Lines("share-checks"))
            {
                string[] f = line.Split('\t');
                switch (f[0])
                {
                    case "share" when f.Length >= 3:
                        current = new ShareProbe { Share = f[1], MountPoint = f[2] };
                        probe.Shares.Add(current);
                        break;
                    case "showmount" when current is not null:
                        current.ShowmountExit = int.Parse(f[1], CultureInfo.InvariantCulture);
                        break;
                    case "sm" when current is not null:
                        current.ShowmountOutput.Add(f.Length > 1 ? line.Substring(3) : "");
                        break;
                    case "mounted" when current is not null:
                        current.Mounted = f.Length > 1 && f[1] == "1";
                        break;
                    case "write" when current is not null:
                        current.WriteExit = int.Parse(f[1], CultureInfo.InvariantCulture);
                        current.WriteError = f.Length > 2 ? f[2].Trim() : "";
                        break;
                }
            }

            // The first line is the log's path (empty when there is none), the rest its lines since the start.
            var log = sections.TryGetValue("log", out var raw) ? raw : new List<string>();
            probe.LogFile = log.Count > 0 && log[0].Length > 0 ? log[0] : null;
            probe.LogText = string.Join("\n", log.Skip(1));
            return probe;
        }
    }
}
