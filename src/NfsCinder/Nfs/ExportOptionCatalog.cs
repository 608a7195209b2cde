using System;
using System.Collections.Generic;

namespace NfsCinder.Nfs
{
    /// <summary>
    /// The export options of nfs-utils' <c>parseopts()</c> (support/nfs/exports.c) and exports(5),
    /// with the groups used to detect contradictions and to merge line defaults into a client's options.
    /// </summary>
    internal static class ExportOptionCatalog
    {
        private static readonly Dictionary<string, ExportOptionInfo> Known = Build();

        /// <summary>Every known keyword, for suggestions.</summary>
        public static IEnumerable<string> Names => Known.Keys;

        private static Dictionary<string, ExportOptionInfo> Build()
        {
            var map = new Dictionary<string, ExportOptionInfo>(StringComparer.Ordinal);
            void Flag(string name, string group, string state, bool perFlavor, string meaning) =>
                map[name] = new ExportOptionInfo(name, group, state, ExportOptionValue.None, perFlavor, meaning);
            void Valued(string name, string group, ExportOptionValue value, string meaning) =>
                map[name] = new ExportOptionInfo(name, group, "", value, false, meaning);

            Flag("ro", "access", "ro", true, "read-only");
            Flag("rw", "access", "rw", true, "read-write");
            Flag("secure", "port", "secure", true, "requests only from ports below 1024");
            Flag("insecure", "port", "insecure", true, "requests from any port");
            Flag("root_squash", "root_squash", "on", true, "map root to the anonymous user");
            Flag("no_root_squash", "root_squash", "off", true, "keep root as root");
            Flag("all_squash", "all_squash", "on", true, "map every user to the anonymous user");
            Flag("no_all_squash", "all_squash", "off", true, "keep user ids");
            Flag("sync", "sync", "sync", false, "reply after data reaches stable storage");
            Flag("async", "sync", "async", false, "reply before data reaches stable storage");
            Flag("wdelay", "wdelay", "on", false, "gather related writes");
            Flag("no_wdelay", "wdelay", "off", false, "write at once");
            Flag("hide", "hide", "hide", false, "hide file systems mounted below");
            Flag("nohide", "hide", "nohide", false, "show this file system inside its parent export");
            Flag("crossmnt", "crossmnt", "on", false, "follow mounts below this export");
            Flag("nocrossmnt", "crossmnt", "off", false, "do not follow mounts below this export");
            Flag("subtree_check", "subtree_check", "on", false, "check that files lie inside the exported subtree");
            Flag("no_subtree_check", "subtree_check", "off", false, "no subtree checking");
            Flag("secure_locks", "locks", "secure", false, "authenticate lock requests");
            Flag("auth_nlm", "locks", "secure", false, "authenticate lock requests");
            Flag("insecure_locks", "locks", "insecure", false, "do not authenticate lock requests");
            Flag("no_auth_nlm", "locks", "insecure", false, "do not authenticate lock requests");
            Flag("acl", "acl", "on", false, "report ACLs");
            Flag("no_acl", "acl", "off", false, "do not report ACLs");
            Flag("pnfs", "pnfs", "on", false, "enable pNFS");
            Flag("no_pnfs", "pnfs", "off", false, "disable pNFS");
            Flag("nordirplus", "nordirplus", "on", false, "disable READDIRPLUS");
            Flag("security_label", "security_label", "on", false, "pass security labels");
            Valued("mountpoint", "mountpoint", ExportOptionValue.Optional, "export only if mounted");
            Valued("mp", "mountpoint", ExportOptionValue.Optional, "export only if mounted");
            Valued("anonuid", "anonuid", ExportOptionValue.Required, "uid of the anonymous user");
            Valued("anongid", "anongid", ExportOptionValue.Required, "gid of the anonymous user");
            Valued("fsid", "fsid", ExportOptionValue.Required, "file system id");
            Valued("refer", "fsloc", ExportOptionValue.Required, "NFSv4 referral");
            Valued("replicas", "fsloc", ExportOptionValue.Required, "NFSv4 replica locations");
            Valued("xprtsec", "xprtsec", ExportOptionValue.Required, "transport layer security policy");
            Valued("sec", "sec", ExportOptionValue.Required, "security flavours");
            return map;
        }

