using System;
using System.Collections.Generic;
using System.Linq;
using NfsCinder.Cinder;

namespace NfsCinder.Nova
{
    /// <summary>
    /// Test-NovaNfsHost's verdicts from what the compute host told (NovaHostState) and how each
    /// share fared (NovaShareTest): one place for what counts as Pass, Warn or Fail there.
    /// </summary>
    internal static class NovaHostChecks
    {
        private const string EnableVirtUseNfs = "Enable-VirtUseNfs -Session $compute";

        /// <summary>One share to test on the host and the backends that list it.</summary>
        internal sealed class Share
        {
            public Share(CinderNfsShare share, IReadOnlyList<CinderNfsBackend> backends)
            {
                Value = share;
                Backends = backends;
            }

            public CinderNfsShare Value { get; }
            public IReadOnlyList<CinderNfsBackend> Backends { get; }
            public string[] BackendNames => Backends.Select(b => b.BackendName).Distinct().ToArray();
        }

        /// <summary>The shares of the backends, once each (a share two backends list is tested once).</summary>
        public static IReadOnlyList<Share> SharesOf(IEnumerable<CinderNfsBackend> backends) =>
            backends.SelectMany(b => b.Shares.Select(s => (Share: s, Backend: b)))
                .GroupBy(x => x.Share.Share + " " + (x.Share.MountOptions ?? ""), StringComparer.Ordinal)
                .Select(g => new Share(g.First().Share, g.Select(x => x.Backend).ToList()))
                .ToList();

        /// <summary>What is mounted at nova's mount point of the share, or null.</summary>
        public static string? NovaMountOf(NovaHostState state, string share)
        {
            string? mountBase = state.Config?.MountPointBase;
            if (mountBase is null) return null;
            string mountPoint = Nfs.NfsShareAddress.MountPointOf(share, mountBase);
            var entry = state.Mounts.LastOrDefault(m => m.MountPoint == mountPoint);
            return entry is not null && entry.FsType.StartsWith("nfs", StringComparison.Ordinal) ? mountPoint : null;
        }

        /// <summary>Whether SELinux confines anything now (Enforcing) or only logs (Permissive).</summary>
        private static bool SelinuxActive(NovaHostState state) =>
            state.SelinuxMode is "Enforcing" or "Permissive";

