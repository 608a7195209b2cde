using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NfsCinder.Hosts;
using Xunit;

namespace NfsCinder.Tests
{
    public class HostProbeTests
    {
        private static string Fixture(params string[] parts) =>
            File.ReadAllText(Path.Combine(new[] { AppContext.BaseDirectory, "Fixtures" }.Concat(parts).ToArray()));

        private static string Section(string name, string content) => "\n@@NFSCINDER:" + name + "@@\n" + content;

        // ---- os-release files as shipped by each distribution -------------------------------------

        [Theory]
        [InlineData("rhel-9", "rhel", LinuxDistribution.Rhel, OsFamily.RedHat, "9.6", 9, PackageManager.Dnf, "Red Hat Enterprise Linux 9.6 (Plow)")]
        [InlineData("rhel-8", "rhel", LinuxDistribution.Rhel, OsFamily.RedHat, "8.10", 8, PackageManager.Dnf, "Red Hat Enterprise Linux 8.10 (Ootpa)")]
        [InlineData("centos-7", "centos", LinuxDistribution.CentOS, OsFamily.RedHat, "7", 7, PackageManager.Yum, "CentOS Linux 7 (Core)")]
        [InlineData("centos-stream-9", "centos", LinuxDistribution.CentOS, OsFamily.RedHat, "9", 9, PackageManager.Dnf, "CentOS Stream 9")]
        [InlineData("rocky-9", "rocky", LinuxDistribution.Rocky, OsFamily.RedHat, "9.3", 9, PackageManager.Dnf, "Rocky Linux 9.3 (Blue Onyx)")]
        [InlineData("almalinux-8", "almalinux", LinuxDistribution.Alma, OsFamily.RedHat, "8.10", 8, PackageManager.Dnf, "AlmaLinux 8.10 (Cerulean Leopard)")]
        [InlineData("fedora-40", "fedora", LinuxDistribution.Fedora, OsFamily.RedHat, "40", 40, PackageManager.Dnf, "Fedora Linux 40 (KDE Plasma)")]
        [InlineData("debian-12", "debian", LinuxDistribution.Debian, OsFamily.Debian, "12", 12, PackageManager.Apt, "Debian GNU/Linux 12 (bookworm)")]
        [InlineData("debian-11", "debian", LinuxDistribution.Debian, OsFamily.Debian, "11", 11, PackageManager.Apt, "Debian GNU/Linux 11 (bullseye)")]
        [InlineData("ubuntu-22.04", "ubuntu", LinuxDistribution.Ubuntu, OsFamily.Debian, "22.04", 22, PackageManager.Apt, "Ubuntu 22.04.4 LTS")]
        [InlineData("ubuntu-24.04", "ubuntu", LinuxDistribution.Ubuntu, OsFamily.Debian, "24.04", 24, PackageManager.Apt, "Ubuntu 24.04.3 LTS")]
        public void OsReleaseFixture_GivesDistributionFacts(string file, string id, LinuxDistribution distribution, OsFamily family,
            string version, int major, PackageManager packageManager, string prettyName)
        {
            HostFacts facts = HostProbe.Parse(Section("os-release", Fixture("os-release", file)));

            Assert.Equal(id, facts.OsId);
            Assert.Equal(distribution, facts.Distribution);
            Assert.Equal(family, facts.Family);
            Assert.Equal(version, facts.OsVersion);
            Assert.Equal(major, facts.OsMajorVersion);
            Assert.Equal(packageManager, facts.PackageManager);
            Assert.Equal(prettyName, facts.OsName);
        }

        [Theory]
        [InlineData("centos-6.redhat-release", "centos", LinuxDistribution.CentOS, "CentOS release 6.10 (Final)", "Final")]
        [InlineData("rhel-6.redhat-release", "rhel", LinuxDistribution.Rhel, "Red Hat Enterprise Linux Server release 6.10 (Santiago)", "Santiago")]
        public void RedHatReleaseFixture_WithoutOsRelease_GivesEl6Facts(string file, string id, LinuxDistribution distribution, string line, string codename)
        {
            string text = Fixture("os-release", file);
            RedHatRelease? release = OsReleaseParser.ParseRedHatRelease(text);
            Assert.NotNull(release);
            Assert.Equal(id, release!.Id);
            Assert.Equal("6.10", release.Version);
            Assert.Equal(codename, release.Codename);
            Assert.Equal(line, release.Name);

            HostFacts facts = HostProbe.Parse(Section("os-release", "") + Section("redhat-release", text));
            Assert.Equal(id, facts.OsId);
            Assert.Equal(distribution, facts.Distribution);
            Assert.Equal(OsFamily.RedHat, facts.Family);
            Assert.Equal("6.10", facts.OsVersion);
            Assert.Equal(6, facts.OsMajorVersion);
            Assert.Equal(PackageManager.Yum, facts.PackageManager);
            Assert.Equal(line, facts.OsName);
        }

