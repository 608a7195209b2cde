using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using NfsCinder.Nfs;
using NfsCinder.Values;

namespace NfsCinder.Cinder
{
    /// <summary>
    /// One share of a Cinder NFS backend as Cinder reads a line of its shares file
    /// (<c>RemoteFSDriver._load_shares_config</c>): the share up to the first blank, with
    /// <c>\040</c> read as a space, and the rest as extra mount arguments that the driver splits
    /// on whitespace (<c>-o vers=4.1</c>).
    /// </summary>
    public sealed class CinderNfsShare : IEquatable<CinderNfsShare>
    {

        // Cinder's SHARE_FORMAT_REGEX: a line whose share does not match is ignored.
        private static readonly Regex CinderShareFormat = new Regex(@"^.+:/.+$", RegexOptions.CultureInvariant | RegexOptions.Singleline);

        private CinderNfsShare(string share, string? flags, bool raw)
        {
            Share = share;
            Flags = string.IsNullOrEmpty(flags) ? null : flags;
            MountOptions = OptionsOf(Flags);
        }

        /// <summary>A share to write: validated server:/path (IPv6 in brackets) and per-share mount options.</summary>
        public CinderNfsShare(string share, string? mountOptions = null)
            : this(CheckShare(share), CheckOptions(mountOptions) is { } options ? "-o " + options : null, raw: false)
        {
        }

        /// <summary>The share, exactly the string Cinder mounts and hashes for its mount point.</summary>
        public string Share { get; }

        /// <summary>The per-share mount options given with -o (joined by commas), or null.</summary>
        public string? MountOptions { get; }

        /// <summary>Everything after the share on its line (extra mount arguments), or null.</summary>
        public string? Flags { get; }

        internal NfsShareAddress? Address => NfsShareAddress.TryParse(Share, out var address, out _) ? address : null;

        /// <summary>The server, without IPv6 brackets.</summary>
        public string Server { get { NfsShareAddress.Split(Share, out string server, out _); return server; } }

        /// <summary>The exported path.</summary>
        public string ExportPath { get { NfsShareAddress.Split(Share, out _, out string path); return path; } }

        /// <summary>Where Cinder mounts this share under a mount point base.</summary>
        internal string MountPointUnder(string mountPointBase) => Nfs.NfsShareAddress.MountPointOf(Share, mountPointBase);

        /// <summary>
        /// A line as Cinder reads it, or null for a line Cinder skips (blank or starting with #).
        /// A share Cinder would ignore as malformed comes back with <paramref name="problem"/> set.
        /// </summary>
        internal static CinderNfsShare? FromLine(string line, out string? problem)
        {
            problem = null;
            if (line.Trim().Length == 0 || line.StartsWith("#", StringComparison.Ordinal)) return null;
            int blank = line.IndexOf(' ');
            string share = (blank < 0 ? line : line.Substring(0, blank)).Trim().Replace("\\040", " ");
            string? flags = blank < 0 ? null : line.Substring(blank + 1).Trim();
            if (!CinderShareFormat.IsMatch(share))
                problem = $"'{line.Trim()}' is ignored by Cinder: its share is not of the form address:/export.";
            else if (share.IndexOfAny(new[] { '\t', '\v', '\f' }) >= 0)
                problem = $"'{line.Trim()}': Cinder splits a line at its first blank only, so the tab makes the options part of the share '{share}'.";
            return new CinderNfsShare(share, flags, raw: true);
        }

        /// <summary>Checks a share Cinder will take: server:/path with something after the slash (Cinder's own rule).</summary>
        internal static string CheckShare(string share)
        {
            var address = NfsShareAddress.Parse(share);
            if (address.ExportPath.Length < 2)
                throw new ArgumentException($"'{share}': Cinder does not take the server's root (/) as a share (its format is address:/export); export a directory.");
            return address.Text;
        }

        /// <summary>Checks a comma list of mount options; null or empty means none.</summary>
        internal static string? CheckOptions(string? options)
        {
            if (options is null || options.Length == 0) return null;
            HostValue.CheckText(options, "The mount options");
            if (!MountOptionSyntax.IsList(options))
                throw new ArgumentException($"Mount options '{options}' must be a comma list of name or name=value (for example vers=4.1,timeo=600).");
            return options;
        }

        private static string? OptionsOf(string? flags)
        {
            if (flags is null) return null;
            var words = flags.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            var options = new List<string>();
            for (int i = 0; i < words.Length; i++)
            {
                if (words[i] == "-o" && i + 1 < words.Length) options.Add(words[++i]);
                else if (words[i].StartsWith("-o", StringComparison.Ordinal) && words[i].Length > 2) options.Add(words[i].Substring(2));
                else if (words[i].StartsWith("--options=", StringComparison.Ordinal)) options.Add(words[i].Substring(10));
            }
            return options.Count == 0 ? null : string.Join(",", options);
        }

        /// <inheritdoc />
        public bool Equals(CinderNfsShare? other) => other is not null && other.Share == Share && other.Flags == Flags;

        /// <inheritdoc />
        public override bool Equals(object? obj) => Equals(obj as CinderNfsShare);

        /// <inheritdoc />
        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Share) ^ (Flags is null ? 0 : StringComparer.Ordinal.GetHashCode(Flags));

        /// <inheritdoc />
        public override string ToString() => Flags is null ? Share : $"{Share} {Flags}";
    }
}
