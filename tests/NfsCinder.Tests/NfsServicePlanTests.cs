using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using NfsCinder.Execution;
using NfsCinder.Hosts;
using NfsCinder.Nfs;
using Xunit;

namespace NfsCinder.Tests
{
    /// <summary>
    /// NFS package and service plans per distribution. The argv of every command is pinned; the
    /// dpkg, systemd and rc-link scripts also run for real through /bin/sh on this machine
    /// (Debian 12 without NFS packages, systemd installed but not PID 1).
    /// </summary>
    public class NfsServicePlanTests
    {
        // ---- hosts ------------------------------------------------------------------------------------

        private static HostFacts Facts(string id, OsFamily family, LinuxDistribution distribution, string version,
            InitSystem init, PackageManager manager) => new HostFacts
            {
                ComputerName = "host1",
                OsId = id,
                OsName = id + " " + version,
                OsVersion = version,
                OsMajorVersion = int.Parse(version.Split('.')[0]),
                Family = family,
                Distribution = distribution,
                Init = init,
                PackageManager = manager,
            };

        private static readonly Dictionary<string, HostFacts> Hosts = new Dictionary<string, HostFacts>
        {
            ["centos6"] = Facts("centos", OsFamily.RedHat, LinuxDistribution.CentOS, "6.10", InitSystem.SysVinit, PackageManager.Yum),
            ["rhel7"] = Facts("rhel", OsFamily.RedHat, LinuxDistribution.Rhel, "7.9", InitSystem.Systemd, PackageManager.Yum),
            ["rhel8"] = Facts("rhel", OsFamily.RedHat, LinuxDistribution.Rhel, "8.10", InitSystem.Systemd, PackageManager.Dnf),
            ["rhel9"] = Facts("rhel", OsFamily.RedHat, LinuxDistribution.Rhel, "9.6", InitSystem.Systemd, PackageManager.Dnf),
            ["rocky9"] = Facts("rocky", OsFamily.RedHat, LinuxDistribution.Rocky, "9.5", InitSystem.Systemd, PackageManager.Dnf),
            ["alma8"] = Facts("almalinux", OsFamily.RedHat, LinuxDistribution.Alma, "8.10", InitSystem.Systemd, PackageManager.Dnf),
            ["fedora40"] = Facts("fedora", OsFamily.RedHat, LinuxDistribution.Fedora, "40", InitSystem.Systemd, PackageManager.Dnf),
            ["debian12"] = Facts("debian", OsFamily.Debian, LinuxDistribution.Debian, "12", InitSystem.Systemd, PackageManager.Apt),
            ["ubuntu2204"] = Facts("ubuntu", OsFamily.Debian, LinuxDistribution.Ubuntu, "22.04", InitSystem.Systemd, PackageManager.Apt),
        };

        /// <summary>What each (host, role) must produce.</summary>
        private sealed class Expected
        {
            public string[] Packages = Array.Empty<string>();
            public string[] Services = Array.Empty<string>();
            public PackageManager Manager;
            public string[] Install = Array.Empty<string>();
            public string[]? Refresh;
            public string MissingScript = "";
            public string StateScript = "";
            public string[][] Enable = Array.Empty<string[]>();
        }