        [Theory]
        [InlineData("CentOS Linux release 7.9.2009 (Core)", "centos", "7.9.2009", "Core")]
        [InlineData("CentOS Stream release 9", "centos", "9", null)]
        [InlineData("Fedora release 40 (Forty)", "fedora", "40", "Forty")]
        [InlineData("Rocky Linux release 9.3 (Blue Onyx)", "rocky", "9.3", "Blue Onyx")]
        [InlineData("AlmaLinux release 8.10 (Cerulean Leopard)\n", "almalinux", "8.10", "Cerulean Leopard")]
        [InlineData("\r\nRed Hat Enterprise Linux release 8.10 (Ootpa)\r\n", "rhel", "8.10", "Ootpa")]
        public void RedHatReleaseLines_AreParsed(string text, string id, string version, string? codename)
        {
            RedHatRelease? release = OsReleaseParser.ParseRedHatRelease(text);
            Assert.NotNull(release);
            Assert.Equal(id, release!.Id);
            Assert.Equal(version, release.Version);
            Assert.Equal(codename, release.Codename);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("\n\n")]
        [InlineData("Debian GNU/Linux 12")]
        public void RedHatReleaseWithoutReleaseNumber_IsNull(string? text) =>
            Assert.Null(OsReleaseParser.ParseRedHatRelease(text));

        // ---- os-release(5) syntax -----------------------------------------------------------------

        [Fact]
        public void OsRelease_QuotingEscapesCommentsAndBlankLines()
        {
            string text = string.Join("\n",
                "# a comment",
                "   # an indented comment",
                "; also a comment",
                "",
                "DQ=\"x \\\"y\\\" \\\\ \\$z \\`w\\`\"",
                "SQ='single \\n $x \"q\"'",
                "UNQ=unquoted\\ value",
                "ODD=\"unknown \\q escape\"",
                "SPACED=   spaced out   ",
                "EMPTY=\"\"",
                "BARE=",
                "CONCAT=\"a\"'b'c",
                "MULTI=\"line1",
                "line2\"",
                "this line has no equals sign",
                "1BAD=x",
                "DUP=first",
                "DUP=second",
                "VERSION_ID=40");

            var values = OsReleaseParser.Parse(text);

            Assert.Equal("x \"y\" \\ $z `w`", values["DQ"]);
            Assert.Equal("single \\n $x \"q\"", values["SQ"]);
            Assert.Equal("unquoted value", values["UNQ"]);
            Assert.Equal("unknown \\q escape", values["ODD"]);
            Assert.Equal("spaced out", values["SPACED"]);
            Assert.Equal("", values["EMPTY"]);
            Assert.Equal("", values["BARE"]);
            Assert.Equal("abc", values["CONCAT"]);
            Assert.Equal("line1\nline2", values["MULTI"]);
            Assert.Equal("second", values["DUP"]);
            Assert.Equal("40", values["VERSION_ID"]);
            Assert.False(values.ContainsKey("1BAD"));
            Assert.Equal(11, values.Count);
            Assert.Null(OsReleaseParser.Get(values, "EMPTY"));
            Assert.Null(OsReleaseParser.Get(values, "MISSING"));
        }

        [Fact]
        public void OsRelease_CrLfAndTrailingQuoteWhitespace()
        {
            var values = OsReleaseParser.Parse("ID=\"rocky\"  \r\nID_LIKE='rhel centos fedora'\r\nNAME=Rocky");
            Assert.Equal("rocky", values["ID"]);
            Assert.Equal("rhel centos fedora", values["ID_LIKE"]);
            Assert.Equal("Rocky", values["NAME"]);
            Assert.Empty(OsReleaseParser.Parse(null));
        }

