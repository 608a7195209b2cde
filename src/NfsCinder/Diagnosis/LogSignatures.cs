using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace NfsCinder.Diagnosis
{
    /// <summary>
    /// Finds the known failures of Cinder volumes on NFS in log lines: nova-compute, cinder-volume,
    /// audit.log and the kernel journal. Every signature first looks for cheap literal anchors
    /// (ordinal, case-insensitive); only lines holding one reach its regex, so a clean
    /// 100k-line log costs a few substring searches per line.
    /// </summary>
    internal static class LogSignatures
    {
        internal const int MaxEvidenceLength = 500;

        private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

        private const string EnableVirtUseNfs = "Enable-VirtUseNfs -Session $compute";
        private const string TestBackend = "Test-CinderNfsBackend -Session $cinder";

        // SELinux: the target is an NFS file and the source is qemu/libvirt (not httpd reading NFS homes).
        private static readonly Regex NfsTarget = new Regex(@"\btcontext=\S*:nfs_t\b", Options);
        private static readonly Regex QemuComm = new Regex(@"\bcomm=""?qemu[\w.\-]*", Options);
        private static readonly Regex VirtSource = new Regex(
            @"\bscontext=\S*:(?:svirt\w*|virt\w*_t)\b|\bcomm=""?(?:qemu[\w.\-]*|libvirtd|virtqemud|virtstoraged)\b", Options);

        // Values lifted from the evidence line into the Fix placeholders.
        private static readonly Regex NamedServer = new Regex(
            @"\b(?:nfs|lockd): server (?<server>[^\s,]+)|\bshowmount -e (?<server>[^\s:,]+)", Options);
        private static readonly Regex ShareRef = new Regex(
            @"(?<![\w.\-:/@])(?<server>\[[0-9a-f:.]+\]|[a-z0-9][\w.\-]*):(?<path>/(?!/)[^\s'"",;)]*)", Options);
        internal static readonly Regex MountPoint = new Regex(@"/[\w.\-/]*?/mnt/[0-9a-f]{32}\b", Options);

        // Line prefixes: oslo.log "2026-11-24 14:41:54.120", journalctl short-iso(-precise), audit records.
        private static readonly Regex IsoPrefix = new Regex(
            @"^\s*(?<d>\d{4}-\d{2}-\d{2})[ T](?<t>\d{2}:\d{2}:\d{2})(?:[.,](?<f>\d{1,9}))?(?<z>Z|[+-]\d{2}:?\d{2})?(?![\d:])",
            RegexOptions.CultureInvariant);
        private static readonly Regex AuditStamp = new Regex(@"\baudit\((?<s>\d{1,12})(?:\.(?<f>\d{1,9}))?:\d+\)", RegexOptions.CultureInvariant);

        private static readonly Signature[] All =
        {
            new Signature("DriveAddFailed", LogFindingSeverity.Error,
                new[] { "redhat_drive_add", "could not be initialized" },
                @"QEMU command '__com\.redhat_drive_add'|\bDevice 'drive-[^']*' could not be initialized",
                "QEMU could not open the volume file on the NFS mount because SELinux forbids qemu/libvirt to use NFS files (virt_use_nfs is off).",
                EnableVirtUseNfs),
            new Signature("BlockdevAddDenied", LogFindingSeverity.Error,
                new[] { "blockdev-add", "could not open" },
                @"\bblockdev-add\b.*?\bCould not open\b.*?\bPermission denied|\bCould not open '[^']*/nova/mnt/[^']*': Permission denied",
                "QEMU was denied opening the volume file on the NFS mount (blockdev-add), as libvirt reports it when SELinux boolean virt_use_nfs is off.",
                EnableVirtUseNfs),
            new Signature("SelinuxNfsDenied", LogFindingSeverity.Error,
                new[] { "avc:" },
                @"\bavc:\s+denied\s+\{[^}]*\}",
                "SELinux denied a qemu/libvirt process access to a file on NFS (type nfs_t) because the virt_use_nfs boolean is off.",
                EnableVirtUseNfs,
                confirm: line => VirtSource.IsMatch(line)
                    && (NfsTarget.IsMatch(line) || (QemuComm.IsMatch(line) && line.IndexOf("nfs", StringComparison.OrdinalIgnoreCase) >= 0))),
            new Signature("LibvirtAccessDenied", LogFindingSeverity.Error,
                new[] { "unable to access" },
                @"\bUnable to access '?/[^\s']*?/mnt/[0-9a-f]{32}/[^\s']*'?: Permission denied",
                "libvirtd was denied even looking at the volume file on nova's NFS mount, as Debian's policy reports it: SELinux confines libvirtd (virtd_t) like qemu on NFS files, both allowed only by the virt_use_nfs boolean.",
                EnableVirtUseNfs),
            new Signature("SecureIndicatorFailed", LogFindingSeverity.Error,
                new[] { "secure environment indicator" },
                @"\bFailed to creat(?:ed?|ing) Cinder secure environment indicator file",
                "The cinder user cannot write to the root of the NFS share (export directory not owned by cinder, or root squashed), so Cinder could not create its .cinderSecureEnvIndicator file.",
                "New-NfsExport -Session $nfs -Path <export path> -Client <cinder host> -Owner cinder -Group cinder -Apply"),
            new Signature("RevertedToNonSecure", LogFindingSeverity.Warning,
                new[] { "non-secure mode" },
                @"\bReverting to non-secure mode\b",
                "With nas_secure_file_operations/permissions left at 'auto' and the share not writable by cinder, Cinder fell back to root file operations and world-writable volume files.",
                "Set-CinderNfsBackend -Session $cinder -BackendName <backend> -NasSecureFileOperations false -NasSecureFilePermissions false"),
            new Signature("MountNfsMissing", LogFindingSeverity.Error,
                new[] { "mount.nfs", "mount.<type>" },
                @"\bmount\.nfs is not installed\b|\bneed a /sbin/mount\.<type> helper program",
                "The NFS client tools (mount.nfs from nfs-utils or nfs-common) are not installed on the Cinder volume host, so no share can be mounted.",
                "Install-NfsClient -Session $cinder"),
            new Signature("NoMountedShares", LogFindingSeverity.Error,
                new[] { "no mounted nfs shares", "NfsNoSharesMounted" },
                @"\bNo mounted NFS shares found\b|\bNfsNoSharesMounted\b",
                "Cinder could not mount any share listed in nfs_shares_config (server unreachable, export not allowed for this host, or a bad share line), so it has nowhere to put volumes.",
                TestBackend),
            new Signature("RpcNotRegistered", LogFindingSeverity.Error,
                new[] { "program not registered" },
                @"\bRPC:\s*Program not registered\b",
                "The NFS server's rpcbind answers but mountd/nfsd are not registered with it, meaning the NFS server service is not running.",
                "Install-NfsServer -Session $nfs; Get-NfsRemoteExport -Session $cinder -Server <server>"),
            new Signature("StaleFileHandle", LogFindingSeverity.Error,
                new[] { "stale", "errno 116", "estale" },
                @"\bStale (?:NFS )?file handle\b|\[Errno 116\]|\bESTALE\b",
                "The NFS mount points at a file or export that was removed or re-exported on the server (ESTALE), so it must be unmounted and mounted again.",
                "Dismount-NfsShare -Session $cinder -MountPath <mount point> -Force; Restart-CinderVolumeService -Session $cinder",
                fixFor: StaleFixOnCompute),
            new Signature("DriverNotInitialized", LogFindingSeverity.Warning,
                new[] { "initialized", "not ready", "initialize driver", "initialization of driver" },
                @"\bDriverNotInitialized\b|\bVolume driver not ready\b|\bVolume driver \S+ not initialized\b"
                    + @"|\bUpdate driver status failed:.*?\bis uninitialized\b|\bdriver isn't initialized properly\b"
                    + @"|\bFailed to initialize driver\b|\bError encountered during initialization of driver\b",
                "The Cinder volume driver failed during setup (look at the first error after the service started), so the backend refuses volume operations until it is fixed and cinder-volume restarted.",
                TestBackend),
            new Signature("DefaultLayoutRefused", LogFindingSeverity.Error,
                new[] { "enabled_backends" },
                @"\bdoes not specify ""enabled_backends""",
                "cinder.conf configures the volume driver in [DEFAULT] without enabled_backends (the seed's layout), which cinder-volume refuses since Cinder 10.0 (Ocata): it exits at once and no backend starts.",
                "Set-CinderNfsBackend -Session $cinder -BackendName nfs -Restart (moves the NFS backend into [nfs] and enabled_backends)"),
            new Signature("MultipleVersionOptions", LogFindingSeverity.Warning,
                new[] { "multiple version options" },
                @"\bmultiple version options not permitted\b",
                "mount.nfs refused a mount whose options name the NFS version twice: a share's own vers= on top of the backend's (or of os-brick's own vers=4,minorversion=2 and 4.1, tried first when nfs_mount_options names none).",
                "Give the version once: Set-CinderNfsBackend -Session $cinder -BackendName <backend> -MountOptions vers=<version>, with shares that name none of their own"),
            new Signature("SnapshotsNeedInsecureOperations", LogFindingSeverity.Error,
                new[] { "snapshots are not supported with nas_secure_file_operations" },
                @"\bSnapshots are not supported with nas_secure_file_operations enabled\b",
                "nfs_snapshot_support is true while nas_secure_file_operations is true or auto, and the NfsDriver refuses to start with both.",
                "Set-CinderNfsBackend -Session $cinder -BackendName <backend> -NasSecureFileOperations false -Restart (or -SnapshotSupport $false)"),
            new Signature("MountAttemptsExhausted", LogFindingSeverity.Error,
                new[] { "mount failure for" },
                @"\bMount failure for \S+ after \d+ attempts\b",
                "Cinder gave up mounting a share after nfs_mount_attempts tries (the server unreachable, the export not allowed for this host, or options the server refuses).",
                TestBackend),
            new Signature("MountAccessDenied", LogFindingSeverity.Error,
                new[] { "access denied by server" },
                @"\baccess denied by server while mounting (?<share>\S+?)(?:\\n|'|""|\s|$)",
                "The NFS server refused the mount: /etc/exports does not allow this host (or the export does not exist), so this host cannot use the share.",
                "Set-NfsExport -Session $nfs -Path <export path> -AddClient '<address of this host>(rw,sync,no_subtree_check)' -Apply"),
            new Signature("MountOptionIncorrect", LogFindingSeverity.Error,
                new[] { "incorrect mount option" },
                @"\ban incorrect mount option was specified\b",
                "mount.nfs refused the mount options (a misspelled or unknown option, or one this kernel lacks), so no volume on this share can be attached or created.",
                "Set-CinderNfsBackend -Session $cinder -BackendName <backend> -MountOptions <options mount.nfs accepts>",
                fixFor: line => OnCompute(line) ? "Set-NovaNfsSetting -Session $compute -MountOptions <options mount.nfs accepts> (or -Backend from Get-CinderNfsBackend)" : null),
            new Signature("NfsVersionNotSupported", LogFindingSeverity.Error,
                new[] { "version or transport protocol is not supported" },
                @"\brequested NFS version or transport protocol is not supported\b",
                "The NFS server does not serve the NFS version (or transport) the mount asked for with vers= or proto=, so the share cannot be mounted with these options.",
                "Set-CinderNfsBackend -Session $cinder -BackendName <backend> -MountOptions vers=<a version the server serves>",
                fixFor: line => OnCompute(line) ? "Set-NovaNfsSetting -Session $compute -MountOptions vers=<a version the server serves>" : null),
            new Signature("NfsServerNotResponding", LogFindingSeverity.Warning,
                new[] { "not responding" },
                @"\b(?:nfs|lockd): server \S+ not responding\b",
                "The kernel NFS client lost contact with the NFS server, and every process touching that mount hangs until the server answers again.",
                "Get-NfsRemoteExport -Session $cinder -Server <server>"),
        };

        /// <summary>Every literal a matching line must hold (case-insensitive): the host-side grep -F filter.</summary>
        internal static IReadOnlyList<string> Anchors => All.SelectMany(s => s.Anchors).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();

        /// <summary>Stable ids of all signatures, in the order they are tried.</summary>
        internal static IReadOnlyList<string> SignatureIds { get; } = All.Select(s => s.Id).ToArray();

        /// <summary>
        /// One finding per signature that matched at least once, with the last matching line as
        /// evidence and the number of matching lines, ordered by evidence line number.
        /// </summary>
        internal static IReadOnlyList<LogFinding> Scan(string logFile, IEnumerable<string> lines)
        {
            if (lines is null) throw new ArgumentNullException(nameof(lines));
            return ScanNumbered(logFile, lines.Select((line, i) => new KeyValuePair<int, string>(i + 1, line)));
        }

        /// <summary>
        /// <see cref="Scan"/> over lines that carry their own line numbers: a host pre-filters a
        /// big log with grep -n on <see cref="Anchors"/> and sends only those lines.
        /// </summary>
        internal static IReadOnlyList<LogFinding> ScanNumbered(string logFile, IEnumerable<KeyValuePair<int, string>> numberedLines)
        {
            if (logFile is null) throw new ArgumentNullException(nameof(logFile));
            if (numberedLines is null) throw new ArgumentNullException(nameof(numberedLines));

            var hits = new Hit?[All.Length];
            foreach (var numbered in numberedLines)
            {
                int lineNumber = numbered.Key;
                string line = numbered.Value ?? "";
                for (int i = 0; i < All.Length; i++)
                {
                    Match? m = All[i].Match(line);
                    if (m is null) continue;
                    Hit hit = hits[i] ??= new Hit();
                    hit.Count++;
                    hit.LineNumber = lineNumber;
                    hit.Line = line;
                    hit.Index = m.Index;
                    hit.Length = m.Length;
                }
            }

            var findings = new List<LogFinding>();
            for (int i = 0; i < All.Length; i++)
            {
                Hit? hit = hits[i];
                if (hit is null) continue;
                Signature s = All[i];
                findings.Add(new LogFinding(
                    logFile, hit.LineNumber, ParseTimestamp(hit.Line), s.Id, s.Severity,
                    Evidence(hit.Line, hit.Index, hit.Length), s.Cause, s.FixFor(hit.Line), hit.Count));
            }
            return findings.OrderBy(f => f.LineNumber).ToArray(); // OrderBy is stable: ties keep signature order
        }

        /// <summary><see cref="Scan"/> over a whole file's text (LF or CRLF).</summary>
        internal static IReadOnlyList<LogFinding> ScanText(string logFile, string text) =>
            Scan(logFile, SplitLines(text ?? throw new ArgumentNullException(nameof(text))));

        private static IEnumerable<string> SplitLines(string text)
        {
            int start = 0;
            while (start < text.Length)
            {
                int nl = text.IndexOf('\n', start);
                int end = nl < 0 ? text.Length : nl;
                yield return text.Substring(start, end > start && text[end - 1] == '\r' ? end - start - 1 : end - start);
                if (nl < 0) yield break;
                start = nl + 1;
            }
        }

        /// <summary>Time on the line: an ISO/oslo prefix at its start, else an audit(epoch) stamp anywhere.</summary>
        internal static DateTime? ParseTimestamp(string line)
        {
            Match iso = IsoPrefix.Match(line);
            if (iso.Success
                && DateTime.TryParseExact(iso.Groups["d"].Value + " " + iso.Groups["t"].Value, "yyyy-MM-dd HH:mm:ss",
                    CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime local))
            {
                local = local.AddTicks(FractionTicks(iso.Groups["f"].Value));
                string zone = iso.Groups["z"].Value;
                if (zone.Length == 0) return local;
                if (zone == "Z" || zone == "z") return DateTime.SpecifyKind(local, DateTimeKind.Utc);
                string digits = zone.Replace(":", "");
                var offset = new TimeSpan(int.Parse(digits.Substring(1, 2), CultureInfo.InvariantCulture),
                    int.Parse(digits.Substring(3, 2), CultureInfo.InvariantCulture), 0);
                return DateTime.SpecifyKind(zone[0] == '-' ? local + offset : local - offset, DateTimeKind.Utc);
            }

            Match audit = AuditStamp.Match(line);
            if (audit.Success && long.TryParse(audit.Groups["s"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds)
                && seconds <= 253402300799L)
            {
                return new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc)
                    .AddTicks(seconds * TimeSpan.TicksPerSecond + FractionTicks(audit.Groups["f"].Value));
            }
            return null;
        }

        private static long FractionTicks(string digits) =>
            digits.Length == 0 ? 0 : long.Parse((digits + "0000000").Substring(0, 7), CultureInfo.InvariantCulture);

        /// <summary>The trimmed line, or at most <see cref="MaxEvidenceLength"/> characters of it that include the match.</summary>
        internal static string Evidence(string line, int index, int length)
        {
            int start = 0, end = line.Length;
            while (start < end && char.IsWhiteSpace(line[start])) start++;
            while (end > start && char.IsWhiteSpace(line[end - 1])) end--;
            if (end - start <= MaxEvidenceLength) return line.Substring(start, end - start);

            const string Ellipsis = "...";
            int matchEnd = Math.Min(index + length, end);
            if (matchEnd - start <= MaxEvidenceLength - Ellipsis.Length)
                return line.Substring(start, MaxEvidenceLength - Ellipsis.Length) + Ellipsis;

            int body = MaxEvidenceLength - 2 * Ellipsis.Length;
            int windowStart = Math.Max(start, Math.Min(index - 100, matchEnd - body / 2));
            if (matchEnd > windowStart + body) windowStart = matchEnd - body;
            int windowEnd = Math.Min(end, windowStart + body);
            return (windowStart > start ? Ellipsis : "") + line.Substring(windowStart, windowEnd - windowStart)
                + (windowEnd < end ? Ellipsis : "");
        }

        /// <summary>Fills the Fix placeholders with the server, export and mount point the line names.</summary>
        private static string FillPlaceholders(string fix, string line)
        {
            if (fix.IndexOf('<') < 0) return fix;
            Match named = NamedServer.Match(line);
            Match share = ShareRef.Match(line);
            if (named.Success) fix = fix.Replace("<server>", named.Groups["server"].Value);
            if (share.Success)
            {
                fix = fix.Replace("<server>", share.Groups["server"].Value)
                    .Replace("<export path>", share.Groups["path"].Value.TrimEnd('.'));
            }
            Match mount = MountPoint.Match(line);
            return mount.Success ? fix.Replace("<mount point>", mount.Value) : fix;
        }

        // The mount point on the line says whose mount failed: nova's base holds "/nova/".
        private static bool OnCompute(string line)
        {
            Match mount = MountPoint.Match(line);
            return mount.Success && mount.Value.IndexOf("/nova/", StringComparison.OrdinalIgnoreCase) >= 0;
        }

        // A stale handle under nova's mount base is the compute host's mount: nova mounts it again on the next attach.
        private static string? StaleFixOnCompute(string line)
        {
            Match mount = MountPoint.Match(line);
            return mount.Success && mount.Value.IndexOf("/nova/", StringComparison.OrdinalIgnoreCase) >= 0
                ? $"Dismount-NfsShare -Session $compute -MountPath {mount.Value} -Force"
                : null;
        }

        private sealed class Hit
        {
            internal int Count;
            internal int LineNumber;
            internal string Line = "";
            internal int Index;
            internal int Length;
        }

        private sealed class Signature
        {
            private readonly string[] _anchors;
            private readonly Regex _pattern;
            private readonly Func<string, bool>? _confirm;
            private readonly string _fix;
            private readonly Func<string, string?>? _fixFor;

            internal Signature(string id, LogFindingSeverity severity, string[] anchors, string pattern, string cause, string fix,
                Func<string, bool>? confirm = null, Func<string, string?>? fixFor = null)
            {
                Id = id;
                Severity = severity;
                Cause = cause;
                _anchors = anchors;
                _pattern = new Regex(pattern, Options);
                _confirm = confirm;
                _fix = fix;
                _fixFor = fixFor;
            }

            internal string Id { get; }
            internal IReadOnlyList<string> Anchors => _anchors;
            internal LogFindingSeverity Severity { get; }
            internal string Cause { get; }

            internal Match? Match(string line)
            {
                bool anchored = false;
                foreach (string anchor in _anchors)
                {
                    if (line.IndexOf(anchor, StringComparison.OrdinalIgnoreCase) >= 0) { anchored = true; break; }
                }
                if (!anchored) return null;
                Match m = _pattern.Match(line);
                return m.Success && (_confirm is null || _confirm(line)) ? m : null;
            }

            internal string FixFor(string line) => _fixFor?.Invoke(line) ?? FillPlaceholders(_fix, line);
        }
    }
}
