using System;
using System.Linq;

namespace NfsCinder.Hosts
{
    /// <summary>The broad Linux family a host belongs to, which decides package names and tooling.</summary>
    public enum OsFamily
    {
        /// <summary>Neither family could be recognised.</summary>
        Unknown = 0,

        /// <summary>Red Hat Enterprise Linux and its rebuilds or relatives: CentOS, Rocky, AlmaLinux, Fedora, Oracle Linux.</summary>
        RedHat,

        /// <summary>Debian and its derivatives, including Ubuntu.</summary>
        Debian,
    }

    /// <summary>The specific distribution a host runs, normalised from the os-release ID.</summary>
    public enum LinuxDistribution
    {
        /// <summary>A distribution this module does not name (it may still have a known <see cref="OsFamily"/>).</summary>
        Unknown = 0,

        /// <summary>Red Hat Enterprise Linux (ID <c>rhel</c>).</summary>
        Rhel,

        /// <summary>CentOS Linux or CentOS Stream (ID <c>centos</c>).</summary>
        CentOS,

        /// <summary>Rocky Linux (ID <c>rocky</c>).</summary>
        Rocky,

        /// <summary>AlmaLinux (ID <c>almalinux</c>).</summary>
        Alma,

        /// <summary>Fedora (ID <c>fedora</c>).</summary>
        Fedora,

        /// <summary>Debian (ID <c>debian</c>).</summary>
        Debian,

        /// <summary>Ubuntu (ID <c>ubuntu</c>).</summary>
        Ubuntu,
    }

    /// <summary>How services are managed on the host.</summary>
    public enum InitSystem
    {
        /// <summary>Not recognised, for example a container whose PID 1 is not an init system.</summary>
        Unknown = 0,

        /// <summary>systemd is PID 1 (<c>/run/systemd/system</c> exists); use <c>systemctl</c>.</summary>
        Systemd,

        /// <summary>
        /// SysV rc scripts, driven by <c>service</c> and <c>chkconfig</c>/<c>update-rc.d</c>.
        /// Also reported for RHEL/CentOS 6, whose PID 1 is Upstart 0.6 but whose services are all SysV scripts.
        /// </summary>
        SysVinit,

        /// <summary>Upstart manages services through its own jobs (<c>initctl</c>), as on Ubuntu 14.04.</summary>
        Upstart,
    }

    /// <summary>The package manager to install packages with.</summary>
    public enum PackageManager
    {
        /// <summary>No package manager could be determined.</summary>
        Unknown = 0,

        /// <summary><c>apt-get</c> (Debian family).</summary>
        Apt,

        /// <summary><c>yum</c> (RHEL/CentOS 7 and earlier, Fedora before 22).</summary>
        Yum,

        /// <summary><c>dnf</c> (RHEL-likes 8 and later, Fedora 22 and later).</summary>
        Dnf,
    }

    /// <summary>The SELinux state of the running system.</summary>
    public enum SELinuxMode
    {
        /// <summary>No trace of SELinux: no <c>getenforce</c>, no selinuxfs, no <c>/etc/selinux/config</c>.</summary>
        NotInstalled = 0,

        /// <summary>SELinux is present on the host but not active.</summary>
        Disabled,

        /// <summary>SELinux is active and logs denials without enforcing them.</summary>
        Permissive,

        /// <summary>SELinux is active and enforcing its policy.</summary>
        Enforcing,
    }

    /// <summary>
    /// Facts about one Linux host, gathered in a single round trip by <see cref="HostProbe.Script"/>
    /// and read by <see cref="HostProbe.Parse(string)"/>.
    /// </summary>
    public sealed class HostFacts
    {
        private string[] installedPackages = Array.Empty<string>();

        /// <summary>The host label of the session the facts were gathered through; set by the caller.</summary>
        public string? ComputerName { get; set; }

        /// <summary>The os-release <c>ID</c>, lower case (for example <c>rocky</c>, <c>ubuntu</c>), or the ID derived from <c>/etc/redhat-release</c>.</summary>
        public string? OsId { get; set; }

        /// <summary>The os-release <c>PRETTY_NAME</c>, or the <c>/etc/redhat-release</c> line on hosts without os-release.</summary>
        public string? OsName { get; set; }

        /// <summary>The os-release <c>VERSION_ID</c> (for example <c>9.4</c>, <c>22.04</c>), or the release number from <c>/etc/redhat-release</c> (for example <c>6.10</c>).</summary>
        public string? OsVersion { get; set; }

        /// <summary>The major part of <see cref="OsVersion"/>, or null when it has none.</summary>
        public int? OsMajorVersion { get; set; }

        /// <summary>The distribution family, from the os-release <c>ID</c> and then <c>ID_LIKE</c>.</summary>
        public OsFamily Family { get; set; }

        /// <summary>The distribution, normalised from the os-release <c>ID</c>.</summary>
        public LinuxDistribution Distribution { get; set; }

        /// <summary>How services are managed on the host.</summary>
        public InitSystem Init { get; set; }

        /// <summary>The package manager to use: the one the distribution and version call for, confirmed against the binaries found on the host.</summary>
        public PackageManager PackageManager { get; set; }

        /// <summary>The running SELinux mode.</summary>
        public SELinuxMode SELinux { get; set; }

        /// <summary>The uid of the <c>cinder</c> user, or null when the host has no such user.</summary>
        public int? CinderUid { get; set; }

        /// <summary>The primary gid of the <c>cinder</c> user, or null when the host has no such user.</summary>
        public int? CinderGid { get; set; }

        /// <summary>The packages of interest (NFS, rpcbind, Cinder, SELinux tooling) that are installed, sorted by name.</summary>
        public string[] InstalledPackages
        {
            get => installedPackages;
            set => installedPackages = value ?? Array.Empty<string>();
        }

        /// <summary>The host's own name (<c>uname -n</c>), which may differ from the address connected to.</summary>
        public string? HostName { get; set; }

        /// <summary>The running kernel (<c>uname -r</c>).</summary>
        public string? KernelRelease { get; set; }

        /// <summary>True when the probe ran as uid 0.</summary>
        public bool IsRoot { get; set; }

        /// <summary>True when an NFS server package is installed (<c>nfs-utils</c> or <c>nfs-kernel-server</c>).</summary>
        public bool HasNfsServer => HasAny("nfs-utils", "nfs-kernel-server");

        /// <summary>True when an NFS client package is installed (<c>nfs-utils</c> or <c>nfs-common</c>).</summary>
        public bool HasNfsClient => HasAny("nfs-utils", "nfs-common");

        /// <summary>True when the Cinder volume service is installed (<c>openstack-cinder</c> or <c>cinder-volume</c>).</summary>
        public bool HasCinderVolume => HasAny("openstack-cinder", "cinder-volume");

        /// <summary>Whether the named package is among <see cref="InstalledPackages"/>.</summary>
        /// <param name="name">A package name, compared exactly.</param>
        public bool HasPackage(string name) => Array.IndexOf(installedPackages, name) >= 0;

        /// <inheritdoc />
        public override string ToString() =>
            $"{ComputerName ?? "(host)"}: {OsName ?? OsId ?? "unknown OS"} [{Family}/{Distribution} {OsVersion}, {Init}, {PackageManager}, SELinux {SELinux}]";

        private bool HasAny(params string[] names) => names.Any(HasPackage);
    }
}
