using System;
using System.Collections.Generic;
using System.Linq;
using NfsCinder.Cinder;
using NfsCinder.Execution;
using NfsCinder.Files;

namespace NfsCinder.Nova
{
    /// <summary>What the nova cmdlets decide from, read in one round trip (Scripts/read-nova-host.sh).</summary>
    internal sealed class NovaHostState
    {
        private NovaHostState(string configFile, RemoteFileContent? file, string? pythonBaseDir, SectionedOutput sections)
        {
            ConfigFile = configFile;
            File = file;
            Config = file is { Unreadable: null } ? new NovaConfiguration(IniDocument.Parse(file.Text), pythonBaseDir) : null;
            MountNfs = sections.FirstLine("mount-nfs");
            SelinuxMode = sections.FirstLine("selinux");
            string? value = sections.FirstLine("boolean");
            VirtUseNfs = value == "on" ? true : value == "off" ? false : null;
            QemuDomain = sections.FirstLine("domain");
            DaemonContext = sections.FirstLine("daemon");
            Hypervisor = sections.NonEmptyLines("hypervisor").Select(l => l.Split(new[] { ' ' }, 2))
                .Where(p => p.Length == 2).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.First()[1]);
            Mounts = Nfs.MountTable.ParseProcMounts(sections.Text("mounts") ?? "");
        }

        public string ConfigFile { get; }

        /// <summary>nova.conf as read (with owner, group and mode); null when the host has none.</summary>
        public RemoteFileContent? File { get; }

        /// <summary>What nova.conf means; null when absent or unreadable.</summary>
        public NovaConfiguration? Config { get; }

        /// <summary>Why nova.conf is there but could not be read, or null.</summary>
        public string? Unreadable => File?.Unreadable;

        /// <summary>mount.nfs's path; null when the NFS client is not installed.</summary>
        public string? MountNfs { get; }

        /// <summary>getenforce's word (Enforcing, Permissive, Disabled); null without SELinux tools.</summary>
        public string? SelinuxMode { get; }

        /// <summary>virt_use_nfs now; null when SELinux or the boolean is not there.</summary>
        public bool? VirtUseNfs { get; }

        /// <summary>The context libvirt starts qemu in (virtual_domain_context), or null.</summary>
        public string? QemuDomain { get; }

        /// <summary>The running libvirt daemon's context, or null when none runs.</summary>
        public string? DaemonContext { get; }

        /// <summary>
        /// The context libvirt's daemon runs in: the running one's, else virtd_t in the domain's
        /// user, role and level (the reference policy and Fedora's both run libvirtd and
        /// virtqemud as virtd_t); null without a virt policy.
        /// </summary>
        public string? LibvirtContext
        {
            get
            {
                if (DaemonContext is not null) return DaemonContext;
                string[]? parts = QemuDomain?.Split(':');
                return parts is { Length: >= 4 } ? $"{parts[0]}:{parts[1]}:virtd_t:{string.Join(":", parts.Skip(3))}" : null;
            }
        }

        /// <summary>libvirtd, virtqemud, qemu-system-x86_64, qemu-kvm: the path of each found.</summary>
        public IReadOnlyDictionary<string, string> Hypervisor { get; }

        /// <summary>The host's mount table.</summary>
        public IReadOnlyList<Nfs.MountTableEntry> Mounts { get; }

        public static CommandSpec Query(string configFile) =>
            RemoteScripts.Spec("read-nova-host", configFile, Selinux.VirtBooleans.VirtUseNfs).For($"Reading {configFile}");

        public static NovaHostState Parse(string output, string configFile)
        {
            var sections = SectionedOutput.Parse(output);
            if (!sections.Has("end")) throw new FormatException("The answer ended before its last section.");
            var files = RemoteFile.ParseFiles(sections.Lines("files"));
            if (!files.TryGetValue(configFile, out var file)) throw new FormatException($"No answer for {configFile}.");
            return new NovaHostState(configFile, file, sections.FirstLine("pybasedir"), sections);
        }
    }
}
