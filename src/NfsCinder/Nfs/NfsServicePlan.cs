using System;
using System.Collections.Generic;
using System.Linq;
using NfsCinder.Execution;
using NfsCinder.Hosts;

namespace NfsCinder.Nfs
{
    /// <summary>
    /// What a host needs for one NFS role, and the commands that check and bring it there:
    /// which packages to install with which package manager, which services to enable and start
    /// under which init system. Every command is argv or a constant script; package and service
    /// names only ever travel as separate arguments.
    /// </summary>
    /// <remarks>
    /// Layouts:
    /// <list type="bullet">
    /// <item>Debian/Ubuntu: server nfs-kernel-server, nfs-common, rpcbind; client nfs-common, rpcbind.
    /// systemd hosts that ship <c>nfs-server.service</c> (Debian 9+, Ubuntu 16.04+) use rpcbind + nfs-server
    /// (server) and rpcbind + nfs-client.target (client); <c>nfs-kernel-server.service</c> is only an alias there.
    /// Older or SysV hosts use the init scripts rpcbind, nfs-common and nfs-kernel-server.</item>
    /// <item>RHEL family (RHEL, CentOS, Rocky, Alma, Oracle, Fedora): nfs-utils and rpcbind for both roles.
    /// systemd (7+): rpcbind + nfs-server (server), rpcbind + nfs-client.target (client).
    /// SysV (6): rpcbind, nfs, nfslock (server), rpcbind, nfslock (client).</item>
    /// </list>
    /// </remarks>
    internal sealed class NfsServicePlan
    {
        // The read-only queries: Scripts/*.sh, one per package manager and init system.
        internal const string DpkgMissingScript = "missing-packages-dpkg";
        internal const string RpmMissingScript = "missing-packages-rpm";
        internal const string SystemdStateScript = "service-state-systemd";
        internal const string ChkconfigStateScript = "service-state-chkconfig";
        internal const string RcLinksStateScript = "service-state-rclinks";

        private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(15);
        private static readonly TimeSpan RefreshTimeout = TimeSpan.FromMinutes(5);
        private static readonly TimeSpan ServiceTimeout = TimeSpan.FromMinutes(3);

        private readonly OsFamily family;

        private NfsServicePlan(NfsRole role, OsFamily family, PackageManager packageManager, InitSystem initSystem,
            string[] packages, string[] services)
        {
            Role = role;
            this.family = family;
            PackageManager = packageManager;
            InitSystem = initSystem;
            Packages = packages;
            Services = services;
        }

        /// <summary>The role the plan prepares the host for.</summary>
        internal NfsRole Role { get; }

        /// <summary>The packages the role needs, in install order.</summary>
        internal IReadOnlyList<string> Packages { get; }

        /// <summary>The services the role needs enabled and running, in start order (rpcbind first).</summary>
        internal IReadOnlyList<string> Services { get; }

        /// <summary>The package manager the install command uses.</summary>
        internal PackageManager PackageManager { get; }

        /// <summary>The host's init system, which decides the service commands.</summary>
        internal InitSystem InitSystem { get; }

        /// <summary>True when this plan can query, enable and start services (systemd or SysV).</summary>
        internal bool CanManageServices => InitSystem == InitSystem.Systemd || InitSystem == InitSystem.SysVinit;

        /// <summary>Builds the plan for a host.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="facts"/> is null.</exception>
        /// <exception cref="NotSupportedException">The host's family, or its package manager, is not one this module handles.</exception>
        internal static NfsServicePlan For(HostFacts facts, NfsRole role)
        {
            if (facts is null) throw new ArgumentNullException(nameof(facts));
            if (role != NfsRole.Server && role != NfsRole.Client) throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown NFS role.");

            switch (facts.Family)
            {
                case OsFamily.Debian: return ForDebian(facts, role);
                case OsFamily.RedHat: return ForRedHat(facts, role);
                default:
                    throw new NotSupportedException(
                        $"Cannot plan the NFS {RoleWord(role)} for {Describe(facts)}: the distribution family is not recognised. " +
                        "Supported are the Debian family (Debian, Ubuntu) and the Red Hat family (RHEL, CentOS, Rocky, AlmaLinux, Oracle Linux, Fedora).");
            }
        }

