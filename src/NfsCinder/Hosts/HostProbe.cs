using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NfsCinder.Hosts
{
    /// <summary>
    /// Detects a host's facts in one round trip: run <see cref="Script"/> with <c>sh -c</c> on the
    /// host and hand its standard output to <see cref="Parse(string)"/>.
    /// </summary>
    public static class HostProbe
    {
        /// <summary>Opens every section marker line; the section name and <c>@@</c> follow.</summary>
        internal const string MarkerPrefix = "@@NFSCINDER:";

        /// <summary>The packages whose installed state the probe reports, space separated.</summary>
        internal const string PackageNames =
            "nfs-utils nfs-kernel-server nfs-common rpcbind portmap " +
            "openstack-cinder cinder-volume cinder-common python3-cinder python-cinder " +
            "selinux-policy selinux-policy-targeted policycoreutils policycoreutils-python-utils " +
            "policycoreutils-python libselinux-utils selinux-utils";

        /// <summary>
        /// A POSIX sh script (bash, dash; CentOS 6 through Ubuntu 24.04; root or not) that reads
        /// the host's facts without changing anything. Each probe is guarded with
        /// <c>command -v</c>, silences stderr, reads no stdin and runs under <c>timeout</c> when
        /// available; the script always exits 0. Output is a series of sections, each opened by
        /// a line <c>@@NFSCINDER:name@@</c> (preceded by a blank line so a file without a final
        /// newline cannot swallow the marker) and closed by an <c>end</c> section. It takes no
        /// arguments and has no CR characters, so it can be passed verbatim to <c>sh -c</c>.
        /// </summary>
        public const string Script =
            "# NfsCinder host probe: read-only, never fails, prints @@NFSCINDER:<section>@@ blocks.\n" +
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH\n" +
            "LC_ALL=C\n" +
            "export PATH LC_ALL\n" +
            "exec </dev/null 2>/dev/null\n" +
            "nc_to=$(command -v timeout 2>/dev/null)\n" +
            "nc_run() { if [ -n \"$nc_to\" ]; then \"$nc_to\" 20 \"$@\"; else \"$@\"; fi; }\n" +
            "nc_sec() { printf '\\n@@NFSCINDER:%s@@\\n' \"$1\"; }\n" +
            "nc_pkgs='" + PackageNames + "'\n" +
            "nc_sec os-release\n" +
            "for f in /etc/os-release /usr/lib/os-release; do\n" +
            "  if [ -r \"$f\" ]; then cat \"$f\" 2>/dev/null; break; fi\n" +
            "done\n" +
            "nc_sec redhat-release\n" +
            "for f in /etc/redhat-release /etc/centos-release /etc/system-release; do\n" +
            "  if [ -r \"$f\" ]; then head -n 1 \"$f\" 2>/dev/null; break; fi\n" +
            "done\n" +
            "nc_sec init\n" +
            "printf 'exe=%s\\n' \"$(readlink /proc/1/exe 2>/dev/null)\"\n" +
            "c=$(cat /proc/1/comm 2>/dev/null)\n" +
            "[ -n \"$c\" ] || c=$(ps -p 1 -o comm= 2>/dev/null)\n" +
            "printf 'comm=%s\\n' \"$c\"\n" +
            "if [ -d /run/systemd/system ]; then echo 'systemd-booted=yes'; else echo 'systemd-booted=no'; fi\n" +
            "u=no\n" +
            "if command -v initctl >/dev/null 2>&1; then\n" +
            "  case \"$(nc_run initctl --version 2>/dev/null)\" in *upstart*) u=yes ;; esac\n" +
            "fi\n" +
            "printf 'upstart=%s\\n' \"$u\"\n" +
            "nc_sec selinux\n" +
            "if command -v getenforce >/dev/null 2>&1; then\n" +
            "  printf 'getenforce=%s\\n' \"$(nc_run getenforce 2>/dev/null)\"\n" +
            "fi\n" +
            "for d in /sys/fs/selinux /selinux; do\n" +
            "  if [ -r \"$d/enforce\" ]; then\n" +
            "    printf 'selinuxfs=%s\\nenforce=%s\\n' \"$d\" \"$(cat \"$d/enforce\" 2>/dev/null)\"\n" +
            "    break\n" +
            "  fi\n" +
            "done\n" +
            "if [ -r /etc/selinux/config ]; then\n" +
            "  printf 'config=%s\\n' \"$(sed -n 's/^[[:space:]]*SELINUX[[:space:]]*=//p' /etc/selinux/config 2>/dev/null | tail -n 1)\"\n" +
            "fi\n" +
            "nc_sec cinder\n" +
            "if command -v getent >/dev/null 2>&1; then\n" +
            "  nc_run getent passwd cinder 2>/dev/null\n" +
            "elif [ -r /etc/passwd ]; then\n" +
            "  grep '^cinder:' /etc/passwd 2>/dev/null\n" +
            "fi\n" +
            "nc_sec packages\n" +
            "if command -v dpkg-query >/dev/null 2>&1; then\n" +
            "  nc_run dpkg-query -W -f='dpkg ${Package} ${Status}\\n' $nc_pkgs 2>/dev/null\n" +
            "fi\n" +
            "if command -v rpm >/dev/null 2>&1; then\n" +
            "  nc_run rpm -q --qf 'rpm %{NAME}\\n' $nc_pkgs 2>/dev/null\n" +
            "fi\n" +
            "nc_sec tools\n" +
            "for t in dnf yum apt-get systemctl service chkconfig initctl update-rc.d; do\n" +
            "  p=$(command -v \"$t\" 2>/dev/null) && printf '%s=%s\\n' \"$t\" \"$p\"\n" +
            "done\n" +
            "nc_sec kernel\n" +
            "uname -r 2>/dev/null\n" +
            "nc_sec hostname\n" +
            "uname -n 2>/dev/null\n" +
            "nc_sec id\n" +
            "id -u 2>/dev/null\n" +
            "nc_sec end\n" +
            "exit 0\n";

        /// <summary>Reads the output of <see cref="Script"/> into <see cref="HostFacts"/>.</summary>
        /// <param name="probeOutput">The script's standard output; lines before the first marker (banners) are ignored.</param>
        /// <exception cref="FormatException">The output holds no section markers, so the script did not run.</exception>
        public static HostFacts Parse(string probeOutput)
        {
            if (probeOutput is null) throw new ArgumentNullException(nameof(probeOutput));
            Dictionary<string, List<string>> sections = SplitSections(probeOutput);
            if (sections.Count == 0)
                throw new FormatException("The host probe output contains no " + MarkerPrefix + "…@@ section markers; the probe script did not run.");

            var facts = new HostFacts();
            Dictionary<string, string> osRelease = OsReleaseParser.Parse(Text(sections, "os-release"));
            RedHatRelease? redHat = OsReleaseParser.ParseRedHatRelease(Text(sections, "redhat-release"));

            string? id = OsReleaseParser.Get(osRelease, "ID")?.Trim().ToLowerInvariant() ?? redHat?.Id;
            string[] like = (OsReleaseParser.Get(osRelease, "ID_LIKE") ?? string.Empty)
                .ToLowerInvariant().Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            string? name = OsReleaseParser.Get(osRelease, "NAME");
            string? version = OsReleaseParser.Get(osRelease, "VERSION");

            facts.OsId = id;
            facts.OsName = OsReleaseParser.Get(osRelease, "PRETTY_NAME")
                ?? (name is null ? null : version is null ? name : name + " " + version)
                ?? redHat?.Name;
            facts.OsVersion = OsReleaseParser.Get(osRelease, "VERSION_ID") ?? redHat?.Version;
            facts.OsMajorVersion = MajorOf(facts.OsVersion);
            facts.Distribution = DistributionOf(id);
            facts.Family = FamilyOf(id, like);

            facts.Init = InitOf(Pairs(sections, "init"), facts.Family);
            facts.SELinux = SELinuxOf(Pairs(sections, "selinux"));
            ReadCinder(Lines(sections, "cinder"), facts);
            facts.InstalledPackages = InstalledOf(Lines(sections, "packages"));
            facts.KernelRelease = FirstLine(sections, "kernel");
            facts.HostName = FirstLine(sections, "hostname");
            facts.IsRoot = int.TryParse(FirstLine(sections, "id"), NumberStyles.None, CultureInfo.InvariantCulture, out int uid) && uid == 0;
            facts.PackageManager = PackageManagerOf(facts, sections.ContainsKey("tools") ? Pairs(sections, "tools") : null);
            return facts;
        }

        /// <summary>Splits probe output into its sections, keyed by name; content lines keep their text, without CR.</summary>
        internal static Dictionary<string, List<string>> SplitSections(string output) => Execution.SectionedOutput.Split(output);

        private static List<string> Lines(Dictionary<string, List<string>> sections, string name) =>
            sections.TryGetValue(name, out List<string>? lines) ? lines : new List<string>();

        private static string Text(Dictionary<string, List<string>> sections, string name) =>
            string.Join("\n", Lines(sections, name));

        private static string? FirstLine(Dictionary<string, List<string>> sections, string name) =>
            Lines(sections, name).Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);

        private static Dictionary<string, string> Pairs(Dictionary<string, List<string>> sections, string name)
        {
            var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string line in Lines(sections, name))
            {
                int eq = line.IndexOf('=');
                if (eq > 0) pairs[line.Substring(0, eq).Trim()] = line.Substring(eq + 1).Trim();
            }
            return pairs;
        }

        private static string? Value(Dictionary<string, string> pairs, string key) =>
            pairs.TryGetValue(key, out string? value) && value.Length > 0 ? value : null;

        internal static int? MajorOf(string? version)
        {
            if (version is null) return null;
            int end = 0;
            while (end < version.Length && end < 9 && version[end] >= '0' && version[end] <= '9') end++;
            return end == 0 ? null : int.Parse(version.Substring(0, end), NumberStyles.None, CultureInfo.InvariantCulture);
        }

        internal static LinuxDistribution DistributionOf(string? id) => id switch
        {
            "rhel" => LinuxDistribution.Rhel,
            "centos" => LinuxDistribution.CentOS,
            "rocky" => LinuxDistribution.Rocky,
            "almalinux" => LinuxDistribution.Alma,
            "fedora" => LinuxDistribution.Fedora,
            "debian" => LinuxDistribution.Debian,
            "ubuntu" => LinuxDistribution.Ubuntu,
            _ => LinuxDistribution.Unknown,
        };

        private static readonly string[] RedHatIds = { "rhel", "centos", "rocky", "almalinux", "fedora", "ol", "scientific", "cloudlinux", "eurolinux" };
        private static readonly string[] DebianIds = { "debian", "ubuntu" };

        internal static OsFamily FamilyOf(string? id, IEnumerable<string> idLike)
        {
            foreach (string? candidate in new[] { id }.Concat(idLike))
            {
                if (candidate is null) continue;
                if (RedHatIds.Contains(candidate)) return OsFamily.RedHat;
                if (DebianIds.Contains(candidate)) return OsFamily.Debian;
            }
            return OsFamily.Unknown;
        }

        private static InitSystem InitOf(Dictionary<string, string> init, OsFamily family)
        {
            if (Value(init, "systemd-booted") == "yes") return InitSystem.Systemd;
            string comm = Value(init, "comm") ?? string.Empty;
            string exe = Value(init, "exe") ?? string.Empty;
            if (exe.EndsWith(" (deleted)", StringComparison.Ordinal)) exe = exe.Substring(0, exe.Length - " (deleted)".Length);
            exe = exe.Substring(exe.LastIndexOf('/') + 1);
            if (comm == "systemd" || exe == "systemd") return InitSystem.Systemd;
            bool initIsPid1 = comm == "init" || exe == "init" || exe == "upstart";
            if (!initIsPid1) return InitSystem.Unknown;
            // RHEL/CentOS 6 boot with Upstart 0.6, but every service there is a SysV rc script.
            if (Value(init, "upstart") == "yes" && family != OsFamily.RedHat) return InitSystem.Upstart;
            return InitSystem.SysVinit;
        }

        private static SELinuxMode SELinuxOf(Dictionary<string, string> selinux)
        {
            switch (Value(selinux, "getenforce")?.ToLowerInvariant())
            {
                case "enforcing": return SELinuxMode.Enforcing;
                case "permissive": return SELinuxMode.Permissive;
                case "disabled": return SELinuxMode.Disabled;
            }
            switch (Value(selinux, "enforce"))
            {
                case "1": return SELinuxMode.Enforcing;
                case "0": return SELinuxMode.Permissive;
            }
            // Tooling or configuration without a mounted selinuxfs: present but not running.
            return selinux.ContainsKey("getenforce") || selinux.ContainsKey("selinuxfs") || selinux.ContainsKey("config")
                ? SELinuxMode.Disabled
                : SELinuxMode.NotInstalled;
        }

        private static void ReadCinder(List<string> lines, HostFacts facts)
        {
            foreach (string line in lines)
            {
                string[] fields = line.Trim().Split(':');
                if (fields.Length < 4 || fields[0] != "cinder") continue;
                if (int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out int uid)) facts.CinderUid = uid;
                if (int.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out int gid)) facts.CinderGid = gid;
                return;
            }
        }

        private static readonly HashSet<string> InstalledDpkgStates = new HashSet<string>(StringComparer.Ordinal)
        {
            "installed", "triggers-pending", "triggers-awaited",
        };

        internal static string[] InstalledOf(IEnumerable<string> lines)
        {
            var wanted = new HashSet<string>(PackageNames.Split(' '), StringComparer.Ordinal);
            var found = new SortedSet<string>(StringComparer.Ordinal);
            foreach (string line in lines)
            {
                string[] f = line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                if (f.Length < 2 || !wanted.Contains(f[1])) continue;
                // "dpkg NAME WANT FLAG STATUS" (for example "install ok installed"); "rpm NAME" only for installed ones.
                if (f[0] == "rpm" && f.Length == 2) found.Add(f[1]);
                else if (f[0] == "dpkg" && f.Length == 5 && InstalledDpkgStates.Contains(f[4])) found.Add(f[1]);
            }
            return found.ToArray();
        }

        private static PackageManager PackageManagerOf(HostFacts facts, Dictionary<string, string>? tools)
        {
            int? major = facts.OsMajorVersion;
            PackageManager expected = PackageManager.Unknown;
            if (facts.Family == OsFamily.Debian) expected = PackageManager.Apt;
            else if (facts.Family == OsFamily.RedHat && major.HasValue)
            {
                int dnfSince = facts.Distribution == LinuxDistribution.Fedora ? 22 : 8;
                expected = major.Value >= dnfSince ? PackageManager.Dnf : PackageManager.Yum;
            }
            if (tools is null) return expected;

            bool dnf = tools.ContainsKey("dnf"), yum = tools.ContainsKey("yum"), apt = tools.ContainsKey("apt-get");
            if ((expected == PackageManager.Dnf && dnf) || (expected == PackageManager.Yum && yum) || (expected == PackageManager.Apt && apt))
                return expected;
            switch (facts.Family)
            {
                case OsFamily.RedHat:
                    return dnf ? PackageManager.Dnf : yum ? PackageManager.Yum : expected;
                case OsFamily.Debian:
                    return expected;
                default:
                    return dnf ? PackageManager.Dnf : yum ? PackageManager.Yum : apt ? PackageManager.Apt : expected;
            }
        }
    }
}
