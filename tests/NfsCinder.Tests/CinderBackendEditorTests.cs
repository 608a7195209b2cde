using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NfsCinder.Cinder;
using Xunit;

namespace NfsCinder.Tests
{
    /// <summary>The backend edits Set-CinderNfsBackend makes, on Debian's real cinder.conf.</summary>
    public class CinderBackendEditorTests
    {
        private static string Shipped() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "cinder", "debian12-cinder.conf.shipped"));

        private static CinderNfsBackendSpec Spec(CinderLayout layout = CinderLayout.MultiBackend) =>
            new CinderNfsBackendSpec("nfs", layout, "/etc/cinder/nfsshares", new[] { new CinderNfsShare("10.40.0.1:/nfs/cinder") });

        [Fact]
        public void MultiBackend_KeepsLvmAddsNfsSection_AndChangesNothingElse()
        {
            string before = Shipped();
            var conf = IniDocument.Parse(before);
            var spec = Spec();
            spec.Options["nas_secure_file_operations"] = "auto";
            Assert.True(CinderBackendEditor.Apply(conf, spec, _ => { }));
            Assert.Equal("lvm,nfs", conf.Get("DEFAULT", "enabled_backends"));
            Assert.Equal(CinderNfsBackendSpec.DriverClass, conf.Get("nfs", "volume_driver"));
            Assert.Equal("/etc/cinder/nfsshares", conf.Get("nfs", "nfs_shares_config"));
            Assert.Equal("nfs", conf.Get("nfs", "volume_backend_name"));
            Assert.Equal("auto", conf.Get("nfs", "nas_secure_file_operations"));
            var oldLines = before.Split('\n');
            var newLines = conf.Render().Split('\n');
            // A blank line, [nfs] and its four keys.
            Assert.Equal(oldLines.Length + 6, newLines.Length);
            Assert.Single(oldLines.Except(newLines));
            Assert.False(CinderBackendEditor.Apply(conf, spec, _ => { }));
        }

        [Fact]
        public void Remove_GivesBackTheShippedFile()
        {
            string before = Shipped();
            var conf = IniDocument.Parse(before);
            CinderBackendEditor.Apply(conf, Spec(), _ => { });
            Assert.True(CinderBackendEditor.Remove(conf, "nfs", CinderLayout.MultiBackend));
            Assert.Equal(before, conf.Render());
            Assert.False(CinderBackendEditor.Remove(conf, "nfs", CinderLayout.MultiBackend));
        }

        [Fact]
        public void DefaultLayout_WarnsThatEnabledBackendsOverridesIt()
        {
            var conf = IniDocument.Parse(Shipped());
            var warnings = new List<string>();
            CinderBackendEditor.Apply(conf, Spec(CinderLayout.Default), warnings.Add);
            Assert.Equal(CinderNfsBackendSpec.DriverClass, conf.Get("DEFAULT", "volume_driver"));
            Assert.Contains(warnings, w => w.Contains("enabled_backends"));
            Assert.Equal((CinderLayout.Default, "DEFAULT"), CinderBackendEditor.Locate(conf, "nfs"));
        }

        [Fact]
        public void SharesFile_RendersOneSharePerLine_AndKeepsAnEquivalentFile()
        {
            var shares = new[] { new CinderNfsShare("10.40.0.1:/nfs/cinder"), new CinderNfsShare("nfs2:/srv/c", "vers=4.1") };
            string text = CinderBackendEditor.RenderShares(shares, null);
            Assert.EndsWith("10.40.0.1:/nfs/cinder\nnfs2:/srv/c -o vers=4.1\n", text);
            string handWritten = "# mine\n10.40.0.1:/nfs/cinder\n\nnfs2:/srv/c -o vers=4.1\n";
            Assert.Same(handWritten, CinderBackendEditor.RenderShares(shares, handWritten));
        }

        [Theory]
        [InlineData("10.40.0.1:/nfs/a b")]
        [InlineData("host:/x;reboot")]
        [InlineData("host:/$(id)")]
        [InlineData("no-colon")]
        [InlineData("host:relative")]
        public void Share_RejectsWhatCinderCannotTakeOrShellWouldRead(string share)
        {
            Assert.Throws<ArgumentException>(() => new CinderNfsShare(share));
        }

        [Fact]
        public void MountPoint_IsTheMd5OfTheShareString()
        {
            // Cinder: nfs_mount_point_base/<md5 of "server:/path">.
            Assert.Equal("/var/lib/cinder/mnt/" + Md5("10.40.0.1:/nfs/cinder"), CinderBackendEditor.MountPointOf("10.40.0.1:/nfs/cinder", "/var/lib/cinder/mnt/"));
        }

        private static string Md5(string text)
        {
            var psi = new System.Diagnostics.ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true };
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add("printf %s \"$1\" | md5sum | cut -d' ' -f1");
            psi.ArgumentList.Add("sh");
            psi.ArgumentList.Add(text);
            using var p = System.Diagnostics.Process.Start(psi)!;
            string output = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return output;
        }
    }
}