        private static NfsServicePlan ForDebian(HostFacts facts, NfsRole role)
        {
            PackageManager manager = facts.PackageManager == PackageManager.Unknown ? PackageManager.Apt : facts.PackageManager;
            if (manager != PackageManager.Apt)
                throw new NotSupportedException($"Cannot plan the NFS {RoleWord(role)} for {Describe(facts)}: a Debian-family host should use apt-get, but {manager} was detected.");

            string[] packages = role == NfsRole.Server
                ? new[] { "nfs-kernel-server", "nfs-common", "rpcbind" }
                : new[] { "nfs-common", "rpcbind" };

            // systemd hosts that ship nfs-server.service (nfs-utils 1.3 packaging) use the native units;
            // SysV, Upstart and the older packaging use the init script names.
            bool nativeUnits = (facts.Init == InitSystem.Systemd || facts.Init == InitSystem.Unknown) && DebianShipsNfsServerUnit(facts);
            string[] services = nativeUnits
                ? (role == NfsRole.Server ? new[] { "rpcbind", "nfs-server" } : new[] { "rpcbind", "nfs-client.target" })
                : (role == NfsRole.Server ? new[] { "rpcbind", "nfs-common", "nfs-kernel-server" } : new[] { "rpcbind", "nfs-common" });

            return new NfsServicePlan(role, OsFamily.Debian, manager, facts.Init, packages, services);
        }

        private static bool DebianShipsNfsServerUnit(HostFacts facts)
        {
            int? major = facts.OsMajorVersion;
            if (!major.HasValue) return true;
            switch (facts.Distribution)
            {
                case LinuxDistribution.Debian: return major.Value >= 9;
                case LinuxDistribution.Ubuntu: return major.Value >= 16;
                default: return true;
            }
        }

        private static NfsServicePlan ForRedHat(HostFacts facts, NfsRole role)
        {
            int? major = facts.OsMajorVersion;
            PackageManager manager = facts.PackageManager;
            if (manager == PackageManager.Unknown)
            {
                if (!major.HasValue)
                    throw new NotSupportedException($"Cannot plan the NFS {RoleWord(role)} for {Describe(facts)}: neither the package manager nor the OS version is known, so yum and dnf cannot be told apart.");
                int dnfSince = facts.Distribution == LinuxDistribution.Fedora ? 22 : 8;
                manager = major.Value >= dnfSince ? PackageManager.Dnf : PackageManager.Yum;
            }
            if (manager != PackageManager.Yum && manager != PackageManager.Dnf)
                throw new NotSupportedException($"Cannot plan the NFS {RoleWord(role)} for {Describe(facts)}: a Red Hat-family host should use yum or dnf, but {manager} was detected.");

            // rpcbind is a dependency of nfs-utils everywhere; listed so its absence is visible and explicit.
            string[] packages = { "nfs-utils", "rpcbind" };

            bool sysv = facts.Init == InitSystem.SysVinit
                || (facts.Init != InitSystem.Systemd && facts.Distribution != LinuxDistribution.Fedora && major.HasValue && major.Value < 7);
            string[] services = sysv
                ? (role == NfsRole.Server ? new[] { "rpcbind", "nfs", "nfslock" } : new[] { "rpcbind", "nfslock" })
                : (role == NfsRole.Server ? new[] { "rpcbind", "nfs-server" } : new[] { "rpcbind", "nfs-client.target" });

            return new NfsServicePlan(role, OsFamily.RedHat, manager, facts.Init, packages, services);
        }

        // ---- packages -------------------------------------------------------------------------------

