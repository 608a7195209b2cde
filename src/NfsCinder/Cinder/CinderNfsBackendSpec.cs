using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using NfsCinder.Values;

namespace NfsCinder.Cinder
{
    /// <summary>What Set-CinderNfsBackend asks of one backend, checked before any host is read.</summary>
    internal sealed class CinderNfsBackendSpec
    {
        internal const string DriverClass = CinderConfiguration.NfsDriverClass;
        private static readonly Regex NamePattern = new Regex(@"^[A-Za-z0-9_\-]{1,64}$", RegexOptions.CultureInvariant);

        /// <param name="backendName">The backend's section and volume_backend_name.</param>
        /// <param name="layout">MultiBackend or the seed's Default.</param>
        /// <param name="sharesFile">nfs_shares_config to use; null keeps the backend's own or picks <see cref="DefaultSharesFileFor"/>.</param>
        /// <param name="shares">The shares the file must list; null keeps the file's list.</param>
        public CinderNfsBackendSpec(string backendName, CinderLayout layout, string? sharesFile, IReadOnlyList<CinderNfsShare>? shares)
        {
            CheckName(backendName);
            AbsolutePath.CheckWithoutWhitespace(sharesFile, "The shares file");
            if (shares is not null && shares.Count == 0) throw new ArgumentException("Give at least one share.");
            if (shares is not null && shares.Select(s => s.Share).Distinct().Count() != shares.Count) throw new ArgumentException("A share is listed twice.");
            BackendName = backendName;
            Layout = layout;
            SharesFile = sharesFile;
            Shares = shares;
        }

        public string BackendName { get; }
        public CinderLayout Layout { get; }
        public string? SharesFile { get; }
        public IReadOnlyList<CinderNfsShare>? Shares { get; }

        /// <summary>volume_backend_name to write (what volume types select); null keeps the backend's, or gives a new one its name.</summary>
        public string? VolumeBackendName { get; set; }

        /// <summary>Driver options to set, key to the text to write (already checked by <see cref="CinderOption.Format"/>).</summary>
        public IDictionary<string, string> Options { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

        /// <summary>Keys to remove from the backend's section.</summary>
        public ISet<string> Unset { get; } = new SortedSet<string>(StringComparer.Ordinal);

        /// <summary>The section the driver settings live in.</summary>
        public string Section => Layout == CinderLayout.MultiBackend ? BackendName : "DEFAULT";

        /// <summary>The shares file a new backend gets: the seed's /etc/cinder/nfsshares for "nfs", a file of its own for any other.</summary>
        public static string DefaultSharesFileFor(string backendName) =>
            backendName == "nfs" ? "/etc/cinder/nfsshares" : "/etc/cinder/nfsshares-" + backendName;

        /// <summary>Sets an option after checking its value as Cinder will read it.</summary>
        public void SetOption(string key, object value)
        {
            var option = CinderNfsOptions.Find(key) ?? throw new ArgumentException($"'{key}' is not an option of Cinder's NFS driver.");
            if (Unset.Contains(key)) throw new ArgumentException($"{key} is both set and unset.");
            Options[key] = option.Format(value);
        }

        /// <summary>Marks a key for removal; only the driver's options and the obsolete keys.</summary>
        public void UnsetOption(string key)
        {
            if (!CinderNfsOptions.UnsettableKeys.Contains(key, StringComparer.Ordinal))
                throw new ArgumentException($"-Unset takes the NFS driver's option names ({string.Join(", ", CinderNfsOptions.UnsettableKeys)}); '{key}' is not one.");
            if (Options.ContainsKey(key)) throw new ArgumentException($"{key} is both set and unset.");
            Unset.Add(key);
        }

        internal static void CheckName(string backendName)
        {
            HostValue.CheckText(backendName, "The backend name");
            if (!NamePattern.IsMatch(backendName) || backendName == "DEFAULT" || backendName == CinderConfiguration.BackendDefaults)
                throw new ArgumentException($"Backend name '{backendName}' must be 1-64 letters, digits, '_' or '-' (and not DEFAULT or backend_defaults).");
        }
    }
}