        /// <summary>Looks up a keyword (case-sensitive, as nfs-utils compares with strcmp).</summary>
        public static ExportOptionInfo? Find(string name) =>
            Known.TryGetValue(name, out ExportOptionInfo? info) ? info : null;

        /// <summary>Splits <c>name=value</c>; <paramref name="value"/> is null when there is no <c>=</c>.</summary>
        public static void Split(string option, out string name, out string? value)
        {
            int eq = option.IndexOf('=');
            if (eq < 0)
            {
                name = option;
                value = null;
            }
            else
            {
                name = option.Substring(0, eq);
                value = option.Substring(eq + 1);
            }
        }

        /// <summary>
        /// The group key and state of a known option (<c>mp=/x</c> and <c>mountpoint=/x</c> share both),
        /// or false for <c>sec=</c>, unknown keywords and malformed values.
        /// </summary>
        public static bool TryGetGroup(string option, out string group, out string state, out bool perFlavor)
        {
            group = state = "";
            perFlavor = false;
            if (string.IsNullOrEmpty(option)) return false;
            Split(option, out string name, out string? value);
            ExportOptionInfo? info = Find(name);
            if (info is null || info.Group == "sec") return false;
            if (info.Value == ExportOptionValue.None && value != null) return false;
            if (info.Value == ExportOptionValue.Required && value is null) return false;
            group = info.Group;
            perFlavor = info.PerFlavor;
            state = info.Value == ExportOptionValue.None ? info.State : name + "=" + (value ?? "");
            if (info.Group == "mountpoint") state = value ?? "";
            return true;
        }

        /// <summary>
        /// The options a client ends up with: the line's <c>-defaults</c> then its own list, a later option
        /// replacing an earlier one of the same group, as nfs-utils applies them in order. When any
        /// <c>sec=</c> is present the order carries meaning (flags after it are per flavour), so the lists
        /// are only concatenated.
        /// </summary>
        public static IReadOnlyList<string> Merge(IEnumerable<string> defaults, IEnumerable<string> own)
        {
            var all = new List<string>(defaults);
            all.AddRange(own);
            foreach (string option in all)
            {
                if (option != null && option.StartsWith("sec=", StringComparison.Ordinal)) return all.AsReadOnly();
            }

            var result = new List<string>();
            foreach (string option in all)
            {
                if (TryGetGroup(option, out string group, out _, out _))
                {
                    result.RemoveAll(o => TryGetGroup(o, out string g, out _, out _) && g == group);
                }
                else
                {
                    result.Remove(option);
                }
                result.Add(option);
            }
            return result.AsReadOnly();
        }

        /// <summary>True when the options give write access (for at least one security flavour).</summary>
        public static bool IsReadWrite(IEnumerable<string> options)
        {
            // ro is the default; the last ro/rw before the first sec= sets the base, and each
            // sec= section starts from the base and may change it for its own flavours.
            bool baseRw = false, inSection = false, sectionRw = false, anyRw = false;
            foreach (string option in options)
            {
                if (option is null) continue;
                if (option.StartsWith("sec=", StringComparison.Ordinal))
                {
                    if (inSection) anyRw |= sectionRw;
                    inSection = true;
                    sectionRw = baseRw;
                    continue;
                }
                bool? rw = option == "rw" ? true : option == "ro" ? false : (bool?)null;
                if (rw is null) continue;
                if (inSection) sectionRw = rw.Value;
                else baseRw = rw.Value;
            }
            return anyRw || (inSection ? sectionRw : baseRw);
        }

        /// <summary>Splits the inside of <c>host(...)</c> or a <c>-defaults</c> token the way parseopts does.</summary>
        public static List<string> SplitList(string list)
        {
            var result = new List<string>();
            if (list.Length == 0) return result;
            string[] parts = list.Split(',');
            for (int i = 0; i < parts.Length; i++)
            {
                // parseopts skips blanks after each comma; a trailing comma ends the list.
                string part = parts[i].TrimStart(' ', '\t');
                if (part.Length == 0 && i == parts.Length - 1 && i > 0) break;
                result.Add(part);
            }
            return result;
        }
    }
}