        /// <summary>One read-only command that prints, one per line, the plan's packages that are not installed.</summary>
        internal CommandSpec MissingPackagesQuery() =>
            (family == OsFamily.Debian
                ? RemoteScripts.Spec(DpkgMissingScript, Packages.ToArray())
                : RemoteScripts.Spec(RpmMissingScript, Packages.ToArray()))
            .For("check which NFS packages are installed");

        /// <summary>The plan's packages named in the output of <see cref="MissingPackagesQuery"/>, in plan order.</summary>
        internal IReadOnlyList<string> ParseMissingPackages(string stdout)
        {
            var named = new HashSet<string>(Lines(stdout).Select(l => l.Trim()), StringComparer.Ordinal);
            return Packages.Where(named.Contains).ToArray();
        }

        /// <summary>Refreshes the package lists before an install (apt-get update), or null where the package manager needs no such step.</summary>
        internal CommandSpec? RefreshCommand() =>
            PackageManager == PackageManager.Apt
                ? CommandSpec.Argv("apt-get", "update", "-q").WithTimeout(RefreshTimeout).For("refresh the apt package lists")
                : null;

        /// <summary>Installs the given packages, which must be among <see cref="Packages"/>; null when there is nothing to install.</summary>
        /// <exception cref="ArgumentException">A name is not one of the plan's packages.</exception>
        internal CommandSpec? InstallCommand(IReadOnlyList<string> missing)
        {
            string[] names = Members(missing, Packages, nameof(missing), "package");
            if (names.Length == 0) return null;

            string[] head;
            switch (PackageManager)
            {
                case PackageManager.Apt:
                    head = new[] { "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "--no-install-recommends" };
                    break;
                case PackageManager.Yum:
                    head = new[] { "yum", "-y", "install" };
                    break;
                default:
                    head = new[] { "dnf", "-y", "install" };
                    break;
            }
            return CommandSpec.Argv(head.Concat(names).ToArray()).WithTimeout(InstallTimeout).For("install the NFS " + RoleWord(Role) + " packages");
        }

        // ---- services -------------------------------------------------------------------------------

        /// <summary>One read-only command that prints "SERVICE ENABLED-STATE ACTIVE-STATE" for each of the plan's services.</summary>
        /// <exception cref="NotSupportedException">The init system is Upstart or unknown.</exception>
        internal CommandSpec ServiceStateQuery()
        {
            string script;
            if (InitSystem == InitSystem.Systemd) script = SystemdStateScript;
            else if (InitSystem == InitSystem.SysVinit) script = family == OsFamily.RedHat ? ChkconfigStateScript : RcLinksStateScript;
            else throw UnmanagedServices();
            return RemoteScripts.Spec(script, Services.ToArray()).For("check the NFS service states");
        }

        /// <summary>
        /// The state of each of the plan's services from the output of <see cref="ServiceStateQuery"/>,
        /// in plan order; a service the output does not mention is reported with unknown states.
        /// </summary>
        internal IReadOnlyList<NfsServiceStatus> ParseServiceStates(string stdout)
        {
            var byName = new Dictionary<string, NfsServiceStatus>(StringComparer.Ordinal);
            foreach (NfsServiceStatus state in ParseStateLines(stdout))
                if (!byName.ContainsKey(state.Service)) byName.Add(state.Service, state);
            return Services
                .Select(s => byName.TryGetValue(s, out NfsServiceStatus? found) ? found : new NfsServiceStatus(s, NfsServiceStatus.UnknownState, NfsServiceStatus.UnknownState))
                .ToArray();
        }

        /// <summary>Every "NAME ENABLED ACTIVE" line of state output, whatever the name; missing fields read as unknown.</summary>
        internal static IReadOnlyList<NfsServiceStatus> ParseStateLines(string stdout)
        {
            var states = new List<NfsServiceStatus>();
            foreach (string line in Lines(stdout))
            {
                string[] f = line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                if (f.Length == 0) continue;
                states.Add(new NfsServiceStatus(f[0], f.Length > 1 ? f[1] : NfsServiceStatus.UnknownState, f.Length > 2 ? f[2] : NfsServiceStatus.UnknownState));
            }
            return states;
        }

        /// <summary>The services among <paramref name="states"/> that are not both enabled and running, plus any plan service the states leave out.</summary>
        internal IReadOnlyList<string> ServicesNeedingWork(IEnumerable<NfsServiceStatus> states)
        {
            if (states is null) throw new ArgumentNullException(nameof(states));
            var done = new HashSet<string>(states.Where(s => !s.NeedsWork).Select(s => s.Service), StringComparer.Ordinal);
            return Services.Where(s => !done.Contains(s)).ToArray();
        }

        /// <summary>
        /// Enables and starts the given services, which must be among <see cref="Services"/>; run in order.
        /// systemd: one <c>systemctl enable --now</c>. RHEL SysV: <c>service X start</c> and <c>chkconfig X on</c> per service.
        /// Debian SysV: <c>service X start</c> and <c>update-rc.d X enable</c> per service. Empty when there is nothing to do.
        /// </summary>
        /// <exception cref="ArgumentException">A name is not one of the plan's services.</exception>
        /// <exception cref="NotSupportedException">The init system is Upstart or unknown.</exception>
        internal IReadOnlyList<CommandSpec> EnableAndStartCommands(IReadOnlyList<string> servicesNeedingWork)
        {
            string[] names = Members(servicesNeedingWork, Services, nameof(servicesNeedingWork), "service");
            if (!CanManageServices) throw UnmanagedServices();
            if (names.Length == 0) return Array.Empty<CommandSpec>();

            if (InitSystem == InitSystem.Systemd)
            {
                return new[]
                {
                    CommandSpec.Argv(new[] { "systemctl", "enable", "--now" }.Concat(names).ToArray())
                        .WithTimeout(ServiceTimeout).For("enable and start the NFS " + RoleWord(Role) + " services"),
                };
            }

            var commands = new List<CommandSpec>();
            foreach (string name in names)
            {
                commands.Add(CommandSpec.Argv("service", name, "start").WithTimeout(ServiceTimeout).For("start " + name));
                commands.Add(family == OsFamily.RedHat
                    ? CommandSpec.Argv("chkconfig", name, "on").For("enable " + name + " at boot")
                    : CommandSpec.Argv("update-rc.d", name, "enable").For("enable " + name + " at boot"));
            }
            return commands;
        }

        // ---- helpers --------------------------------------------------------------------------------

        private NotSupportedException UnmanagedServices() => new NotSupportedException(
            $"Cannot manage the NFS {RoleWord(Role)} services: the host's init system is {InitSystem}. " +
            "Only systemd and SysV init are supported (a container without an init system cannot run them).");

        private static string[] Members(IReadOnlyList<string> names, IReadOnlyList<string> allowed, string parameter, string what)
        {
            if (names is null) throw new ArgumentNullException(parameter);
            foreach (string name in names)
            {
                if (name is null || !allowed.Contains(name))
                    throw new ArgumentException($"'{name}' is not one of this plan's {what}s ({string.Join(", ", allowed)}).", parameter);
            }
            // Plan order, each once: rpcbind before the services that need it.
            var wanted = new HashSet<string>(names, StringComparer.Ordinal);
            return allowed.Where(wanted.Contains).ToArray();
        }

        private static IEnumerable<string> Lines(string? stdout) =>
            (stdout ?? string.Empty).Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0);

        private static string RoleWord(NfsRole role) => role == NfsRole.Server ? "server" : "client";

        private static string Describe(HostFacts facts) =>
            (facts.ComputerName is null ? string.Empty : facts.ComputerName + " (") +
            (facts.OsName ?? facts.OsId ?? "an unrecognised OS") +
            (facts.ComputerName is null ? string.Empty : ")");
    }
}