        private static readonly string[] Dnf = { "dnf", "-y", "install" };
        private static readonly string[] Yum = { "yum", "-y", "install" };
        private static readonly string[] Apt = { "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "--no-install-recommends" };
        private static readonly string[] AptUpdate = { "apt-get", "update", "-q" };

        private static string[] Cat(string[] head, params string[] tail) => head.Concat(tail).ToArray();

        private static Expected RhelSystemd(PackageManager manager, NfsRole role)
        {
            string[] services = role == NfsRole.Server ? new[] { "rpcbind", "nfs-server" } : new[] { "rpcbind", "nfs-client.target" };
            return new Expected
            {
                Packages = new[] { "nfs-utils", "rpcbind" },
                Services = services,
                Manager = manager,
                Install = Cat(manager == PackageManager.Dnf ? Dnf : Yum, "nfs-utils", "rpcbind"),
                Refresh = null,
                MissingScript = NfsServicePlan.RpmMissingScript,
                StateScript = NfsServicePlan.SystemdStateScript,
                Enable = new[] { Cat(new[] { "systemctl", "enable", "--now" }, services) },
            };
        }

        private static Expected DebianSystemd(NfsRole role)
        {
            string[] services = role == NfsRole.Server ? new[] { "rpcbind", "nfs-server" } : new[] { "rpcbind", "nfs-client.target" };
            string[] packages = role == NfsRole.Server ? new[] { "nfs-kernel-server", "nfs-common", "rpcbind" } : new[] { "nfs-common", "rpcbind" };
            return new Expected
            {
                Packages = packages,
                Services = services,
                Manager = PackageManager.Apt,
                Install = Cat(Apt, packages),
                Refresh = AptUpdate,
                MissingScript = NfsServicePlan.DpkgMissingScript,
                StateScript = NfsServicePlan.SystemdStateScript,
                Enable = new[] { Cat(new[] { "systemctl", "enable", "--now" }, services) },
            };
        }

        private static Expected CentOS6(NfsRole role)
        {
            string[] services = role == NfsRole.Server ? new[] { "rpcbind", "nfs", "nfslock" } : new[] { "rpcbind", "nfslock" };
            return new Expected
            {
                Packages = new[] { "nfs-utils", "rpcbind" },
                Services = services,
                Manager = PackageManager.Yum,
                Install = Cat(Yum, "nfs-utils", "rpcbind"),
                Refresh = null,
                MissingScript = NfsServicePlan.RpmMissingScript,
                StateScript = NfsServicePlan.ChkconfigStateScript,
                Enable = services.SelectMany(s => new[] { new[] { "service", s, "start" }, new[] { "chkconfig", s, "on" } }).ToArray(),
            };
        }

        private static Expected ExpectedFor(string host, NfsRole role) => host switch
        {
            "centos6" => CentOS6(role),
            "rhel7" => RhelSystemd(PackageManager.Yum, role),
            "rhel8" or "rhel9" or "rocky9" or "alma8" or "fedora40" => RhelSystemd(PackageManager.Dnf, role),
            "debian12" or "ubuntu2204" => DebianSystemd(role),
            _ => throw new ArgumentException(host),
        };

        public static TheoryData<string, string> Cases()
        {
            var data = new TheoryData<string, string>();
            foreach (string host in Hosts.Keys)
            {
                data.Add(host, nameof(NfsRole.Server));
                data.Add(host, nameof(NfsRole.Client));
            }
            return data;
        }

        private static IEnumerable<CommandSpec> AllCommands(NfsServicePlan plan)
        {
            yield return plan.MissingPackagesQuery();
            if (plan.RefreshCommand() is CommandSpec refresh) yield return refresh;
            yield return plan.InstallCommand(plan.Packages)!;
            yield return plan.ServiceStateQuery();
            foreach (CommandSpec c in plan.EnableAndStartCommands(plan.Services)) yield return c;
        }

        // ---- plans per distribution ---------------------------------------------------------------

        [Theory]
        [MemberData(nameof(Cases))]
        public void Plan_HasPackagesServicesAndManager(string host, string roleName)
        {
            NfsRole role = Enum.Parse<NfsRole>(roleName);
            NfsServicePlan plan = NfsServicePlan.For(Hosts[host], role);
            Expected e = ExpectedFor(host, role);

            Assert.Equal(role, plan.Role);
            Assert.Equal(e.Packages, plan.Packages);
            Assert.Equal(e.Services, plan.Services);
            Assert.Equal(e.Manager, plan.PackageManager);
            Assert.Equal(Hosts[host].Init, plan.InitSystem);
            Assert.True(plan.CanManageServices);
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Plan_CommandsHaveExactArgv(string host, string roleName)
        {
            NfsRole role = Enum.Parse<NfsRole>(roleName);
            NfsServicePlan plan = NfsServicePlan.For(Hosts[host], role);
            Expected e = ExpectedFor(host, role);

            CommandSpec missing = plan.MissingPackagesQuery();
            Assert.Equal(Cat(new[] { "sh", "-c", RemoteScripts.Body(e.MissingScript), e.MissingScript }, e.Packages), missing.InnerArgv());
            Assert.Equal(new[] { 0 }, missing.AcceptedExitCodes);

            Assert.Equal(e.Install, plan.InstallCommand(e.Packages)!.InnerArgv());
            Assert.Equal(e.Refresh, plan.RefreshCommand()?.InnerArgv());

            CommandSpec state = plan.ServiceStateQuery();
            Assert.Equal(Cat(new[] { "sh", "-c", RemoteScripts.Body(e.StateScript), e.StateScript }, e.Services), state.InnerArgv());

            Assert.Equal(e.Enable, plan.EnableAndStartCommands(e.Services).Select(c => c.InnerArgv().ToArray()).ToArray());
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Plan_NamesOnlyTravelAsSeparateArguments(string host, string roleName)
        {
            NfsRole role = Enum.Parse<NfsRole>(roleName);
            NfsServicePlan plan = NfsServicePlan.For(Hosts[host], role);
            string[] names = plan.Packages.Concat(plan.Services).Distinct().ToArray();

            foreach (CommandSpec command in AllCommands(plan))
            {
                if (command.ScriptBody is string body)
                {
                    // No name (not even the shortest, "nfs") is part of any script text.
                    Assert.DoesNotContain("nfs", body, StringComparison.OrdinalIgnoreCase);
                    Assert.DoesNotContain("rpcbind", body, StringComparison.OrdinalIgnoreCase);
                    foreach (string name in names) Assert.DoesNotContain(name, body, StringComparison.Ordinal);
                }
                foreach (string argument in command.Arguments)
                {
                    // An argument that mentions a name is exactly that name.
                    if (names.Any(n => argument.Contains(n, StringComparison.Ordinal)))
                        Assert.Contains(argument, names);
                }
            }
        }

        [Fact]
        public void Scripts_AreValidPosixShell()
        {
            foreach (string script in new[]
            {
                NfsServicePlan.DpkgMissingScript, NfsServicePlan.RpmMissingScript, NfsServicePlan.SystemdStateScript,
                NfsServicePlan.ChkconfigStateScript, NfsServicePlan.RcLinksStateScript,
            })
            {
                string body = RemoteScripts.Body(script);
                (int exit, _, string stderr) = Run(new[] { "sh", "-n", "-c", body });
                Assert.True(exit == 0, stderr);
            }
        }

        // ---- other layouts and refusals --------------------------------------------------------------

        [Fact]
        public void UnknownFamily_IsNotSupported()
        {
            var facts = Facts("arch", OsFamily.Unknown, LinuxDistribution.Unknown, "1", InitSystem.Systemd, PackageManager.Unknown);
            var ex = Assert.Throws<NotSupportedException>(() => NfsServicePlan.For(facts, NfsRole.Server));
            Assert.Contains("family", ex.Message);
            Assert.Contains("host1", ex.Message);
            Assert.Contains("Debian", ex.Message);
        }

        [Fact]
        public void WrongPackageManagerForFamily_IsNotSupported()
        {
            var facts = Facts("debian", OsFamily.Debian, LinuxDistribution.Debian, "12", InitSystem.Systemd, PackageManager.Dnf);
            Assert.Throws<NotSupportedException>(() => NfsServicePlan.For(facts, NfsRole.Client));
        }

        [Fact]
        public void UnknownPackageManager_IsDerivedFromVersion()
        {
            Assert.Equal(PackageManager.Yum, NfsServicePlan.For(Facts("centos", OsFamily.RedHat, LinuxDistribution.CentOS, "7", InitSystem.Systemd, PackageManager.Unknown), NfsRole.Server).PackageManager);
            Assert.Equal(PackageManager.Dnf, NfsServicePlan.For(Facts("rocky", OsFamily.RedHat, LinuxDistribution.Rocky, "8.9", InitSystem.Systemd, PackageManager.Unknown), NfsRole.Server).PackageManager);
            Assert.Equal(PackageManager.Apt, NfsServicePlan.For(Facts("ubuntu", OsFamily.Debian, LinuxDistribution.Ubuntu, "24.04", InitSystem.Systemd, PackageManager.Unknown), NfsRole.Server).PackageManager);

            var noVersion = Facts("rhel", OsFamily.RedHat, LinuxDistribution.Rhel, "9", InitSystem.Systemd, PackageManager.Unknown);
            noVersion.OsMajorVersion = null;
            Assert.Throws<NotSupportedException>(() => NfsServicePlan.For(noVersion, NfsRole.Server));
        }

        [Fact]
        public void DebianSysV_UsesInitScriptsAndUpdateRcD()
        {
            var facts = Facts("debian", OsFamily.Debian, LinuxDistribution.Debian, "12", InitSystem.SysVinit, PackageManager.Apt);
            NfsServicePlan plan = NfsServicePlan.For(facts, NfsRole.Server);

            Assert.Equal(new[] { "rpcbind", "nfs-common", "nfs-kernel-server" }, plan.Services);
            Assert.Equal(new[] { "sh", "-c", RemoteScripts.Body(NfsServicePlan.RcLinksStateScript), NfsServicePlan.RcLinksStateScript, "rpcbind", "nfs-common", "nfs-kernel-server" },
                plan.ServiceStateQuery().InnerArgv());
            Assert.Equal(
                new[] { new[] { "service", "nfs-kernel-server", "start" }, new[] { "update-rc.d", "nfs-kernel-server", "enable" } },
                plan.EnableAndStartCommands(new[] { "nfs-kernel-server" }).Select(c => c.InnerArgv().ToArray()).ToArray());
        }

        [Theory]
        [InlineData(LinuxDistribution.Debian, "8", new[] { "rpcbind", "nfs-common", "nfs-kernel-server" })]
        [InlineData(LinuxDistribution.Debian, "9", new[] { "rpcbind", "nfs-server" })]
        [InlineData(LinuxDistribution.Ubuntu, "15.10", new[] { "rpcbind", "nfs-common", "nfs-kernel-server" })]
        [InlineData(LinuxDistribution.Ubuntu, "16.04", new[] { "rpcbind", "nfs-server" })]
        [InlineData(LinuxDistribution.Ubuntu, "24.04", new[] { "rpcbind", "nfs-server" })]
        public void DebianSystemd_UsesNfsServerUnitWhereShipped(LinuxDistribution distribution, string version, string[] services)
        {
            var facts = Facts(distribution.ToString().ToLowerInvariant(), OsFamily.Debian, distribution, version, InitSystem.Systemd, PackageManager.Apt);
            Assert.Equal(services, NfsServicePlan.For(facts, NfsRole.Server).Services);
        }

        [Theory]
        [InlineData(InitSystem.Upstart)]
        [InlineData(InitSystem.Unknown)]
        public void UnmanagedInit_PlansPackagesButRefusesServices(InitSystem init)
        {
            var facts = Facts("ubuntu", OsFamily.Debian, LinuxDistribution.Ubuntu, "14.04", init, PackageManager.Apt);
            NfsServicePlan plan = NfsServicePlan.For(facts, NfsRole.Client);

            Assert.Equal(new[] { "nfs-common", "rpcbind" }, plan.Packages);
            Assert.NotNull(plan.InstallCommand(plan.Packages));
            Assert.False(plan.CanManageServices);
            var ex = Assert.Throws<NotSupportedException>(() => plan.ServiceStateQuery());
            Assert.Contains(init.ToString(), ex.Message);
            Assert.Throws<NotSupportedException>(() => plan.EnableAndStartCommands(plan.Services));
        }

        [Fact]
        public void RhelContainerWithoutInit_UsesVersionForServiceNames()
        {
            var rhel6 = Facts("centos", OsFamily.RedHat, LinuxDistribution.CentOS, "6.10", InitSystem.Unknown, PackageManager.Yum);
            var rhel9 = Facts("rocky", OsFamily.RedHat, LinuxDistribution.Rocky, "9.5", InitSystem.Unknown, PackageManager.Dnf);
            Assert.Equal(new[] { "rpcbind", "nfs", "nfslock" }, NfsServicePlan.For(rhel6, NfsRole.Server).Services);
            Assert.Equal(new[] { "rpcbind", "nfs-server" }, NfsServicePlan.For(rhel9, NfsRole.Server).Services);
        }

        [Fact]
        public void InstallCommand_TakesOnlyPlanPackagesInPlanOrder()
        {
            NfsServicePlan plan = NfsServicePlan.For(Hosts["debian12"], NfsRole.Server);

            Assert.Null(plan.InstallCommand(Array.Empty<string>()));
            Assert.Equal(Cat(Apt, "nfs-kernel-server", "rpcbind"), plan.InstallCommand(new[] { "rpcbind", "nfs-kernel-server", "rpcbind" })!.InnerArgv());

            foreach (string bad in new[] { "-o=APT::Get::Trivial-Only=true", "nfs-common rpcbind", "nfs-utils", "$(id)", "" })
                Assert.Throws<ArgumentException>(() => plan.InstallCommand(new[] { bad }));
            Assert.Throws<ArgumentNullException>(() => plan.InstallCommand(null!));
        }

        [Fact]
        public void EnableAndStart_TakesOnlyPlanServices()
        {
            NfsServicePlan plan = NfsServicePlan.For(Hosts["rhel9"], NfsRole.Server);

            Assert.Empty(plan.EnableAndStartCommands(Array.Empty<string>()));
            Assert.Equal(new[] { "systemctl", "enable", "--now", "nfs-server" }, plan.EnableAndStartCommands(new[] { "nfs-server" }).Single().InnerArgv());
            Assert.Throws<ArgumentException>(() => plan.EnableAndStartCommands(new[] { "sshd" }));
            Assert.Throws<ArgumentException>(() => plan.EnableAndStartCommands(new[] { "--global" }));
        }

        // ---- parsing ------------------------------------------------------------------------------------

        [Fact]
        public void ParseMissingPackages_KeepsPlanPackagesInPlanOrder()
        {
            NfsServicePlan plan = NfsServicePlan.For(Hosts["debian12"], NfsRole.Server);
            Assert.Equal(new[] { "nfs-kernel-server", "rpcbind" }, plan.ParseMissingPackages("rpcbind\r\n\n  nfs-kernel-server \nsomething-else\nwarning: x\n"));
            Assert.Empty(plan.ParseMissingPackages(""));
        }

        [Fact]
        public void ParseServiceStates_ReadsSystemdAndSysVWords()
        {
            NfsServicePlan plan = NfsServicePlan.For(Hosts["rhel9"], NfsRole.Client);
            IReadOnlyList<NfsServiceStatus> states = plan.ParseServiceStates(
                "nfs-client.target enabled active\r\nrpcbind static inactive\nstray line here\n");

            Assert.Equal(new[] { "rpcbind", "nfs-client.target" }, states.Select(s => s.Service));
            Assert.True(states[0].Enabled);
            Assert.False(states[0].Active);
            Assert.True(states[0].NeedsWork);
            Assert.True(states[1].Enabled);
            Assert.True(states[1].Active);
            Assert.False(states[1].NeedsWork);
            Assert.Equal(new[] { "rpcbind" }, plan.ServicesNeedingWork(states));
        }

        [Theory]
        [InlineData("enabled", true)]
        [InlineData("enabled-runtime", true)]
        [InlineData("static", true)]
        [InlineData("indirect", true)]
        [InlineData("generated", true)]
        [InlineData("alias", true)]
        [InlineData("disabled", false)]
        [InlineData("masked", false)]
        [InlineData("linked", false)]
        [InlineData("not-found", false)]
        [InlineData("unknown", false)]
        public void EnabledStates_AreClassified(string word, bool enabled)
        {
            Assert.Equal(enabled, new NfsServiceStatus("x", word, "active").Enabled);
        }

        [Theory]
        [InlineData("active", true)]
        [InlineData("reloading", true)]
        [InlineData("refreshing", true)]
        [InlineData("activating", false)]
        [InlineData("inactive", false)]
        [InlineData("failed", false)]
        [InlineData("unknown", false)]
        public void ActiveStates_AreClassified(string word, bool active)
        {
            Assert.Equal(active, new NfsServiceStatus("x", "enabled", word).Active);
        }

        [Fact]
        public void ParseServiceStates_FillsInWhatTheOutputLeavesOut()
        {
            NfsServicePlan plan = NfsServicePlan.For(Hosts["centos6"], NfsRole.Server);
            IReadOnlyList<NfsServiceStatus> states = plan.ParseServiceStates("nfs not-found inactive\nrpcbind enabled\n");

            Assert.Equal(new[] { "rpcbind", "nfs", "nfslock" }, states.Select(s => s.Service));
            Assert.Equal("unknown", states[0].ActiveState);
            Assert.True(states[0].Enabled);
            Assert.False(states[1].Exists);
            Assert.Equal("unknown", states[2].EnabledState);
            Assert.Equal(new[] { "rpcbind", "nfs", "nfslock" }, plan.ServicesNeedingWork(states));
            Assert.All(plan.ParseServiceStates(""), s => Assert.True(s.NeedsWork));
        }

        // ---- for real on this machine ---------------------------------------------------------------

        private static (int Exit, string Stdout, string Stderr) Run(IReadOnlyList<string> argv)
        {
            var start = new ProcessStartInfo(argv[0])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            foreach (string a in argv.Skip(1)) start.ArgumentList.Add(a);
            start.Environment["LC_ALL"] = "C";
            using Process process = Process.Start(start)!;
            process.StandardInput.Close();
            var stderrTask = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            string stderr = stderrTask.Result;
            Assert.True(process.WaitForExit(60_000), "command did not finish");
            return (process.ExitCode, stdout, stderr);
        }

        /// <summary>Independent of the script: dpkg's own status line for one package.</summary>
        private static bool DpkgSaysInstalled(string package)
        {
            (int exit, string stdout, _) = Run(new[] { "dpkg-query", "-W", "-f=${Status}\n", package });
            return exit == 0 && stdout.Split('\n').Any(l => l.EndsWith(" installed", StringComparison.Ordinal));
        }

        [Fact]
        public void DpkgMissingScript_RunsForReal()
        {
            NfsServicePlan plan = NfsServicePlan.For(Hosts["debian12"], NfsRole.Server);
            // The plan's argv, plus an installed package, a known but uninstalled one and an unknown one.
            string[] argv = plan.MissingPackagesQuery().InnerArgv().Concat(new[] { "coreutils", "no-such-package-nfscinder" }).ToArray();

            (int exit, string stdout, string stderr) = Run(argv);

            Assert.True(exit == 0, stderr);
            string[] lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            string[] expected = plan.Packages.Where(p => !DpkgSaysInstalled(p)).Concat(new[] { "no-such-package-nfscinder" }).ToArray();
            Assert.Equal(expected, lines);
            Assert.DoesNotContain("coreutils", lines);
            Assert.Equal(expected.Where(plan.Packages.Contains), plan.ParseMissingPackages(stdout));

            if (!DpkgSaysInstalled("nfs-kernel-server"))
            {
                Assert.Contains("nfs-kernel-server", plan.ParseMissingPackages(stdout));
                Assert.Equal(Cat(Apt, plan.ParseMissingPackages(stdout).ToArray()), plan.InstallCommand(plan.ParseMissingPackages(stdout))!.InnerArgv());
            }
        }

        [Fact]
        public void SystemdStateScript_RunsForReal()
        {
            NfsServicePlan plan = NfsServicePlan.For(Hosts["debian12"], NfsRole.Client);
            bool systemdRunning = Directory.Exists("/run/systemd/system");
            string hostile = "$(echo pwned) `id`";
            string[] argv = plan.ServiceStateQuery().InnerArgv().Concat(new[] { "multi-user.target", hostile }).ToArray();

            (int exit, string stdout, string stderr) = Run(argv);

            Assert.True(exit == 0, stderr);
            string[] lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(4, lines.Length);
            Assert.Equal(hostile + " unknown unknown", lines[3]);
            Assert.DoesNotContain("pwned", stdout.Replace("$(echo pwned)", ""));
            Assert.DoesNotContain("uid=", stdout);

            IReadOnlyList<NfsServiceStatus> all = NfsServicePlan.ParseStateLines(stdout);
            Assert.Equal(new[] { "rpcbind", "nfs-client.target", "multi-user.target", "$(echo" }, all.Select(s => s.Service));
            NfsServiceStatus multiUser = all[2];
            Assert.True(multiUser.Enabled, multiUser.ToString()); // static
            if (!systemdRunning)
            {
                Assert.False(multiUser.Active, multiUser.ToString());
                Assert.Contains(multiUser.ActiveState, new[] { "unknown", "inactive" });
            }

            IReadOnlyList<NfsServiceStatus> states = plan.ParseServiceStates(stdout);
            Assert.Equal(new[] { "rpcbind", "nfs-client.target" }, states.Select(s => s.Service));
            if (!DpkgSaysInstalled("rpcbind"))
            {
                Assert.All(states, s => Assert.False(s.Enabled, s.ToString()));
                Assert.All(states, s => Assert.False(s.Active, s.ToString()));
                Assert.Equal(plan.Services, plan.ServicesNeedingWork(states));
                Assert.Equal(new[] { "systemctl", "enable", "--now", "rpcbind", "nfs-client.target" },
                    plan.EnableAndStartCommands(plan.ServicesNeedingWork(states)).Single().InnerArgv());
            }
        }

        [Fact]
        public void RcLinksStateScript_RunsForReal()
        {
            // The Debian SysV script against whatever /etc/init.d holds here; expectations from the file system.
            var facts = Facts("debian", OsFamily.Debian, LinuxDistribution.Debian, "12", InitSystem.SysVinit, PackageManager.Apt);
            NfsServicePlan plan = NfsServicePlan.For(facts, NfsRole.Client);
            string[] extra = { "ssh", "procps" };
            string[] argv = plan.ServiceStateQuery().InnerArgv().Concat(extra).ToArray();

            (int exit, string stdout, string stderr) = Run(argv);

            Assert.True(exit == 0, stderr);
            IReadOnlyList<NfsServiceStatus> all = NfsServicePlan.ParseStateLines(stdout);
            Assert.Equal(plan.Services.Concat(extra), all.Select(s => s.Service));
            foreach (NfsServiceStatus state in all)
            {
                bool exists = File.Exists("/etc/init.d/" + state.Service);
                bool linked = new[] { 2, 3, 4, 5 }.Any(level =>
                    Directory.Exists($"/etc/rc{level}.d") &&
                    Directory.GetFiles($"/etc/rc{level}.d", "S*" + state.Service).Any(f => Path.GetFileName(f).Length == state.Service.Length + 3));
                Assert.Equal(exists, state.Exists);
                Assert.Equal(exists && linked, state.Enabled);
                Assert.Contains(state.ActiveState, new[] { "active", "inactive" });
                if (!exists) Assert.False(state.Active);
            }
        }
    }
}