        [Fact]
        public void OsRelease_IdLikeDecidesFamilyOfUnlistedDistributions()
        {
            HostFacts ol = HostProbe.Parse(Section("os-release", "ID=\"ol\"\nID_LIKE=\"fedora\"\nVERSION_ID=\"8.9\"\n"));
            Assert.Equal(OsFamily.RedHat, ol.Family);
            Assert.Equal(LinuxDistribution.Unknown, ol.Distribution);
            Assert.Equal(PackageManager.Dnf, ol.PackageManager);

            HostFacts mint = HostProbe.Parse(Section("os-release", "ID=linuxmint\nID_LIKE=\"ubuntu debian\"\nVERSION_ID=\"22\"\n"));
            Assert.Equal(OsFamily.Debian, mint.Family);
            Assert.Equal(PackageManager.Apt, mint.PackageManager);

            HostFacts suse = HostProbe.Parse(Section("os-release", "ID=\"opensuse-leap\"\nID_LIKE=\"suse opensuse\"\nVERSION_ID=\"15.6\"\n"));
            Assert.Equal(OsFamily.Unknown, suse.Family);
            Assert.Equal(PackageManager.Unknown, suse.PackageManager);
        }

        // ---- whole probe outputs ------------------------------------------------------------------

        [Fact]
        public void ProbeOutput_Rhel9EnforcingWithCinder()
        {
            HostFacts f = HostProbe.Parse(Fixture("host-probe", "rhel9-enforcing-cinder.txt"));
            Assert.Equal((OsFamily.RedHat, LinuxDistribution.Rhel, "9.6", 9), (f.Family, f.Distribution, f.OsVersion, f.OsMajorVersion));
            Assert.Equal(PackageManager.Dnf, f.PackageManager);
            Assert.Equal(InitSystem.Systemd, f.Init);
            Assert.Equal(SELinuxMode.Enforcing, f.SELinux);
            Assert.Equal((165, 165), (f.CinderUid, f.CinderGid));
            Assert.Equal(new[] { "libselinux-utils", "nfs-utils", "openstack-cinder", "policycoreutils", "policycoreutils-python-utils",
                "python3-cinder", "rpcbind", "selinux-policy", "selinux-policy-targeted" }, f.InstalledPackages);
            Assert.True(f.HasNfsServer && f.HasNfsClient && f.HasCinderVolume && f.IsRoot);
            Assert.Equal("5.14.0-570.12.1.el9_6.x86_64", f.KernelRelease);
        }

        [Fact]
        public void ProbeOutput_CentOS6SysVinitUnderUpstartPid1()
        {
            HostFacts f = HostProbe.Parse(Fixture("host-probe", "centos6-sysvinit.txt"));
            Assert.Equal((OsFamily.RedHat, LinuxDistribution.CentOS, "6.10", 6), (f.Family, f.Distribution, f.OsVersion, f.OsMajorVersion));
            Assert.Equal("centos", f.OsId);
            Assert.Equal("CentOS release 6.10 (Final)", f.OsName);
            Assert.Equal(PackageManager.Yum, f.PackageManager);
            Assert.Equal(InitSystem.SysVinit, f.Init);
            Assert.Equal(SELinuxMode.Permissive, f.SELinux);
            Assert.Equal((165, 165), (f.CinderUid, f.CinderGid));
            Assert.Contains("python-cinder", f.InstalledPackages);
            Assert.True(f.HasNfsServer && f.HasNfsClient && f.HasCinderVolume && f.IsRoot);
            Assert.Equal("2.6.32-754.35.1.el6.x86_64", f.KernelRelease);
        }

        [Fact]
        public void ProbeOutput_Ubuntu2404DpkgStatesAndNonRoot()
        {
            HostFacts f = HostProbe.Parse(Fixture("host-probe", "ubuntu2404-cinder-nonroot.txt"));
            Assert.Equal((OsFamily.Debian, LinuxDistribution.Ubuntu, "24.04", 24), (f.Family, f.Distribution, f.OsVersion, f.OsMajorVersion));
            Assert.Equal((PackageManager.Apt, InitSystem.Systemd, SELinuxMode.NotInstalled), (f.PackageManager, f.Init, f.SELinux));
            Assert.Equal((113, 119), (f.CinderUid, f.CinderGid));
            // nfs-kernel-server is only "deinstall ok config-files", policycoreutils "not-installed".
            Assert.Equal(new[] { "cinder-common", "cinder-volume", "nfs-common", "python3-cinder", "rpcbind" }, f.InstalledPackages);
            Assert.False(f.HasNfsServer);
            Assert.True(f.HasNfsClient && f.HasCinderVolume);
            Assert.False(f.IsRoot);
        }

