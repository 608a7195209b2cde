using System;
using System.Linq;

namespace NfsCinder.Hosts
{
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
