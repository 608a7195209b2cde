using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NfsCinder.Nfs
{
    /// <summary>
    /// Whether a live NFS mount (its options in /proc/mounts, as the kernel writes them) carries
    /// the options it was asked to have. Asked options are read as mount.nfs and the kernel read
    /// them: the last of a kind wins, <c>nfsvers</c>, <c>v4.1</c> and <c>vers=4,minorversion=1</c>
    /// are one version, <c>actimeo</c> sets the four attribute timeouts. Only what the kernel shows
    /// is compared; options it does not show (<c>_netdev</c>, <c>nofail</c>, <c>bg</c>...) are
    /// left out, and <c>rsize</c>/<c>wsize</c> may come out smaller (the server caps them).
    /// </summary>
    internal sealed class MountOptionComparison
    {
        // Options mount(8) and mount.nfs consume in user space: the kernel never shows them.
        private static readonly HashSet<string> UserSpaceOnly = new HashSet<string>(StringComparer.Ordinal)
        {
            "defaults", "_netdev", "auto", "noauto", "nofail", "user", "nouser", "users", "owner", "group", "comment",
            "bg", "fg", "retry", "intr", "nointr", "rw_if_possible", "sloppy",
        };

        // Flags the kernel shows only in their non-default form: asking for the default means the
        // other form must be absent.
        private static readonly Dictionary<string, string> DefaultFlagOf = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ac"] = "noac", ["cto"] = "nocto", ["sharecache"] = "nosharecache", ["resvport"] = "noresvport",
            ["rdirplus"] = "nordirplus", ["suid"] = "nosuid", ["dev"] = "nodev", ["exec"] = "noexec", ["atime"] = "noatime",
            ["diratime"] = "nodiratime", ["async"] = "sync", ["nofsc"] = "fsc",
        };

        // Groups of flags of which the last one given holds; the kernel shows the one in force.
        private static readonly string[][] ExclusiveFlags =
        {
            new[] { "soft", "hard", "softerr" },
            new[] { "ro", "rw" },
            new[] { "relatime", "noatime", "strictatime" },
        };

        private readonly List<MountOptionDifference> _differences = new List<MountOptionDifference>();
        private readonly List<string> _notShown = new List<string>();

        private MountOptionComparison() { }

        /// <summary>Asked options the live mount does not carry.</summary>
        public IReadOnlyList<MountOptionDifference> Differences => _differences;

        /// <summary>Asked options the kernel does not show, so they could not be compared.</summary>
        public IReadOnlyList<string> NotShown => _notShown;

        /// <summary>True when every comparable option is as asked.</summary>
        public bool Matches => _differences.Count == 0;

        /// <summary>
        /// Compares the asked options (comma lists, in the order given to mount: later ones win)
        /// with the live mount's options.
        /// </summary>
        public static MountOptionComparison Compare(IEnumerable<string?> requestedLists, IReadOnlyList<string> live)
        {
            var comparison = new MountOptionComparison();
            var liveValues = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string option in live)
            {
                int eq = option.IndexOf('=');
                liveValues[eq < 0 ? option : option.Substring(0, eq)] = eq < 0 ? "" : option.Substring(eq + 1);
            }
            var asked = Normalize(requestedLists.Where(l => !string.IsNullOrEmpty(l)).SelectMany(l => l!.Split(',')).Where(o => o.Length > 0));
            foreach (var option in asked) comparison.CompareOne(option.Key, option.Value, liveValues);
            return comparison;
        }

        // Name to value ("" for a flag), last one winning; versions and timeouts in one form.
        private static List<KeyValuePair<string, string>> Normalize(IEnumerable<string> options)
        {
            var result = new List<KeyValuePair<string, string>>();
            string? minor = null;
            void Put(string name, string value)
            {
                result.RemoveAll(o => o.Key == name || ExclusiveFlags.Any(g => g.Contains(name) && g.Contains(o.Key))
                    || DefaultFlagOf.TryGetValue(name, out string? other) && o.Key == other
                    || DefaultFlagOf.Any(p => p.Value == name && p.Key == o.Key));
                result.Add(new KeyValuePair<string, string>(name, value));
            }
            foreach (string raw in options)
            {
                int eq = raw.IndexOf('=');
                string name = eq < 0 ? raw : raw.Substring(0, eq);
                string value = eq < 0 ? "" : raw.Substring(eq + 1);
                if (name == "nfsvers") name = "vers";
                if (eq < 0 && name.Length > 1 && name[0] == 'v' && char.IsDigit(name[1])) { value = name.Substring(1); name = "vers"; }
                switch (name)
                {
                    case "vers":
                        Put("vers", value);
                        if (value.IndexOf('.') >= 0) minor = null;
                        break;
                    case "minorversion":
                        minor = value;
                        break;
                    case "actimeo":
                        foreach (string t in new[] { "acregmin", "acregmax", "acdirmin", "acdirmax" }) Put(t, value);
                        break;
                    case "nolock":
                        Put("local_lock", "all");
                        break;
                    case "lock":
                        Put("local_lock", "none");
                        break;
                    default:
                        Put(name, value);
                        break;
                }
            }
            // vers=4 with minorversion=N is 4.N (os-brick asks for 4.2 and 4.1 this way).
            int at = result.FindIndex(o => o.Key == "vers");
            if (minor is not null && at >= 0 && result[at].Value == "4") result[at] = new KeyValuePair<string, string>("vers", "4." + minor);
            return result;
        }

        /// <summary>The NFS version these option lists ask for together (later ones win), or null when none does.</summary>
        public static string? RequestedVersion(IEnumerable<string?> requestedLists) =>
            Normalize(requestedLists.Where(l => !string.IsNullOrEmpty(l)).SelectMany(l => l!.Split(',')).Where(o => o.Length > 0))
                .Where(o => o.Key == "vers").Select(o => o.Value).LastOrDefault();

        /// <summary>
        /// Options the kernel does not compare when a new mount of a server's file system gets
        /// the superblock of an earlier one (nfs_compare_mount_options): the earlier mount's
        /// values hold for both, whatever the new one asked (measured on the lab's cinder1).
        /// </summary>
        internal static readonly string[] SharedSuperblockOptions = { "timeo", "retrans", "lookupcache" };

        /// <summary>
        /// The earlier mount whose superblock this one got, when that explains every difference:
        /// the same server address, file system type and version, the differing options all of
        /// the kind the kernel does not compare and equal there, and neither mount nosharecache.
        /// A remount does not change such a mount; its option nosharecache does.
        /// </summary>
        public static MountTableEntry? SuperblockPeer(MountTableEntry mount, MountOptionComparison comparison, IReadOnlyList<MountTableEntry> all)
        {
            if (comparison.Matches || mount.HasOption("nosharecache") || !comparison.Differences.All(d => SharedSuperblockOptions.Contains(d.Option))) return null;
            int index = 0;
            while (index < all.Count && !ReferenceEquals(all[index], mount)) index++;
            string server = mount.Address ?? mount.Server;
            return all.Take(index).LastOrDefault(m => (m.Address ?? m.Server) == server && m.FsType == mount.FsType && m.Version == mount.Version
                && !m.HasOption("nosharecache") && comparison.Differences.All(d => m.GetOption(d.Option) == mount.GetOption(d.Option)));
        }

        /// <summary>The value these option lists ask for one option (later ones win); "" for a flag, null when none asks for it.</summary>
        public static string? RequestedValue(IEnumerable<string?> requestedLists, string option) =>
            Normalize(requestedLists.Where(l => !string.IsNullOrEmpty(l)).SelectMany(l => l!.Split(',')).Where(o => o.Length > 0))
                .Where(o => o.Key == option).Select(o => o.Value).LastOrDefault();

        /// <summary>
        /// True when an option list names an NFS version: the options os-brick looks for before it
        /// adds vers=4,minorversion=2 and 4.1 of its own (nfsvers=, vers=, v3, v4.1 ...).
        /// </summary>
        public static bool NamesVersion(string? options) =>
            !string.IsNullOrEmpty(options) && options!.Split(',').Select(o => o.Trim()).Any(o =>
                o.StartsWith("nfsvers", StringComparison.Ordinal) || o.StartsWith("vers", StringComparison.Ordinal)
                || o.Length > 1 && o[0] == 'v' && char.IsDigit(o[1]));

        /// <summary>
        /// The problem with the transport asked for an IPv6 server, or null: mount.nfs takes only
        /// tcp6/udp6 there ("Address family for hostname not supported" for proto=tcp).
        /// </summary>
        public static string? ProtoProblem(IEnumerable<string?> requestedLists, bool ipv6)
        {
            if (!ipv6) return null;
            var asked = Normalize(requestedLists.Where(l => !string.IsNullOrEmpty(l)).SelectMany(l => l!.Split(',')).Where(o => o.Length > 0));
            foreach (var option in asked.Where(o => o.Key == "proto" || o.Key == "mountproto"))
            {
                if (option.Value is "tcp" or "udp" or "rdma")
                    return $"{option.Key}={option.Value} cannot reach an IPv6 server (mount.nfs: \"Address family for hostname not supported\"): give {option.Key}={option.Value}6, or leave it out.";
            }
            return null;
        }

        private void CompareOne(string name, string value, Dictionary<string, string> live)
        {
            string asked = value.Length == 0 ? name : name + "=" + value;
            if (UserSpaceOnly.Contains(name) || name.StartsWith("x-", StringComparison.Ordinal)) return;
            live.TryGetValue(name, out string? shown);
            switch (name)
            {
                case "vers":
                    string liveVersion = shown ?? "";
                    // vers=4 lets client and server agree on the highest 4.x; the kernel shows the result.
                    bool versionOk = value == "4" ? liveVersion == "4" || liveVersion.StartsWith("4.", StringComparison.Ordinal)
                        : liveVersion == value || value == "4.0" && liveVersion == "4";
                    if (!versionOk) Differ("vers", asked, shown is null ? null : "vers=" + shown);
                    return;
                case "rsize":
                case "wsize":
                    if (shown is null) { _notShown.Add(asked); return; }
                    if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long want)
                        || !long.TryParse(shown, NumberStyles.None, CultureInfo.InvariantCulture, out long got) || got > want)
                        Differ(name, asked, name + "=" + shown);
                    return;
                case "proto":
                case "mountproto":
                    // An IPv6 server shows tcp6/udp6 for tcp/udp.
                    if (shown is null) { _notShown.Add(asked); return; }
                    if (shown != value && shown != value + "6") Differ(name, asked, name + "=" + shown);
                    return;
                case "lookupcache":
                    // "all" is the default and not shown; "positive" shows as "pos".
                    string wanted = value == "positive" ? "pos" : value;
                    if (wanted == "all" ? shown is not null : shown != wanted) Differ(name, asked, shown is null ? null : name + "=" + shown);
                    return;
            }
            if (DefaultFlagOf.TryGetValue(name, out string? opposite))
            {
                if (live.ContainsKey(opposite)) Differ(name, asked, opposite);
                return;
            }
            var group = ExclusiveFlags.FirstOrDefault(g => g.Contains(name));
            if (group is not null)
            {
                string? inForce = group.FirstOrDefault(live.ContainsKey);
                if (inForce is null) { if (name != "relatime" && name != "hard" && name != "rw") _notShown.Add(asked); return; }
                if (inForce != name) Differ(name, asked, inForce);
                return;
            }
            if (shown is null)
            {
                // A non-default flag the kernel shows when set (noac, nocto, fsc...), or an option it never shows.
                if (DefaultFlagOf.ContainsValue(name)) Differ(name, asked, null);
                else _notShown.Add(asked);
                return;
            }
            if (shown != value) Differ(name, asked, shown.Length == 0 ? name : name + "=" + shown);
        }

        private void Differ(string name, string asked, string? live) => _differences.Add(new MountOptionDifference(name, asked, live));

        /// <summary>The differences as one sentence part: "vers=4.1 (live: vers=4.2), soft (live: hard)".</summary>
        public override string ToString() => string.Join(", ", _differences.Select(d => d.ToString()));
    }
}
