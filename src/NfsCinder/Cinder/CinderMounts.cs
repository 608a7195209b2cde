using System;
using System.Collections.Generic;
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

        /// <summary>The shares an NFS backend mounts: nas_host:nas_share_path, or its shares file's.</summary>
        public static IReadOnlyList<CinderNfsShare> SharesOf(CinderNfsBackendConfig backend, Func<string, string?> sharesText) =>
            backend.NasShare is { } nas ? new[] { nas } : CinderSharesFile.Parse(sharesText(backend.SharesFile)).Shares;

        /// <summary>
        /// Every NFS mount os-brick made for this configuration (at P/md5(source) under a mount
        /// point base of any section, Cinder's default one, or <paramref name="formerBases"/>),
        /// judged: Current, OptionsDiffer, or Stale where no enabled NfsDriver backend mounts its
        /// share there any more and no other enabled driver lists it (a vendor's NFS driver reads
        /// the same option names).
        /// </summary>
        public static IReadOnlyList<CinderMount> Survey(CinderConfiguration config, Func<string, string?> sharesText, IReadOnlyList<MountTableEntry> mounts,
            IEnumerable<string>? formerBases = null, Func<string, bool>? known = null)
        {
            // A shares file that could not be read hides what its backend mounts: nothing is stale then.
            bool allKnown = known is null || config.SharesFilesInUse.All(known);
            var nfsBackends = config.NfsBackends.Where(b => b.Enabled).ToList();
            var expected = new Dictionary<string, (CinderNfsBackendConfig Backend, CinderNfsShare Share)>(StringComparer.Ordinal);
            foreach (var backend in nfsBackends)
                foreach (var share in SharesOf(backend, sharesText))
                    if (!expected.ContainsKey(backend.MountPointOf(share.Share))) expected[backend.MountPointOf(share.Share)] = (backend, share);
            // What other enabled drivers (a vendor's NFS driver reads the same option names) may mount.
            var listedByOthers = new HashSet<string>(config.EnabledSections.Where(s => nfsBackends.All(b => b.Section != s))
                .SelectMany(s => SharesOf(config.BackendIn(s), sharesText)).Select(s => s.Share), StringComparer.Ordinal);
            var bases = new HashSet<string>(config.Document.Sections.Select(s => config.BackendIn(s).MountPointBase)
                .Concat(new[] { config.Expand(CinderNfsOptions.Find(CinderNfsOptions.MountPointBase)!.CinderDefault!) })
                .Concat(formerBases ?? Enumerable.Empty<string>()).Select(b => b.TrimEnd('/')), StringComparer.Ordinal);

            var nfsMounts = mounts.Where(m => MountTable.IsNfsType(m.FsType)).ToList();
            var result = new List<CinderMount>();
            // The last mount on a mount point is the one in use.
            foreach (var mount in nfsMounts.GroupBy(m => m.MountPoint).Select(g => g.Last()))
            {
                string live = string.Join(",", mount.Options);
                if (expected.TryGetValue(mount.MountPoint, out var owner))
                {
                    var requested = Requested(owner.Backend, owner.Share);
                    string? configured = string.Join(",", requested.Where(o => !string.IsNullOrEmpty(o)));
                    if (configured.Length == 0) configured = null;
                    var comparison = MountOptionComparison.Compare(requested, mount.Options);
                    if (comparison.Matches)
                    {
                        result.Add(new CinderMount(mount.MountPoint, mount.Source, owner.Backend.Name, CinderMountStatus.Current, live, configured,
                            configured is null ? "no mount options configured" : "live options carry " + configured));
                        continue;
                    }
                    var peer = MountOptionComparison.SuperblockPeer(mount, comparison, nfsMounts);
                    result.Add(new CinderMount(mount.MountPoint, mount.Source, owner.Backend.Name, CinderMountStatus.OptionsDiffer, live, configured,
                        peer is null
                            ? $"configured {configured}; not live: {comparison}"
                            : $"configured {configured}; not live: {comparison}, because the kernel gave this mount the superblock of {peer.Source} on {peer.MountPoint} (the same server's file system), whose {string.Join(" and ", comparison.Differences.Select(d => d.Option))} hold for both; mounting it again does not change that, the share's own option nosharecache does")
                    { SharedSuperblockWith = peer?.MountPoint });
                }
                else if (allKnown && bases.Contains(Parent(mount.MountPoint)) && mount.MountPoint == NfsShareAddress.MountPointOf(mount.Source, Parent(mount.MountPoint))
                    && !listedByOthers.Contains(mount.Source))
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
