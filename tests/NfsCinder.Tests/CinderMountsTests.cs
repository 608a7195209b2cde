using System;
using System.IO;
using System.Linq;
using NfsCinder.Cinder;
using NfsCinder.Nfs;
using Xunit;

namespace NfsCinder.Tests
{
    /// <summary>
    /// Cinder's mounts against its configuration, on the real two-backend cinder1 (cinder.conf,
    /// shares files and /proc/mounts captured together): what a restart must take down.
    /// </summary>
    public class CinderMountsTests
    {
        private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "cinder", name));

        private static readonly string Gold = "10.40.0.1:/nfs/a -o vers=4.1\n10.40.0.1:/nfs/b -o vers=3\n";
        private static readonly string Silver = "nfs1:/nfs/c\n";

        private static CinderConfiguration Config() => new CinderConfiguration(IniDocument.Parse(Fixture("cinder1-gold-silver.conf")));

        private static System.Collections.Generic.IReadOnlyList<CinderMount> Survey(CinderConfiguration config, string gold, string silver) =>
            CinderMounts.Survey(config, p => p == "/etc/cinder/nfsshares-gold" ? gold : p == "/etc/cinder/nfsshares-silver" ? silver : null,
                MountTable.ParseProcMounts(Fixture("cinder1-mounts-gold-silver.txt")));

        [Fact]
        public void AsMounted_EveryMountIsCurrent()
        {
            var mounts = Survey(Config(), Gold, Silver);
            Assert.Equal(3, mounts.Count);
            Assert.All(mounts, m => Assert.Equal(CinderMountStatus.Current, m.Status));
            Assert.Equal(new[] { "gold", "gold", "silver" }, mounts.Select(m => m.BackendName).OrderBy(b => b));
            Assert.Equal("vers=4.2", mounts.Single(m => m.BackendName == "silver").ConfiguredOptions);
        }

        [Fact]
        public void ChangedOptions_AndADroppedShare_AndADisabledBackend()
        {
            var config = Config();
            config.Document.Set("silver", "nfs_mount_options", "vers=3");
            var mounts = Survey(config, "10.40.0.1:/nfs/a -o vers=4.1\n", Silver).ToDictionary(m => m.Share);
            Assert.Equal(CinderMountStatus.OptionsDiffer, mounts["nfs1:/nfs/c"].Status);
            Assert.Contains("vers=3 (live: vers=4.2)", mounts["nfs1:/nfs/c"].Detail);
            Assert.Equal(CinderMountStatus.Stale, mounts["10.40.0.1:/nfs/b"].Status);
            Assert.Null(mounts["10.40.0.1:/nfs/b"].BackendName);
            Assert.Equal(CinderMountStatus.Current, mounts["10.40.0.1:/nfs/a"].Status);

            config.Document.Set("DEFAULT", "enabled_backends", "lvm,gold");
            Assert.Equal(CinderMountStatus.Stale, Survey(config, Gold, Silver).Single(m => m.Share == "nfs1:/nfs/c").Status);
        }

        [Fact]
        public void ATimeoutTakenFromAnEarlierMountsSuperblock_IsSaid_AndNotRemounted()
        {
            // Measured on cinder1: /mnt/nfscinder-second asked for timeo=100 and got the
            // superblock, and timeo=600, of /mnt/nfscinder-first (the same file system of nfs1).
            var mounts = MountTable.ParseProcMounts(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "nfs", "cinder1-shared-superblock.mounts")));
            var second = mounts.Single(m => m.MountPoint == "/mnt/nfscinder-second");
            var config = new CinderConfiguration(IniDocument.Parse("[DEFAULT]\nenabled_backends = gold\n[gold]\nvolume_driver = cinder.volume.drivers.nfs.NfsDriver\nnfs_shares_config = /etc/cinder/g\nnfs_mount_point_base = /mnt/nfscinder-base\n"));
            // The same mount, as Cinder's: under the base, at md5 of the share.
            var asCinders = new MountTableEntry(second.Source, NfsShareAddress.MountPointOf(second.Source, "/mnt/nfscinder-base"), second.FsType, second.Options);
            var survey = CinderMounts.Survey(config, _ => "10.40.0.1:/nfs/gold-b -o vers=3,timeo=100\n", new[] { mounts[0], asCinders });
            var mount = Assert.Single(survey);
            Assert.Equal(CinderMountStatus.OptionsDiffer, mount.Status);
            Assert.Equal("/mnt/nfscinder-first", mount.SharedSuperblockWith);
            Assert.Contains("nosharecache", mount.Detail);
            Assert.False(mount.NeedsRenewal);
        }

        [Fact]
        public void AMountThatIsNotCindersOwn_IsNeverStale()
        {
            var mounts = MountTable.ParseProcMounts("10.40.0.1:/nfs/x /var/lib/cinder/mnt/mine nfs4 rw,vers=4.2 0 0\n");
            Assert.Empty(CinderMounts.Survey(Config(), _ => null, mounts));
        }

        [Fact]
        public void AnotherMountPointBase_LeavesTheOldMountsStale()
        {
            var config = Config();
            config.Document.Set("silver", "nfs_mount_point_base", "/var/lib/cinder/mnt-silver");
            var silver = Survey(config, Gold, Silver).Single(m => m.Share == "nfs1:/nfs/c");
            Assert.Equal(CinderMountStatus.Stale, silver.Status);
        }
    }
}
