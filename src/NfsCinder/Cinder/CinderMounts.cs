using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NfsCinder.Nfs;

namespace NfsCinder.Cinder
{
    /// <summary>
    /// Cinder's NFS mounts against what the configuration asks for now. os-brick mounts a share
    /// once and then only checks that something is mounted at base/md5(share) ("Already
    /// mounted"), so a change of mount options reaches a share only when it is mounted again,
    /// and a share dropped from every shares file stays mounted until someone unmounts it.
    /// </summary>
    internal static class CinderMounts
    {
        /// <summary>The mount options a backend asks for one of its shares, in the order os-brick gives them to mount: the backend's, then the share's own.</summary>
        public static IReadOnlyList<string?> Requested(CinderNfsBackendConfig backend, CinderNfsShare share) =>
            new[] { backend.MountOptions, share.MountOptions };

        /// <summary>The shares an enabled backend mounts: nas_host:nas_share_path, or its shares file's.</summary>
        public static IReadOnlyList<CinderNfsShare> SharesOf(CinderNfsBackendConfig backend, Func<string, string?> sharesText) =>
            backend.NasShare is { } nas ? new[] { nas } : CinderSharesFile.Parse(sharesText(backend.SharesFile)).Shares;

        /// <summary>Every NFS mount under an enabled NFS backend's mount point base, judged.</summary>
        public static IReadOnlyList<CinderMount> Survey(CinderConfiguration config, Func<string, string?> sharesText, IReadOnlyList<MountTableEntry> mounts)
        {
            var backends = config.NfsBackends.Where(b => b.Enabled).ToList();
            var expected = new Dictionary<string, (CinderNfsBackendConfig Backend, CinderNfsShare Share)>(StringComparer.Ordinal);
            foreach (var backend in backends)
                foreach (var share in SharesOf(backend, sharesText))
                    if (!expected.ContainsKey(backend.MountPointOf(share.Share))) expected[backend.MountPointOf(share.Share)] = (backend, share);
            var bases = new HashSet<string>(backends.Select(b => b.MountPointBase), StringComparer.Ordinal);

            var result = new List<CinderMount>();
            // The last mount on a mount point is the one in use.
            foreach (var mount in mounts.Where(m => MountTable.IsNfsType(m.FsType)).GroupBy(m => m.MountPoint).Select(g => g.Last()))
            {
                string live = string.Join(",", mount.Options);
                if (expected.TryGetValue(mount.MountPoint, out var owner))
                {
                    var requested = Requested(owner.Backend, owner.Share);
                    string? configured = string.Join(",", requested.Where(o => !string.IsNullOrEmpty(o)));
                    if (configured.Length == 0) configured = null;
                    var comparison = MountOptionComparison.Compare(requested, mount.Options);
                    result.Add(comparison.Matches
                        ? new CinderMount(mount.MountPoint, mount.Source, owner.Backend.Name, CinderMountStatus.Current, live, configured,
                            configured is null ? "no mount options configured" : "live options carry " + configured)
                        : new CinderMount(mount.MountPoint, mount.Source, owner.Backend.Name, CinderMountStatus.OptionsDiffer, live, configured,
                            $"configured {configured}, but the live mount has {comparison}"));
                }
                else if (bases.Contains(Parent(mount.MountPoint)))
                {
                    result.Add(new CinderMount(mount.MountPoint, mount.Source, null, CinderMountStatus.Stale, live, null,
                        $"{mount.Source} is in no enabled backend's shares any more"));
                }
            }
            return result;
        }

        private static string Parent(string path)
        {
            int slash = path.TrimEnd('/').LastIndexOf('/');
            return slash <= 0 ? "/" : path.Substring(0, slash);
        }
    }
}
