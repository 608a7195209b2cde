using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NfsCinder.Execution;

namespace NfsCinder.Nova
{
    /// <summary>
    /// Whether a compute host can mount a share the way nova does and whether qemu's SELinux
    /// domain may open files there: the second round trip of Test-NovaNfsHost
    /// (Scripts/test-nova-shares.sh), one result per share, all within one bound.
    /// </summary>
    internal sealed class NovaShareTest
    {
        /// <summary>Exit codes of a check that ran out of time (timeout's own, or KILL).</summary>
        private static readonly int[] TimedOutCodes = { 124, 137 };

        private NovaShareTest(string share, int exitCode, string? label, IReadOnlyList<string>? access, IReadOnlyList<string>? daemonAccess, string message)
        {
            DaemonAccess = daemonAccess;
            Share = share;
            ExitCode = exitCode;
            Label = label;
            Access = access;
            Message = message;
        }

        public string Share { get; }

        /// <summary>0 mounted and read; 3 the mount point does not answer; 124/137 out of time; else mount.nfs's code.</summary>
        public int ExitCode { get; }

        public bool TimedOut => TimedOutCodes.Contains(ExitCode);

        /// <summary>The SELinux context of the mount's root (nfs_t unless the export is labeled NFS), or null.</summary>
        public string? Label { get; }

        /// <summary>What qemu's domain may do on a file of <see cref="Label"/> (the kernel's decision); null when not asked.</summary>
        public IReadOnlyList<string>? Access { get; }

        /// <summary>What libvirt's daemon may do on such a file (it looks at the file before qemu opens it); null when not asked.</summary>
        public IReadOnlyList<string>? DaemonAccess { get; }

        /// <summary>What mount.nfs or stat printed.</summary>
        public string Message { get; }

        /// <summary>The permissions qemu needs to attach a volume file: open it for reading and writing.</summary>
        internal static readonly string[] AttachPermissions = { "getattr", "open", "read", "write" };

        /// <summary>True when qemu's domain, and libvirt's daemon where asked, hold every permission an attach needs.</summary>
        public bool MayAttach => Access is not null && AttachPermissions.All(p => Access.Contains(p))
            && (DaemonAccess is null || AttachPermissions.Where(p => p != "write").All(p => DaemonAccess.Contains(p)));

        /// <summary>Who is denied: "qemu", "libvirtd" or both, for the message.</summary>
        public string Denied =>
            string.Join(" and ", new[] { Access is not null && !AttachPermissions.All(p => Access.Contains(p)) ? "qemu" : null,
                DaemonAccess is not null && !AttachPermissions.Where(p => p != "write").All(p => DaemonAccess.Contains(p)) ? "libvirtd" : null }.Where(x => x is not null));

        /// <summary>
        /// The options nova mounts a Cinder share with: nova.conf's nfs_mount_options, then the
        /// share's own options that Cinder sends in the connection info (nova's libvirt NFS
        /// volume driver passes both, in that order); null for none.
        /// </summary>
        public static string? MountOptionsFor(string? novaOptions, string? shareOptions)
        {
            var parts = new[] { novaOptions, shareOptions }.Where(o => !string.IsNullOrWhiteSpace(o)).Select(o => o!.Trim()).ToArray();
            return parts.Length == 0 ? null : string.Join(",", parts);
        }

        /// <summary>One share to test: nova's mount point when the share is mounted there already, else null to mount it.</summary>
        internal sealed class Request
        {
            public Request(string share, string? mountedAt, string? options)
            {
                Share = share;
                MountedAt = mountedAt;
                Options = options;
            }

            public string Share { get; }
            public string? MountedAt { get; }
            public string? Options { get; }
        }

        public static CommandSpec Query(IReadOnlyList<Request> requests, string? qemuDomain, string? daemonContext, TimeSpan bound)
        {
            var args = new List<string> { ((int)bound.TotalSeconds).ToString(CultureInfo.InvariantCulture), qemuDomain ?? "-", daemonContext ?? "-" };
            foreach (var r in requests) args.AddRange(new[] { r.MountedAt ?? "-", r.Share, r.Options ?? "-" });
            return RemoteScripts.Spec("test-nova-shares", args.ToArray())
                .WithTimeout(bound + TimeSpan.FromSeconds(30))
                .For("Mounting the shares as nova does");
        }

        public static IReadOnlyList<NovaShareTest> Parse(string output)
        {
            var sections = SectionedOutput.Parse(output);
            if (!sections.Has("end")) throw new FormatException("The answer ended before its last section.");
            var results = new List<NovaShareTest>();
            foreach (var section in sections.WithPrefix("check:"))
            {
                var lines = section.Value;
                if (lines.Count == 0) continue;
                string[] head = lines[0].Split('\t');
                if (head.Length != 2 || !int.TryParse(head[1], NumberStyles.None, CultureInfo.InvariantCulture, out int code))
                    throw new FormatException($"Bad share test line '{lines[0]}'.");
                string? label = null;
                string[]? access = null, daemonAccess = null;
                var message = new List<string>();
                foreach (string line in lines.Skip(1))
                {
                    if (line.StartsWith("label ", StringComparison.Ordinal)) label = line.Substring(6).Trim();
                    else if (line.StartsWith("daemon-access ", StringComparison.Ordinal)) daemonAccess = Permissions(line.Substring(14));
                    else if (line.StartsWith("access ", StringComparison.Ordinal))
                        access = Permissions(line.Substring(7));
                    else if (line.Length > 0) message.Add(line);
                }
                results.Add(new NovaShareTest(head[0], code, label, access, daemonAccess, string.Join(" ", message)));
            }
            return results;
        }

        // compute_av prints "null" for no permission at all.
        private static string[] Permissions(string text) =>
            text.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries).Where(p => p != "null").ToArray();
    }
}
