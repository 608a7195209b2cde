using System;
using System.IO;
using NfsCinder.Cinder;
using NfsCinder.Nova;
using Xunit;

namespace NfsCinder.Tests
{
    /// <summary>
    /// nova.conf's NFS options, on the file Debian ships (nova-common 2:26.2.2-1~deb12u5,
    /// /usr/share/nova-common/nova.conf, which its postinst installs as /etc/nova/nova.conf
    /// root:nova 0640): read as nova reads them, edited without touching another byte.
    /// </summary>
    public sealed class NovaConfigurationTests
    {
        internal static string Shipped() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "nova", "debian12-nova.conf.shipped"));

        private static NovaConfiguration Read(string text, string? pybasedir = null) => new NovaConfiguration(IniDocument.Parse(text), pybasedir);

        [Fact]
        public void TheShippedFile_MountsUnderVarLibNova_WithNoOptions()
        {
            var config = Read(Shipped());
            Assert.Null(config.MountPointBaseSetting);
            Assert.Equal("/var/lib/nova", config.StatePath);
            Assert.Equal("/var/lib/nova/mnt", config.MountPointBase);
            Assert.Null(config.MountOptions);
        }

        [Fact]
        public void WithoutStatePath_TheBaseIsWhereNovaIsInstalled()
        {
            Assert.Equal("/usr/lib/python3/dist-packages/mnt", Read("[libvirt]\n", "/usr/lib/python3/dist-packages").MountPointBase);
            // No nova on the host: nova's default cannot be told, and nothing pretends it can.
            Assert.Null(Read("[libvirt]\n").MountPointBase);
            Assert.Null(Read("[libvirt]\n").StatePath);
            Assert.Equal("/srv/mnt", Read("[libvirt]\nnfs_mount_point_base = /srv/mnt\n").MountPointBase);
        }

        [Fact]
        public void SettingBothOptions_OnTheShippedFile_PutsEachBelowItsCommentedExample()
        {
            string shipped = Shipped();
            var config = Read(shipped);
            var edit = new NovaNfsEdit();
            edit.Set(NovaNfsOptions.MountOptions, "vers=4.1,timeo=600");
            edit.Set(NovaNfsOptions.MountPointBase, "$state_path/nfs");
            Assert.True(edit.Apply(config));
            string after = config.Document.Render();
            Assert.Contains("#nfs_mount_point_base = $state_path/mnt\nnfs_mount_point_base = $state_path/nfs\n", after);
            Assert.Contains("#nfs_mount_options = <None>\nnfs_mount_options = vers=4.1,timeo=600\n", after);
            Assert.Equal(shipped.Split('\n').Length + 2, after.Split('\n').Length);
            Assert.Equal("/var/lib/nova/nfs", config.MountPointBase);
            Assert.Equal("vers=4.1,timeo=600", config.MountOptions);

            // The same edit again changes nothing; unsetting gives back the shipped bytes.
            Assert.False(edit.Apply(config));
            var undo = new NovaNfsEdit();
            undo.Unset("nfs_mount_options");
            undo.Unset("NFS_MOUNT_POINT_BASE");
            Assert.True(undo.Apply(config));
            Assert.Equal(shipped, config.Document.Render());
        }

        [Fact]
        public void AFileWithoutLibvirt_GetsTheSectionAtItsEnd()
        {
            var config = Read("[DEFAULT]\nstate_path = /var/lib/nova\n");
            var edit = new NovaNfsEdit();
            edit.Set(NovaNfsOptions.MountOptions, "vers=3");
            edit.Apply(config);
            Assert.Equal("[DEFAULT]\nstate_path = /var/lib/nova\n\n[libvirt]\nnfs_mount_options = vers=3\n", config.Document.Render());
        }
    }
}