        [Theory]
        [InlineData("debian12-local-root.txt", true)]
        [InlineData("debian12-local-nobody.txt", false)]
        public void ProbeOutput_CapturedOnDebian12Container(string file, bool root)
        {
            HostFacts f = HostProbe.Parse(Fixture("host-probe", file));
            Assert.Equal((OsFamily.Debian, LinuxDistribution.Debian, "12", 12), (f.Family, f.Distribution, f.OsVersion, f.OsMajorVersion));
            Assert.Equal("Debian GNU/Linux 12 (bookworm)", f.OsName);
            Assert.Equal(PackageManager.Apt, f.PackageManager);
            Assert.Equal(InitSystem.Unknown, f.Init); // PID 1 of that container is not an init system
            Assert.Equal(SELinuxMode.NotInstalled, f.SELinux);
            Assert.Null(f.CinderUid);
            Assert.Empty(f.InstalledPackages); // dpkg reported nfs-common etc. only as "unknown ok not-installed"
            Assert.False(f.HasNfsClient);
            Assert.Equal(root, f.IsRoot);
            Assert.False(string.IsNullOrEmpty(f.KernelRelease));
        }

        [Theory]
        [InlineData("comm=init\nupstart=yes", "ID=ubuntu\nVERSION_ID=\"14.04\"", InitSystem.Upstart)]
        [InlineData("comm=init\nupstart=no", "ID=debian\nVERSION_ID=\"12\"", InitSystem.SysVinit)]
        [InlineData("exe=/sbin/init (deleted)\ncomm=", "ID=debian", InitSystem.SysVinit)]
        [InlineData("exe=/usr/lib/systemd/systemd\nsystemd-booted=no", "ID=debian", InitSystem.Systemd)]
        [InlineData("comm=systemd", "ID=fedora", InitSystem.Systemd)]
        [InlineData("comm=bash\nsystemd-booted=no", "ID=debian", InitSystem.Unknown)]
        public void InitSection_IsRead(string init, string osRelease, InitSystem expected) =>
            Assert.Equal(expected, HostProbe.Parse(Section("os-release", osRelease) + Section("init", init)).Init);

        [Theory]
        [InlineData("", SELinuxMode.NotInstalled)]
        [InlineData("getenforce=Disabled", SELinuxMode.Disabled)]
        [InlineData("getenforce=", SELinuxMode.Disabled)]
        [InlineData("config=enforcing", SELinuxMode.Disabled)]
        [InlineData("selinuxfs=/sys/fs/selinux\nenforce=1", SELinuxMode.Enforcing)]
        [InlineData("selinuxfs=/selinux\nenforce=0\nconfig=enforcing", SELinuxMode.Permissive)]
        [InlineData("getenforce=Permissive\nenforce=1", SELinuxMode.Permissive)]
        public void SELinuxSection_IsRead(string selinux, SELinuxMode expected) =>
            Assert.Equal(expected, HostProbe.Parse(Section("selinux", selinux)).SELinux);

        [Theory]
        [InlineData("rhel-8", "yum=/usr/bin/yum", PackageManager.Yum)]          // dnf missing: take what exists
        [InlineData("rhel-8", "dnf=/usr/bin/dnf\nyum=/usr/bin/yum", PackageManager.Dnf)]
        [InlineData("centos-7", "dnf=/usr/bin/dnf\nyum=/usr/bin/yum", PackageManager.Yum)]
        [InlineData("centos-7", "dnf=/usr/bin/dnf", PackageManager.Dnf)]
        [InlineData("debian-12", "", PackageManager.Apt)]
        public void PackageManager_PrefersBinariesFoundOnHost(string osRelease, string tools, PackageManager expected) =>
            Assert.Equal(expected, HostProbe.Parse(Section("os-release", Fixture("os-release", osRelease)) + Section("tools", tools)).PackageManager);