        /// <summary>The host-wide checks, from the read alone.</summary>
        public static IEnumerable<NovaHostCheck> Host(NovaHostState state, IReadOnlyCollection<CinderNfsBackend> backends)
        {
            if (state.Unreadable is { } why)
                yield return new NovaHostCheck("NovaConfiguration", state.ConfigFile, CheckStatus.Fail, $"{state.ConfigFile} cannot be read: {why}.", "Open the session as root or with -UseSudo.");
            else if (state.Config is null)
                yield return new NovaHostCheck("NovaConfiguration", state.ConfigFile, CheckStatus.Warn, $"{state.ConfigFile} does not exist: this host runs no nova-compute, so shares were mounted with nova's defaults.", "Install nova-compute on this host, or run this on a compute host.");
            else if (state.Config.MountPointBase is not { } mountBase)
                yield return new NovaHostCheck("NovaConfiguration", state.ConfigFile, CheckStatus.Fail, $"nfs_mount_point_base in {state.ConfigFile} cannot be resolved (an unknown $name in it or in state_path).", "Set-NovaNfsSetting -Session $compute -MountPointBase <absolute path>");
            else
                yield return new NovaHostCheck("NovaConfiguration", state.ConfigFile, CheckStatus.Pass,
                    $"nova mounts NFS volumes under {mountBase} with {(state.Config.MountOptions is { } o ? "-o " + o : "mount.nfs's defaults")}.");

            yield return state.MountNfs is { } helper
                ? new NovaHostCheck("NfsClient", helper, CheckStatus.Pass, $"{helper} is installed.")
                : new NovaHostCheck("NfsClient", "mount.nfs", CheckStatus.Fail, "mount.nfs is not installed: nova cannot mount any Cinder NFS volume on this host.", "Install-NfsClient -Session $compute");

            bool daemon = state.Hypervisor.ContainsKey("libvirtd") || state.Hypervisor.ContainsKey("virtqemud");
            bool qemu = state.Hypervisor.ContainsKey("qemu-system-x86_64") || state.Hypervisor.ContainsKey("qemu-kvm");
            yield return daemon && qemu
                ? new NovaHostCheck("Hypervisor", null, CheckStatus.Pass, "libvirt and qemu are installed: " + string.Join(", ", state.Hypervisor.Values) + ".")
                : new NovaHostCheck("Hypervisor", null, CheckStatus.Warn, $"{(daemon ? "qemu" : "libvirt's daemon")} is not installed here: this host cannot run nova's libvirt driver.", "Install nova-compute with its libvirt driver on this host.");

            if (state.SelinuxMode is null or "Disabled")
            {
                yield return new NovaHostCheck("SELinux", null, CheckStatus.Pass, state.SelinuxMode is null ? "SELinux is not installed: nothing confines qemu." : "SELinux is disabled: nothing confines qemu.");
            }
            else
            {
                yield return state.SelinuxMode == "Enforcing"
                    ? new NovaHostCheck("SELinux", null, CheckStatus.Pass, $"SELinux is enforcing; qemu runs as {state.QemuDomain ?? "the policy's virt domain"}.")
                    : new NovaHostCheck("SELinux", null, CheckStatus.Warn, "SELinux is permissive: denials are logged, not enforced, so an attach that works now fails once it enforces.", "Enable-VirtUseNfs -Session $compute before enforcing (setenforce 1)");
                yield return state.VirtUseNfs switch
                {
                    true => new NovaHostCheck("VirtUseNfs", "virt_use_nfs", CheckStatus.Pass, "virt_use_nfs is on: qemu and libvirtd may use files on NFS."),
                    false => new NovaHostCheck("VirtUseNfs", "virt_use_nfs", state.SelinuxMode == "Enforcing" ? CheckStatus.Fail : CheckStatus.Warn,
                        "virt_use_nfs is off: SELinux denies qemu and libvirtd the volume files on NFS, so every attach of a Cinder NFS volume fails.", EnableVirtUseNfs),
                    null => new NovaHostCheck("VirtUseNfs", "virt_use_nfs", CheckStatus.Warn, "The policy has no virt_use_nfs boolean (no virt module): it cannot be told to let qemu use NFS.", "Install the policy's virt module (selinux-policy-targeted or the distribution's equivalent)."),
                };
            }

            if (backends.Count > 0 && state.Config is { } config)
            {
                foreach (var group in backends.GroupBy(b => Normalize(b.MountOptions), StringComparer.Ordinal))
                {
                    var names = group.Select(b => b.BackendName).Distinct().ToArray();
                    string target = string.Join(", ", names);
                    string? cinder = group.First().MountOptions;
                    var check = Normalize(config.MountOptions) == group.Key
                        ? new NovaHostCheck("MountOptions", target, CheckStatus.Pass, $"nova mounts with the options Cinder's backend uses ({cinder ?? "none"}).")
                        : new NovaHostCheck("MountOptions", target, CheckStatus.Warn,
                            $"nova mounts with {config.MountOptions ?? "no options"} and Cinder's backend with {cinder ?? "no options"}: the two hosts may mount the share with different NFS versions or semantics.",
                            "Get-CinderNfsBackend -Session $cinder | Set-NovaNfsSetting -Session $compute");
                    check.BackendName = names;
                    yield return check;
                }
            }
        }

        /// <summary>The per-share checks from the mount test.</summary>
        public static IEnumerable<NovaHostCheck> Shares(NovaHostState state, IReadOnlyList<Share> shares, IReadOnlyList<NovaShareTest> tests, TimeSpan bound)
        {
            foreach (var share in shares)
            {
                string name = share.Value.Share;
                var test = tests.FirstOrDefault(t => t.Share == name);
                string? mountedAt = NovaMountOf(state, name);
                NovaHostCheck mount;
                if (test is null)
                    mount = new NovaHostCheck("ShareMountable", name, CheckStatus.Fail, "The host gave no answer for this share.", "Run the command again with -Verbose.");
                else if (test.TimedOut)
                    mount = new NovaHostCheck("ShareMountable", name, CheckStatus.Fail, $"No answer from the NFS server within {bound.TotalSeconds:0} s.", $"Get-NfsRemoteExport -Session $compute -Server {share.Value.Server}");
                else if (test.ExitCode == 0)
                    mount = new NovaHostCheck("ShareMountable", name, CheckStatus.Pass, mountedAt is not null ? $"mounted by nova at {mountedAt} and answering." : "mounted and read as nova would mount it, then unmounted.");
                else if (test.ExitCode == 3)
                    mount = new NovaHostCheck("ShareMountable", name, CheckStatus.Fail, $"nova's mount at {mountedAt} does not answer: {test.Message}", $"Dismount-NfsShare -Session $compute -MountPath {mountedAt} -Force");
                else
                    mount = new NovaHostCheck("ShareMountable", name, CheckStatus.Fail, $"mount.nfs failed ({test.ExitCode}): {test.Message}", MountRemedy(test.Message, share.Value));
                mount.BackendName = share.BackendNames;
                yield return mount;

                var attach = DryAttach(state, name, test);
                attach.BackendName = share.BackendNames;
                yield return attach;
            }
        }

        private static NovaHostCheck DryAttach(NovaHostState state, string share, NovaShareTest? test)
        {
            if (!SelinuxActive(state))
                return new NovaHostCheck("DryAttach", share, CheckStatus.Pass, "SELinux does not confine qemu here: nothing stops it opening volume files on this share.");
            if (test is null || test.ExitCode != 0)
                return new NovaHostCheck("DryAttach", share, CheckStatus.Fail, "Not tried: the share could not be mounted.", "Fix ShareMountable first.");
            if (test.Access is null || test.Label is null)
                return new NovaHostCheck("DryAttach", share, CheckStatus.Warn, "Not tried: this host has no compute_av (selinux-utils) or no virtual_domain_context to ask the kernel with.", "Install selinux-utils on this host.");
            string needs = string.Join(", ", NovaShareTest.AttachPermissions);
            if (test.MayAttach)
                return new NovaHostCheck("DryAttach", share, CheckStatus.Pass, $"the kernel lets {state.QemuDomain} {needs} files labeled {test.Label} on this share, as an attach needs.");
            return new NovaHostCheck("DryAttach", share, state.SelinuxMode == "Enforcing" ? CheckStatus.Fail : CheckStatus.Warn,
                $"the kernel denies {test.Denied} ({state.QemuDomain}{(state.DaemonContext is { } d ? ", " + d : "")}) {needs} on files labeled {test.Label}: an attach from this share fails.",
                EnableVirtUseNfs);
        }

        private static string MountRemedy(string message, CinderNfsShare share)
        {
            if (message.IndexOf("access denied by server", StringComparison.OrdinalIgnoreCase) >= 0)
                return $"Set-NfsExport -Session $nfs -Path {share.ExportPath} -AddClient '<address of this host>(rw,sync,no_subtree_check)' -Apply";
            if (message.IndexOf("incorrect mount option", StringComparison.OrdinalIgnoreCase) >= 0)
                return "Get-CinderNfsBackend -Session $cinder | Set-NovaNfsSetting -Session $compute, or Set-NovaNfsSetting -Session $compute -MountOptions <options mount.nfs accepts>";
            if (message.IndexOf("version or transport protocol is not supported", StringComparison.OrdinalIgnoreCase) >= 0)
                return "Set-NovaNfsSetting -Session $compute -MountOptions vers=<a version the server serves>";
            return $"Get-NfsRemoteExport -Session $compute -Server {share.Server}";
        }

        // Options as a set: "vers=4.1,timeo=600" equals "timeo=600, vers=4.1".
        private static string Normalize(string? options) =>
            options is null ? "" : string.Join(",", options.Split(',').Select(o => o.Trim()).Where(o => o.Length > 0).OrderBy(o => o, StringComparer.Ordinal));
    }
}
