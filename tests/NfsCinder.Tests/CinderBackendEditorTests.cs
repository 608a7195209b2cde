using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NfsCinder.Cinder;
using NfsCinder.Nfs;
using Xunit;

namespace NfsCinder.Tests
{
    /// <summary>The edits Set-, Add- and Remove- make of cinder.conf and shares files, on Debian's real cinder.conf and the lab's.</summary>
    public class CinderBackendEditorTests
    {
        private static readonly Version Zed = new Version(21, 3, 1);

        private static string Shipped() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "cinder", "debian12-cinder.conf.shipped"));

        private static CinderConfiguration Config(string? text = null) => new CinderConfiguration(IniDocument.Parse(text ?? Shipped()));

        private static CinderNfsBackendSpec Spec(string name = "nfs", CinderLayout layout = CinderLayout.MultiBackend, string? sharesFile = "/etc/cinder/nfsshares", params string[] shares) =>
            new CinderNfsBackendSpec(name, layout, sharesFile, (shares.Length == 0 ? new[] { "10.40.0.1:/nfs/cinder" } : shares).Select(s => new CinderNfsShare(s)).ToList());

        private static CinderBackendChange Apply(CinderConfiguration config, CinderNfsBackendSpec spec, Dictionary<string, string>? files = null, Version? version = null) =>
            CinderBackendEditor.Apply(config, spec, path => files is not null && files.TryGetValue(path, out var t) ? t : null, version ?? Zed);

        private static CinderConfigConflict Refused(Action action) => Assert.Throws<CinderConfigConflict>(action);

        [Fact]
        public void MultiBackend_KeepsLvmAddsNfsSection_AndChangesNothingElse()
        {
            string before = Shipped();
            var config = Config(before);
            var spec = Spec();
            spec.SetOption("nas_secure_file_operations", "auto");
            var change = Apply(config, spec);
            Assert.True(change.ConfigChanged);
            var conf = config.Document;
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
            Assert.Equal("/etc/cinder/nfsshares", change.SharesFile);
            Assert.EndsWith("\n10.40.0.1:/nfs/cinder\n", change.SharesText);
            Assert.False(Apply(config, spec, new Dictionary<string, string> { ["/etc/cinder/nfsshares"] = change.SharesText! }).ConfigChanged);
        }

        [Fact]
        public void Remove_GivesBackTheShippedFile()
        {
            string before = Shipped();
            var config = Config(before);
            Apply(config, Spec());
            Assert.True(CinderBackendEditor.Remove(config, config.Find("nfs")!));
            Assert.Equal(before, config.Document.Render());
            Assert.Null(config.Find("nfs"));
        }

        [Fact]
        public void SecondBackend_GetsAFileOfItsOwn_AndTheFirstKeepsHis()
        {
            var config = Config();
            Apply(config, Spec("gold", sharesFile: null, shares: "nfs1:/nfs/a"));
            var silver = Apply(config, Spec("silver", sharesFile: null, shares: "nfs1:/nfs/b"));
            Assert.Equal("/etc/cinder/nfsshares-gold", config.Find("gold")!.SharesFile);
            Assert.Equal("/etc/cinder/nfsshares-silver", silver.SharesFile);
            Assert.Equal("lvm,gold,silver", config.Document.Get("DEFAULT", "enabled_backends"));
            Assert.Equal("/etc/cinder/nfsshares", CinderNfsBackendSpec.DefaultSharesFileFor("nfs"));
        }

        [Fact]
        public void AnotherBackendsSharesFile_IsRefused_NamingThatBackend_BeforeAnyEdit()
        {
            var config = Config();
            Apply(config, Spec("gold", sharesFile: "/etc/cinder/nfsshares", shares: "nfs1:/nfs/a"));
            string before = config.Document.Render();
            var refused = Refused(() => Apply(config, Spec("silver", sharesFile: "/etc/cinder/nfsshares", shares: "nfs1:/nfs/b")));
            Assert.Equal("SharesFileInUse", refused.ErrorId);
            Assert.Contains("backend 'gold'", refused.Message);
            Assert.Contains("-SharesFile /etc/cinder/nfsshares-silver", refused.Remedy);
            Assert.Equal(before, config.Document.Render());
        }

        [Fact]
        public void ABackendWithoutSharesConfig_OwnsCindersDefaultFile()
        {
            // Cinder reads /etc/cinder/nfs_shares when nfs_shares_config is unset (nfs.py).
            var config = Config(Shipped() + "\n[old]\nvolume_driver = cinder.volume.drivers.nfs.NfsDriver\n");
            config.Document.Set("DEFAULT", "enabled_backends", "lvm,old");
            Assert.Equal("/etc/cinder/nfs_shares", config.Find("old")!.SharesFile);
            var refused = Refused(() => Apply(config, Spec("new", sharesFile: "/etc/cinder/nfs_shares")));
            Assert.Contains("backend 'old'", refused.Message);
        }

        [Fact]
        public void ExistingBackend_KeepsItsFileAndShares_AndVolumeBackendName_WhenNotRestated()
        {
            var config = Config();
            var first = Apply(config, Spec("gold", sharesFile: "/etc/cinder/gold.shares", shares: "nfs1:/nfs/a"));
            config.Document.Set("gold", "volume_backend_name", "tier1");
            var files = new Dictionary<string, string> { ["/etc/cinder/gold.shares"] = first.SharesText! };
            var spec = new CinderNfsBackendSpec("gold", CinderLayout.MultiBackend, null, null);
            spec.SetOption("nfs_mount_options", "vers=4.1");
            var change = Apply(config, spec, files);
            Assert.Equal("/etc/cinder/gold.shares", change.SharesFile);
            Assert.Equal(first.SharesText, change.SharesText);
            Assert.Equal("tier1", config.Document.Get("gold", "volume_backend_name"));
            Assert.Equal("vers=4.1", change.Backend.MountOptions);
        }

        [Fact]
        public void NewBackendWithoutShares_IsRefused()
        {
            var refused = Refused(() => Apply(Config(), new CinderNfsBackendSpec("gold", CinderLayout.MultiBackend, null, null)));
            Assert.Equal("SharesRequired", refused.ErrorId);
        }

        [Fact]
        public void DefaultLayout_IsRefusedOnCinderTenAndLater_WithCindersOwnWords()
        {
            var config = Config("[DEFAULT]\nstate_path = /var/lib/cinder\n");
            var refused = Refused(() => Apply(config, Spec(layout: CinderLayout.Default), version: new Version(21, 3, 1)));
            Assert.Equal("DefaultLayoutNotSupported", refused.ErrorId);
            Assert.Contains("not supported since Ocata", refused.Message);
            Assert.Contains("-Layout MultiBackend", refused.Remedy);
        }

        [Fact]
        public void DefaultLayout_BesideEnabledBackends_IsRefused_AndOnAnOldCinderWritten()
        {
            Assert.Equal("DefaultLayoutIgnored", Refused(() => Apply(Config(), Spec(layout: CinderLayout.Default), version: new Version(9, 1))).ErrorId);
            var config = Config("[DEFAULT]\nstate_path = /var/lib/cinder\n");
            var change = Apply(config, Spec(layout: CinderLayout.Default), version: new Version(9, 1));
            Assert.Equal(CinderNfsBackendSpec.DriverClass, config.Document.Get("DEFAULT", "volume_driver"));
            Assert.Equal(CinderLayout.Default, change.Backend.Layout);
            var unknown = CinderBackendEditor.Apply(Config("[DEFAULT]\n"), Spec(layout: CinderLayout.Default), _ => null, null);
            Assert.Contains(unknown.Notes, n => n.Contains("version on this host is unknown"));
        }

        [Fact]
        public void TheSeedsLayout_MovesIntoASection()
        {
            var config = Config("[DEFAULT]\nvolume_driver = cinder.volume.drivers.nfs.NfsDriver\nnfs_shares_config = /etc/cinder/seed-shares\nstate_path = /var/lib/cinder\n");
            Assert.Equal(CinderLayout.Default, config.Find("nfs")!.Layout);
            var files = new Dictionary<string, string> { ["/etc/cinder/seed-shares"] = "10.40.0.1:/nfs/cinder\n" };
            var change = Apply(config, new CinderNfsBackendSpec("nfs", CinderLayout.MultiBackend, null, null), files);
            Assert.Null(config.Document.Get("DEFAULT", "volume_driver"));
            Assert.Equal("nfs", config.Document.Get("DEFAULT", "enabled_backends"));
            // It keeps the shares file [DEFAULT] named, and its shares.
            Assert.Equal("/etc/cinder/seed-shares", config.Document.Get("nfs", "nfs_shares_config"));
            Assert.Equal("10.40.0.1:/nfs/cinder\n", change.SharesText);
            Assert.Equal(CinderLayout.MultiBackend, change.Backend.Layout);
            Assert.Contains(change.Notes, n => n.StartsWith("Moved the NFS backend from [DEFAULT]", StringComparison.Ordinal));
        }

        [Fact]
        public void Unset_RemovesOptionsAndObsoleteKeys_AndTheNotesNameTheObsoleteOnes()
        {
            var config = Config(Shipped() + "\n[gold]\nvolume_driver = cinder.volume.drivers.nfs.NfsDriver\nnfs_shares_config = /etc/cinder/g\nnfs_used_ratio = 0.95\nnfs_oversub_ratio = 2.0\nnfs_mount_attempts = 5\n");
            var files = new Dictionary<string, string> { ["/etc/cinder/g"] = "nfs1:/nfs/a\n" };
            var notes = Apply(config, new CinderNfsBackendSpec("gold", CinderLayout.MultiBackend, null, null), files).Notes;
            Assert.Contains(notes, n => n.StartsWith("nfs_used_ratio is removed in Cinder 8.0.0", StringComparison.Ordinal) && n.Contains("reserved_percentage"));
            Assert.Contains(notes, n => n.StartsWith("nfs_oversub_ratio", StringComparison.Ordinal) && n.Contains("max_over_subscription_ratio"));
            var spec = new CinderNfsBackendSpec("gold", CinderLayout.MultiBackend, null, null);
            spec.UnsetOption("nfs_used_ratio");
            spec.UnsetOption("nfs_oversub_ratio");
            spec.UnsetOption("nfs_mount_attempts");
            spec.SetOption("reserved_percentage", 5);
            var change = Apply(config, spec, files);
            Assert.True(change.ConfigChanged);
            Assert.Null(config.Document.Get("gold", "nfs_used_ratio"));
            Assert.Null(config.Document.Get("gold", "nfs_mount_attempts"));
            Assert.Equal("3", change.Backend.Effective("nfs_mount_attempts"));
            Assert.Equal("5", config.Document.Get("gold", "reserved_percentage"));
            Assert.DoesNotContain(change.Notes, n => n.Contains("nfs_used_ratio"));
        }

        [Fact]
        public void SnapshotsWithSecureOperations_AreRefused_AsCinderRefusesThem()
        {
            var spec = Spec();
            spec.SetOption("nfs_snapshot_support", true);
            var refused = Refused(() => Apply(Config(), spec));
            Assert.Equal("SnapshotsNeedInsecureOperations", refused.ErrorId);
            Assert.Contains("'auto'", refused.Message);
            Assert.Contains("-NasSecureFileOperations false", refused.Remedy);
            var allowed = Spec();
            allowed.SetOption("nfs_snapshot_support", true);
            allowed.SetOption("nas_secure_file_operations", "false");
            Assert.True(Apply(Config(), allowed).ConfigChanged);
        }

        [Fact]
        public void NasHostAndPath_MakeCinderIgnoreTheSharesFile_SoSharesWithThemAreRefused()
        {
            var spec = Spec();
            spec.SetOption("nas_host", "fd40::1");
            spec.SetOption("nas_share_path", "/nfs/v6");
            var refused = Refused(() => Apply(Config(), spec));
            Assert.Equal("SharesFileIgnored", refused.ErrorId);
            var nas = new CinderNfsBackendSpec("nas", CinderLayout.MultiBackend, null, null);
            nas.SetOption("nas_host", "fd40::1");
            nas.SetOption("nas_share_path", "/nfs/v6");
            var config = Config();
            var change = Apply(config, nas);
            Assert.Equal("[fd40::1]", config.Document.Get("nas", "nas_host"));
            Assert.Null(change.SharesFile);
            Assert.Equal("[fd40::1]:/nfs/v6", change.Backend.NasShare!.Share);
            Assert.Contains(change.Notes, n => n.Contains("does not read the shares file"));
        }

        [Fact]
        public void NasMountOptions_OverrideNfsMountOptions_AndTheNoteSaysSo()
        {
            var spec = Spec();
            spec.SetOption("nfs_mount_options", "vers=4.1");
            spec.SetOption("nas_mount_options", "vers=4.2");
            var change = Apply(Config(), spec);
            Assert.Equal("vers=4.2", change.Backend.MountOptions);
            Assert.Equal("nas_mount_options", change.Backend.MountOptionsKey);
            Assert.Contains(change.Notes, n => n.Contains("Cinder ignores nfs_mount_options (vers=4.1)"));
        }

        [Fact]
        public void AVersionInBothTheBackendsAndAShareOptions_IsRefused_AsMountNfsRefusesIt()
        {
            var spec = new CinderNfsBackendSpec("gold", CinderLayout.MultiBackend, null, new[] { new CinderNfsShare("nfs1:/nfs/a", "vers=3") });
            spec.SetOption("nfs_mount_options", "vers=4.1");
            var refused = Refused(() => Apply(Config(), spec));
            Assert.Equal("MultipleVersionOptions", refused.ErrorId);
            Assert.Contains("multiple version options not permitted", refused.Message);
        }

        [Fact]
        public void AShareVersionWithoutABackendVersion_IsWarnedOf()
        {
            // Measured on cinder1: os-brick's own vers=4,minorversion=2 on top of the share's
            // vers=4.1 made mount.nfs refuse the first attempt of each such share.
            var change = Apply(Config(), new CinderNfsBackendSpec("gold", CinderLayout.MultiBackend, null, new[] { new CinderNfsShare("nfs1:/nfs/a", "vers=4.1") }));
            Assert.Contains(change.Notes, n => n.Contains("multiple version options not permitted"));
        }

        [Fact]
        public void SharesOfOneServerAskingDifferentTimeouts_AreWarnedOf_UnlessNosharecache()
        {
            var spec = new CinderNfsBackendSpec("gold", CinderLayout.MultiBackend, null,
                new[] { new CinderNfsShare("nfs1:/nfs/a", "timeo=100"), new CinderNfsShare("nfs1:/nfs/b", "timeo=200"), new CinderNfsShare("nfs2:/nfs/c", "timeo=300") });
            var notes = Apply(Config(), spec).Notes;
            Assert.Contains(notes, n => n.StartsWith("The shares of nfs1 (nfs1:/nfs/a, nfs1:/nfs/b) ask for different timeo", StringComparison.Ordinal) && n.Contains("nosharecache"));
            Assert.DoesNotContain(notes, n => n.Contains("The shares of nfs2"));
            var separate = new CinderNfsBackendSpec("gold", CinderLayout.MultiBackend, null,
                new[] { new CinderNfsShare("nfs1:/nfs/a", "timeo=100,nosharecache"), new CinderNfsShare("nfs1:/nfs/b", "timeo=200,nosharecache") });
            Assert.DoesNotContain(Apply(Config(), separate).Notes, n => n.Contains("ask for different timeo"));
        }

        [Fact]
        public void DefaultSectionOptions_AreNotedAsUnreadByABackend_ButBackendDefaultsAre()
        {
            var config = Config("[DEFAULT]\nenabled_backends = gold\nnfs_mount_options = vers=3\n[backend_defaults]\nnfs_mount_attempts = 7\n[gold]\nvolume_driver = cinder.volume.drivers.nfs.NfsDriver\nnfs_shares_config = /etc/cinder/g\n");
            var gold = config.Find("gold")!;
            Assert.Null(gold.MountOptions);
            Assert.Equal("7", gold.Effective("nfs_mount_attempts"));
            Assert.Contains(gold.Notes(), n => n.StartsWith("[DEFAULT] sets nfs_mount_options", StringComparison.Ordinal));
        }

        [Fact]
        public void EditShares_AddsAndRemovesOneShare_KeepingTheRestOfTheFile()
        {
            var config = Config();
            Apply(config, Spec("gold", sharesFile: "/etc/cinder/g", shares: "nfs1:/nfs/a"));
            string file = "# gold tier, see ticket 42\nnfs1:/nfs/a\n";
            var added = CinderBackendEditor.EditShares(config, "gold", _ => file, f => f.Add(new CinderNfsShare("nfs1:/nfs/b", "timeo=100")));
            Assert.Equal("# gold tier, see ticket 42\nnfs1:/nfs/a\nnfs1:/nfs/b -o timeo=100\n", added.SharesText);
            var removed = CinderBackendEditor.EditShares(config, "gold", _ => added.SharesText, f => f.Remove("nfs1:/nfs/a"));
            Assert.Equal("# gold tier, see ticket 42\nnfs1:/nfs/b -o timeo=100\n", removed.SharesText);
            Assert.Equal("LastShare", Refused(() => CinderBackendEditor.EditShares(config, "gold", _ => removed.SharesText, f => f.Remove("nfs1:/nfs/b"))).ErrorId);
            Assert.Equal("CinderBackendNotFound", Refused(() => CinderBackendEditor.EditShares(config, "bronze", _ => null, f => { })).ErrorId);
        }

        [Theory]
        [InlineData("10.40.0.1:/nfs/a b")]
        [InlineData("host:/x;reboot")]
        [InlineData("host:/$(id)")]
        [InlineData("no-colon")]
        [InlineData("host:relative")]
        [InlineData("h:/x\0y")]
        [InlineData("h:/x\u2028y")]
        [InlineData("fd40::1:/nfs/v6")]
        [InlineData("nfs1:/")]
        public void Share_RejectsWhatCinderCannotTakeOrShellWouldRead(string share)
        {
            Assert.Throws<ArgumentException>(() => new CinderNfsShare(share));
        }

        [Fact]
        public void ControlCharacters_GetTheSameMessageWhereverTheyAre()
        {
            string Message(Action a) => Assert.Throws<ArgumentException>(a).Message;
            Assert.Contains("contains a NUL character (U+0000)", Message(() => new CinderNfsShare("h:/x\0y")));
            Assert.Contains("contains a NUL character (U+0000)", Message(() => new CinderNfsShare("h:/x", "vers=4\0")));
            Assert.Contains("contains a NUL character (U+0000)", Message(() => Spec("go\0ld")));
            Assert.Contains("contains a NUL character (U+0000)", Message(() => Spec(sharesFile: "/etc/cinder/x\0")));
            Assert.Contains("contains a line feed (U+000A)", Message(() => Spec().SetOption("nas_login", "a\nb")));
            Assert.All(new[] { Message(() => new CinderNfsShare("h:/x\0y")), Message(() => Spec("go\0ld")) },
                m => Assert.EndsWith("a value written to a host's files must be one line of printable characters.", m));
        }

        [Fact]
        public void SharesFile_RendersOneSharePerLine_AndKeepsAnEquivalentFile()
        {
            var file = CinderSharesFile.Parse(null);
            file.ReplaceAll(new[] { new CinderNfsShare("10.40.0.1:/nfs/cinder"), new CinderNfsShare("nfs2:/srv/c", "vers=4.1") });
            Assert.EndsWith("10.40.0.1:/nfs/cinder\nnfs2:/srv/c -o vers=4.1\n", file.Render());
            string handWritten = "# mine\n10.40.0.1:/nfs/cinder\n\nnfs2:/srv/c -o vers=4.1\n";
            var kept = CinderSharesFile.Parse(handWritten);
            Assert.False(kept.ReplaceAll(new[] { new CinderNfsShare("10.40.0.1:/nfs/cinder"), new CinderNfsShare("nfs2:/srv/c", "vers=4.1") }));
            Assert.Equal(handWritten, kept.Render());
        }

        [Fact]
        public void MountPoint_IsTheMd5OfTheShareString()
        {
            // Cinder: nfs_mount_point_base/<md5 of "server:/path">, the string exactly as written.
            Assert.Equal("/var/lib/cinder/mnt/" + Md5("10.40.0.1:/nfs/cinder"), NfsShareAddress.Parse("10.40.0.1:/nfs/cinder").MountPointUnder("/var/lib/cinder/mnt/"));
            Assert.Equal("/var/lib/cinder/mnt/" + Md5("[fd40::1]:/nfs/v6"), NfsShareAddress.MountPointOf("[fd40::1]:/nfs/v6", "/var/lib/cinder/mnt"));
            // The real mount points on cinder1 (Fixtures/cinder/cinder1-mounts-gold-silver.txt).
            Assert.Equal("/var/lib/cinder/mnt/cc68fb271362f563845f994f157872f6", NfsShareAddress.MountPointOf("10.40.0.1:/nfs/a", "/var/lib/cinder/mnt"));
        }

        internal static string Md5(string text)
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
