using System;
using System.Linq;
using NfsCinder.Cinder;
using NfsCinder.Nova;
using Xunit;

namespace NfsCinder.Tests
{
    /// <summary>What Set-NovaNfsSetting refuses before it touches a host, and how Cinder backends give nova its mount options.</summary>
    public sealed class NovaNfsEditTests
    {
        private static CinderNfsBackend Backend(string name, string section)
        {
            var config = new CinderConfiguration(IniDocument.Parse(
                "[DEFAULT]\nenabled_backends = gold,silver,plain\n" + section));
            return CinderNfsBackend.Describe(null, "cinder1", "/etc/cinder/cinder.conf", config.Find(name)!, "10.40.0.1:/srv/nfs/cinder\n");
        }

        private const string Sections = "[gold]\nvolume_driver = cinder.volume.drivers.nfs.NfsDriver\nnfs_mount_options = vers=4.1,timeo=600\n"
            + "[silver]\nvolume_driver = cinder.volume.drivers.nfs.NfsDriver\nnfs_mount_options = vers=4.1\nnas_mount_options = vers=4.1,timeo=600\n"
            + "[plain]\nvolume_driver = cinder.volume.drivers.nfs.NfsDriver\n";

        [Fact]
        public void BackendsThatMountAlike_GiveNovaTheirOptions_NasOverNfs()
        {
            var edit = new NovaNfsEdit();
            edit.MatchBackends(new[] { Backend("gold", Sections), Backend("silver", Sections) });
            var change = Assert.Single(edit.Changes);
            Assert.Equal("nfs_mount_options", change.Key.Key);
            Assert.Equal("vers=4.1,timeo=600", change.Value);
        }

        [Fact]
        public void ABackendWithoutOptions_RemovesNovas()
        {
            var edit = new NovaNfsEdit();
            edit.MatchBackends(new[] { Backend("plain", Sections) });
            Assert.Null(Assert.Single(edit.Changes).Value);
            Assert.Equal("Set [libvirt] nfs_mount_options to nova's default (remove it)", edit.Describe());
        }

        [Fact]
        public void BackendsThatDiffer_AreRefused_NamingEach()
        {
            var ex = Assert.Throws<ArgumentException>(() => new NovaNfsEdit().MatchBackends(new[] { Backend("gold", Sections), Backend("plain", Sections) }));
            Assert.Contains("cinder1/gold: vers=4.1,timeo=600", ex.Message);
            Assert.Contains("cinder1/plain: (none)", ex.Message);
            Assert.Contains("-MountOptions", ex.Message);
        }

        [Theory]
        [InlineData("relative/mnt")]
        [InlineData("/var/lib/nova/mnt dir")]
        [InlineData("$instances_path/mnt")]
        public void ABaseNovaWouldNotRead_IsRefused(string path) =>
            Assert.Throws<ArgumentException>(() => new NovaNfsEdit().Set(NovaNfsOptions.MountPointBase, path));

        [Theory]
        [InlineData("vers=4.1,,timeo=600")]
        [InlineData("vers=4.1 timeo=600")]
        [InlineData("-o vers=3")]
        public void OptionsThatAreNotAMountList_AreRefused(string options) =>
            Assert.Throws<ArgumentException>(() => new NovaNfsEdit().Set(NovaNfsOptions.MountOptions, options));

        [Fact]
        public void AnOptionGivenTwice_OrUnknown_IsRefused()
        {
            var edit = new NovaNfsEdit();
            edit.Set(NovaNfsOptions.MountOptions, "vers=3");
            Assert.Throws<ArgumentException>(() => edit.Unset("nfs_mount_options"));
            Assert.Throws<ArgumentException>(() => edit.Unset("instances_path"));
            Assert.Throws<ArgumentException>(() => edit.MatchBackends(Array.Empty<CinderNfsBackend>()));
        }
    }
}
