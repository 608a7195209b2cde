namespace NfsCinder.Nfs
{
    /// <summary>A path as stat saw it: its type, owner and group (names and ids) and octal mode.</summary>
    internal sealed class DirectoryStat
    {
        private DirectoryStat(string type, string owner, string group, string mode, string uid, string gid)
        {
            Type = type;
            Owner = owner;
            Group = group;
            Mode = mode;
            Uid = uid;
            Gid = gid;
        }

        public string Type { get; }

        public bool IsDirectory => Type == "directory";

        public string Owner { get; }

        public string Group { get; }

        public string Mode { get; }

        public string Uid { get; }

        public string Gid { get; }

        /// <summary>"%F|%U|%G|%a|%u|%g" as the read prints it; null for nothing (the path does not exist).</summary>
        public static DirectoryStat? Parse(string text)
        {
            string[] parts = text.Trim().Split('|');
            return parts.Length == 6 ? new DirectoryStat(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5]) : null;
        }

        /// <summary>True when owner, group and mode (each by name or number, when given) already match.</summary>
        public bool Matches(string? owner, string? group, string? mode) =>
            (string.IsNullOrEmpty(owner) || owner == Owner || owner == Uid)
            && (string.IsNullOrEmpty(group) || group == Group || group == Gid)
            && (string.IsNullOrEmpty(mode) || mode!.TrimStart('0') == Mode.TrimStart('0'));
    }
}
