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
        /// <summary>The packages whose installed state the probe reports, space separated.</summary>
        internal const string PackageNames =
            "nfs-utils nfs-kernel-server nfs-common rpcbind portmap " +
            "openstack-cinder cinder-volume cinder-common python3-cinder python-cinder " +
            "selinux-policy selinux-policy-targeted policycoreutils policycoreutils-python-utils " +
            "policycoreutils-python libselinux-utils selinux-utils";

        /// <summary>
        /// The probe, <c>Scripts/host-probe.sh</c>: a POSIX sh script that reads the host's facts
        /// without changing anything and always exits 0; its header says what it prints. It takes
        /// the packages to report as its arguments (<see cref="Query"/> passes them).
        /// </summary>
        public static string Script => Execution.RemoteScripts.Body("host-probe");

        /// <summary>The one command that probes a host: <see cref="Script"/> with <see cref="PackageNames"/>.</summary>
        internal static Execution.CommandSpec Query() =>
            Execution.RemoteScripts.Spec("host-probe", PackageNames.Split(' ')).For("Probing the host");

        /// <summary>Reads the output of <see cref="Script"/> into <see cref="HostFacts"/>.</summary>
        /// <param name="probeOutput">The script's standard output; lines before the first marker (banners) are ignored.</param>
        /// <exception cref="FormatException">The output holds no section markers, so the script did not run.</exception>
        public static HostFacts Parse(string probeOutput)
        {
            if (probeOutput is null) throw new ArgumentNullException(nameof(probeOutput));
            var sections = Execution.SectionedOutput.Parse(probeOutput);
            if (!sections.Names.Any())
                throw new FormatException("The host probe output contains no " + Execution.SectionedOutput.MarkerPrefix + "…@@ section markers; the probe script did not run.");

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
            ReadCinder(sections.Lines("cinder"), facts);
            facts.InstalledPackages = InstalledOf(sections.Lines("packages"));
            facts.KernelRelease = FirstLine(sections, "kernel");
            facts.HostName = FirstLine(sections, "hostname");
            facts.IsRoot = int.TryParse(FirstLine(sections, "id"), NumberStyles.None, CultureInfo.InvariantCulture, out int uid) && uid == 0;
            facts.PackageManager = PackageManagerOf(facts, sections.Has("tools") ? Pairs(sections, "tools") : null);
            return facts;
        }

        private static string Text(Execution.SectionedOutput sections, string name) => sections.Text(name) ?? "";

        private static string? FirstLine(Execution.SectionedOutput sections, string name) => sections.Lines(name).Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);

        private static Dictionary<string, string> Pairs(Execution.SectionedOutput sections, string name)
        {
            var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string line in sections.Lines(name))
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

        private static void ReadCinder(IEnumerable<string> lines, HostFacts facts)
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
