using System;
using System.Collections.Generic;
using System.Linq;
using NfsCinder.Cinder;
using NfsCinder.Files;
using NfsCinder.Nfs;
using Xunit;

namespace NfsCinder.Tests
{
    /// <summary>cinder.conf read as cinder-volume reads it, and the edits that must not touch what is not an NFS backend.</summary>
    public class CinderConfigurationTests
    {
        private static CinderConfiguration Config(string text) => new CinderConfiguration(IniDocument.Parse(text));

        private const string WithLvm = "[DEFAULT]\nenabled_backends = lvm\n[lvm]\nvolume_driver = cinder.volume.drivers.lvm.LVMVolumeDriver\n[backend]\n";

        [Fact]
        public void AnotherDriversSection_IsNoNfsBackend_AndSetRefusesToTakeIt()
        {
            var config = Config(WithLvm);
            Assert.Null(config.Find("lvm"));
            Assert.Null(config.Find("backend"));
            foreach (string name in new[] { "lvm", "backend" })
            {
                var refused = Assert.Throws<CinderConfigConflict>(() => CinderBackendEditor.Apply(config, new CinderNfsBackendSpec(name, CinderLayout.MultiBackend, null, new[] { new CinderNfsShare("nfs1:/a") }), _ => null, null));
                Assert.Equal("SectionIsNotAnNfsBackend", refused.ErrorId);
            }
            Assert.Equal(WithLvm, config.Document.Render());
        }

        [Fact]
        public void TheSeedsDefaultDriver_AnswersToNfsAndDefault_NotToAnyName()
        {
            var config = Config("[DEFAULT]\nvolume_driver = cinder.volume.drivers.nfs.NfsDriver\nnfs_shares_config = /etc/cinder/nfsshares\n");
            Assert.Equal(CinderLayout.Default, config.Find("nfs")!.Layout);
            Assert.Equal(CinderLayout.Default, config.Find("DEFAULT")!.Layout);
            Assert.Null(config.Find("nfs-typo"));
            Assert.Equal(new[] { "DEFAULT" }, config.NfsBackends.Select(b => b.Name));
        }

        [Fact]
        public void SharesFilePaths_AreResolvedAsCinderDoes()
        {
            var config = Config("[DEFAULT]\nstate_path = /srv/cinder\nenabled_backends = gold,silver\n[gold]\nvolume_driver = cinder.volume.drivers.nfs.NfsDriver\nnfs_shares_config = \"$state_path/gold_shares\"\n[silver]\nvolume_driver = cinder.volume.drivers.nfs.NfsDriver\n");
            Assert.Equal("/srv/cinder/gold_shares", config.Find("gold")!.SharesFile);
            Assert.Equal("/etc/cinder/nfs_shares", config.Find("silver")!.SharesFile);
            Assert.Equal(new[] { "/srv/cinder/gold_shares", "/etc/cinder/nfs_shares" }, config.SharesFilesInUse);
        }

        [Fact]
        public void DollarsAreWrittenAsOsloReadsThem()
        {
            // oslo.config substitutes $name in every string option; $$ is a literal $.
            var spec = new CinderNfsBackendSpec("gold", CinderLayout.MultiBackend, null, new[] { new CinderNfsShare("nfs1:/a") });
            spec.SetOption("nas_password", "pa$$w0rd");
            spec.SetOption("nas_login", "svc$nfs");
            var config = Config("[DEFAULT]\n");
            var change = CinderBackendEditor.Apply(config, spec, _ => null, null);
            Assert.Equal("pa$$$$w0rd", config.Document.Get("gold", "nas_password"));
            Assert.Equal("pa$$w0rd", change.Backend.Effective("nas_password"));
            Assert.Equal("svc$nfs", change.Backend.Effective("nas_login"));
            Assert.Contains("only $state_path", Assert.Throws<ArgumentException>(() => spec.SetOption("nfs_mount_point_base", "/srv/$mnt")).Message);
            spec.SetOption("nfs_mount_point_base", "$state_path/mnt-gold");
        }

        [Fact]
        public void ASecretNeverAppearsInAnError()
        {
            var spec = new CinderNfsBackendSpec("gold", CinderLayout.MultiBackend, null, null);
            string message = Assert.Throws<ArgumentException>(() => spec.SetOption("nas_password", "s3cret-pass\n")).Message;
            Assert.DoesNotContain("s3cret", message);
            Assert.Contains("a line feed (U+000A) at position 11", message);
        }

        [Fact]
        public void AnUnreadableSharesFile_IsNeitherEditedNorEmptied_AndHidesNoMountAsStale()
        {
            var config = Config("[DEFAULT]\nenabled_backends = gold\n[gold]\nvolume_driver = cinder.volume.drivers.nfs.NfsDriver\nnfs_shares_config = /etc/cinder/g\n");
            var files = RemoteFile.ParseFiles(new[] { "/etc/cinder/g", "unreadable is a directory" });
            Assert.Equal("is a directory", files["/etc/cinder/g"]!.Unreadable);
            string? Unreadable(string p) => files.TryGetValue(p, out var f) ? f?.Unreadable : null;
            var refused = Assert.Throws<CinderConfigConflict>(() =>
                CinderBackendEditor.EditShares(config, "gold", _ => null, f => f.Add(new CinderNfsShare("nfs1:/b")), Unreadable));
            Assert.Equal("SharesFileUnreadable", refused.ErrorId);
            var mounts = MountTable.ParseProcMounts($"nfs1:/a {NfsShareAddress.MountPointOf("nfs1:/a", "/var/lib/cinder/mnt")} nfs4 rw,vers=4.2 0 0\n");
            Assert.Equal(CinderMountStatus.Stale, Assert.Single(CinderMounts.Survey(config, _ => null, mounts)).Status);
            Assert.Empty(CinderMounts.Survey(config, _ => null, mounts, known: p => p != "/etc/cinder/g"));
        }

        [Fact]
        public void WorkersAreNamed_AcrossAPidWrap()
        {
            string log = string.Join("\n",
                "2026-12-02 10:00:00.000 32700 INFO cinder.volume.manager [-] Image-volume cache disabled for host cinder1@gold.",
                "2026-12-02 10:00:01.000 32760 INFO cinder.volume.manager [-] Starting volume driver NfsDriver (1.4.0)",
                "2026-12-02 10:00:02.000 32700 INFO cinder.volume.manager [-] Image-volume cache disabled for host cinder1@silver.",
                "2026-12-02 10:00:03.000 310 INFO cinder.volume.manager [-] Starting volume driver NfsDriver (1.4.0)");
            var drivers = CinderVolumeLog.Drivers(CinderVolumeLog.Parse(log));
            Assert.Equal(new[] { "gold:32760", "silver:310" }, drivers.Select(d => $"{d.BackendName}:{d.Pid}"));
        }
    }
}