        [Theory]
        [InlineData("ID=fedora\nVERSION_ID=21", PackageManager.Yum)]
        [InlineData("ID=fedora\nVERSION_ID=22", PackageManager.Dnf)]
        [InlineData("ID=arch", PackageManager.Unknown)]
        public void PackageManager_FollowsVersionRuleWithoutToolsSection(string osRelease, PackageManager expected) =>
            Assert.Equal(expected, HostProbe.Parse(Section("os-release", osRelease)).PackageManager);

        [Fact]
        public void PackageManager_UnknownFamilyUsesWhateverExists() =>
            Assert.Equal(PackageManager.Apt, HostProbe.Parse(Section("os-release", "ID=arch") + Section("tools", "apt-get=/usr/bin/apt-get")).PackageManager);

        [Fact]
        public void Parse_IgnoresBannerAndCrLf_RejectsOutputWithoutMarkers()
        {
            string output = "Welcome to host!\r\nID=ubuntu\r\n" + Fixture("host-probe", "rhel9-enforcing-cinder.txt").Replace("\n", "\r\n");
            HostFacts f = HostProbe.Parse(output);
            Assert.Equal(LinuxDistribution.Rhel, f.Distribution);
            Assert.Equal(165, f.CinderUid);

            Assert.Throws<FormatException>(() => HostProbe.Parse("sh: 1: Syntax error\n"));
            Assert.Throws<ArgumentNullException>(() => HostProbe.Parse(null!));
        }

        // ---- the script itself --------------------------------------------------------------------

        [Fact]
        public void Script_IsPlainPosixText()
        {
            Assert.DoesNotContain("\r", HostProbe.Script);
            Assert.EndsWith("exit 0\n", HostProbe.Script);
            foreach (string section in new[] { "os-release", "redhat-release", "init", "selinux", "cinder", "packages", "tools", "kernel", "id", "end" })
                Assert.Contains("section " + section + "\n", HostProbe.Script);
            foreach (string package in new[] { "nfs-utils", "nfs-kernel-server", "nfs-common", "rpcbind", "openstack-cinder", "cinder-volume", "python3-cinder", "selinux-policy", "policycoreutils" })
                Assert.Contains(" " + package + " ", " " + HostProbe.PackageNames + " ");
        }

        [Theory]
        [InlineData("/bin/sh")]
        [InlineData("/bin/dash")]
        [InlineData("/bin/bash")]
        public async Task Script_RunsThroughRealShell_ExitsZeroAndParses(string shell)
        {
            if (!OperatingSystem.IsLinux() || !File.Exists(shell)) return;

            var start = new ProcessStartInfo(shell)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(HostProbe.Script);
            foreach (string argument in HostProbe.Query().InnerArgv().Skip(3)) start.ArgumentList.Add(argument);
            using Process process = Process.Start(start)!;
            process.StandardInput.Close();
            Task<string> stderrTask = process.StandardError.ReadToEndAsync();
            Task<string> stdoutTask = process.StandardOutput.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("The probe script did not finish within 60 s.");
            }
            string stdout = await stdoutTask;
            string stderr = await stderrTask;

            Assert.Equal(0, process.ExitCode);
            Assert.Equal(string.Empty, stderr);
            Assert.Contains("\n@@NFSCINDER:end@@\n", stdout);

            HostFacts f = HostProbe.Parse(stdout);
            Assert.Equal(File.ReadAllText("/proc/sys/kernel/osrelease").Trim(), f.KernelRelease);
            string uidLine = File.ReadAllLines("/proc/self/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal));
            Assert.Equal(uidLine.Split('\t', StringSplitOptions.RemoveEmptyEntries)[2] == "0", f.IsRoot);
            if (File.Exists("/etc/os-release"))
            {
                var local = OsReleaseParser.Parse(File.ReadAllText("/etc/os-release"));
                Assert.Equal(OsReleaseParser.Get(local, "ID"), f.OsId);
                Assert.Equal(OsReleaseParser.Get(local, "VERSION_ID"), f.OsVersion);
                if (f.OsId == "debian")
                    Assert.Equal((OsFamily.Debian, LinuxDistribution.Debian, PackageManager.Apt), (f.Family, f.Distribution, f.PackageManager));
            }
        }
    }
}
