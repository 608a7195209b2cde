using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace NfsCinder.Nfs
{
    /// <summary>Reads NFS mounts from <c>/proc/mounts</c> and <c>findmnt -P</c>.</summary>
    internal static class MountTable
    {
        private static readonly Regex FindmntPair = new Regex("(?<key>[A-Z0-9_%:-]+)=\"(?<value>[^\"]*)\"", RegexOptions.CultureInvariant);

        /// <summary>True for the file system types of NFS client mounts (<c>nfs</c>, <c>nfs4</c>).</summary>
        public static bool IsNfsType(string fsType) => fsType == "nfs" || fsType == "nfs4";

        /// <summary>
        /// Parses <c>/proc/mounts</c> (fstab format: spec, file, type, options, freq, passno,
        /// separated by spaces, with octal escapes) and returns the NFS mounts only.
        /// </summary>
        public static IReadOnlyList<MountTableEntry> ParseProcMounts(string text)
        {
            if (text is null) throw new ArgumentNullException(nameof(text));
            var result = new List<MountTableEntry>();
            foreach (string line in NfsParseText.Lines(text))
            {
                string[] f = line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                if (f.Length < 4 || f[0].StartsWith("#", StringComparison.Ordinal) || !IsNfsType(f[2])) continue;
                result.Add(new MountTableEntry(NfsParseText.DecodeOctal(f[0]), NfsParseText.DecodeOctal(f[1]), f[2], SplitOptions(f[3])));
            }
            return result;
        }

        /// <summary>
        /// Parses <c>findmnt -P -o TARGET,SOURCE,FSTYPE,OPTIONS</c> (<c>KEY="value"</c> pairs, unsafe
        /// characters as <c>\xHH</c>) and returns the NFS mounts only.
        /// </summary>
        public static IReadOnlyList<MountTableEntry> ParseFindmntPairs(string text)
        {
            if (text is null) throw new ArgumentNullException(nameof(text));
            var result = new List<MountTableEntry>();
            foreach (string line in NfsParseText.Lines(text))
            {
                var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (Match m in FindmntPair.Matches(line)) pairs[m.Groups["key"].Value] = NfsParseText.DecodeHex(m.Groups["value"].Value);
                if (!pairs.TryGetValue("FSTYPE", out string? type) || !IsNfsType(type)) continue;
                if (!pairs.TryGetValue("TARGET", out string? target) || !pairs.TryGetValue("SOURCE", out string? source)) continue;
                pairs.TryGetValue("OPTIONS", out string? options);
                result.Add(new MountTableEntry(source, target, type, SplitOptions(options ?? string.Empty)));
            }
            return result;
        }

        private static List<string> SplitOptions(string options)
        {
            var list = new List<string>();
            foreach (string o in options.Split(','))
            {
                if (o.Length > 0) list.Add(o);
            }
            return list;
        }
    }
}
