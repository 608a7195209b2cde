using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace NfsCinder.Cinder
{
    /// <summary>Where the NFS driver settings go in cinder.conf.</summary>
    public enum CinderLayout
    {
        /// <summary>enabled_backends in [DEFAULT] plus a [name] section (current Cinder practice).</summary>
        MultiBackend,

        /// <summary>volume_driver and nfs_shares_config in [DEFAULT] (the seed guide's layout).</summary>
        Default,
    }

    /// <summary>One line of the shares file: server:/path with optional per-share mount options.</summary>
    public sealed class CinderNfsShare : IEquatable<CinderNfsShare>
    {
        private static readonly Regex SharePattern = new Regex(@"^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9]([A-Za-z0-9.\-]*[A-Za-z0-9])?):/[^\s,#'""\\;$`]*$");
        private static readonly Regex OptionsPattern = new Regex(@"^[A-Za-z0-9_]+(=[A-Za-z0-9_.:/@+\-]+)?(,[A-Za-z0-9_]+(=[A-Za-z0-9_.:/@+\-]+)?)*$");

        /// <summary>Creates a share, validating both parts.</summary>
        public CinderNfsShare(string share, string? mountOptions = null)
        {
            if (share is null || !SharePattern.IsMatch(share))
                throw new ArgumentException($"'{share}' is not a share of the form server:/path (no spaces or shell characters).");
            if (mountOptions is not null && mountOptions.Length > 0 && !OptionsPattern.IsMatch(mountOptions))
                throw new ArgumentException($"Mount options '{mountOptions}' must be a comma list of name or name=value.");
            Share = share;
            MountOptions = string.IsNullOrEmpty(mountOptions) ? null : mountOptions;
        }

        /// <summary>server:/path, exactly as Cinder hashes it for the mount point.</summary>
        public string Share { get; }

        /// <summary>Per-share mount options (written after -o), or null.</summary>
        public string? MountOptions { get; }

        /// <summary>Parses a shares-file line: "server:/path" or "server:/path -o opts".</summary>
        public static CinderNfsShare Parse(string line)
        {
            string[] parts = line.Trim().Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 1) return new CinderNfsShare(parts[0]);
            if (parts.Length == 3 && parts[1] == "-o") return new CinderNfsShare(parts[0], parts[2]);
            throw new ArgumentException($"'{line}' is not a shares line (server:/path [-o options]).");
        }

        /// <inheritdoc />
        public bool Equals(CinderNfsShare? other) => other is not null && other.Share == Share && other.MountOptions == MountOptions;

        /// <inheritdoc />
        public override bool Equals(object? obj) => Equals(obj as CinderNfsShare);

        /// <inheritdoc />
        public override int GetHashCode() => Share.GetHashCode() ^ (MountOptions?.GetHashCode() ?? 0);

        /// <inheritdoc />
        public override string ToString() => MountOptions is null ? Share : $"{Share} -o {MountOptions}";
    }

    /// <summary>Everything Set-CinderNfsBackend writes: the backend and the NFS driver options.</summary>
    internal sealed class CinderNfsBackendSpec
    {
        internal const string DriverClass = "cinder.volume.drivers.nfs.NfsDriver";
        private static readonly Regex NamePattern = new Regex(@"^[A-Za-z0-9_\-]{1,64}$");

        public CinderNfsBackendSpec(string backendName, CinderLayout layout, string sharesFile, IReadOnlyList<CinderNfsShare> shares)
        {
            if (!NamePattern.IsMatch(backendName) || backendName == "DEFAULT")
                throw new ArgumentException($"Backend name '{backendName}' must be 1-64 letters, digits, '_' or '-' (and not DEFAULT).");
            if (!sharesFile.StartsWith("/", StringComparison.Ordinal) || sharesFile.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
                throw new ArgumentException($"Shares file '{sharesFile}' must be an absolute path without spaces.");
            if (shares.Count == 0) throw new ArgumentException("Give at least one share.");
            if (shares.Select(s => s.Share).Distinct().Count() != shares.Count) throw new ArgumentException("A share is listed twice.");
            BackendName = backendName;
            Layout = layout;
            SharesFile = sharesFile;
            Shares = shares;
        }

        public string BackendName { get; }
        public CinderLayout Layout { get; }
        public string SharesFile { get; }
        public IReadOnlyList<CinderNfsShare> Shares { get; }

        /// <summary>Driver options to set (name to value); a null value leaves that option alone.</summary>
        public IDictionary<string, string?> Options { get; } = new SortedDictionary<string, string?>(StringComparer.Ordinal);

        /// <summary>The section the driver settings live in.</summary>
        public string Section => Layout == CinderLayout.MultiBackend ? BackendName : "DEFAULT";
    }
}
