using System;
using System.IO;
using System.Linq;
using NfsCinder.Cinder;
using Xunit;

namespace NfsCinder.Tests
{
    /// <summary>
    /// Test-CinderNfsBackend's verdicts on probe outputs captured from the lab's cinder1
    /// (Fixtures/cinder/probe), against Debian's cinder.conf with the nfs backend added.
    /// </summary>
    public class CinderBackendChecksTests
    {
        private static IniDocument Conf(CinderLayout layout = CinderLayout.MultiBackend)
        {
            var conf = IniDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "cinder", "debian12-cinder.conf.lab")));
            CinderBackendEditor.Apply(conf, new CinderNfsBackendSpec("nfs", layout, "/etc/cinder/nfsshares", new[] { new CinderNfsShare("nfs1:/nfs/cinder") }), _ => { });
            return conf;
        }

        private static CinderBackendProbe Probe(string name) =>
            CinderBackendProbe.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "cinder", "probe", name)));

        private static CinderBackendCheck[] Evaluate(string probe, IniDocument? conf = null) =>
            CinderBackendChecks.Evaluate(conf ?? Conf(), "nfs", (_, _) => Probe(probe), TimeSpan.FromSeconds(10)).ToArray();

        [Fact]
        public void Healthy_AllPass_InTheOrderAnAdminFixesThings()
        {
            var checks = Evaluate("healthy.txt");
            Assert.Equal(new[] { "Configuration", "SharesFile", "SharesFilePermissions", "VolumeService", "ShareReachable", "ShareMounted", "CinderCanWrite", "DriverStarted", "VolumeLog" },
                checks.Select(c => c.Check));
            Assert.All(checks, c => Assert.Equal(CheckStatus.Pass, c.Status));
            Assert.All(checks, c => Assert.Null(c.Remedy));
            Assert.Contains("/var/lib/cinder/mnt/caccbbbb31d51dea5710a7c957ef789b", checks.Single(c => c.Check == "ShareMounted").Detail);
        }

        [Fact]
        public void Probe_ParsesEverySection()
        {
            var probe = Probe("healthy.txt");
            Assert.Equal(("root", "cinder", "640"), (probe.SharesOwner, probe.SharesGroup, probe.SharesMode));
            Assert.Equal(("cinder-volume", "active"), (probe.Unit, probe.UnitState));
            Assert.Equal("64061", probe.CinderUid);
            Assert.Equal("/var/log/cinder/cinder-volume.log", probe.LogFile);
            var share = Assert.Single(probe.Shares);
            Assert.Equal((0, true, (int?)0), (share.ShowmountExit, share.Mounted, share.WriteExit));
        }

        [Fact]
        public void RootOwnedExport_CinderCannotWrite_AndTheLogSaysNonSecure()
        {
            var checks = Evaluate("root-owned-export.txt").ToDictionary(c => c.Check);
            Assert.Equal(CheckStatus.Fail, checks["CinderCanWrite"].Status);
            Assert.Contains("Permission denied", checks["CinderCanWrite"].Detail);
            Assert.Contains("-Owner 64061 -Group 64061", checks["CinderCanWrite"].Remedy);
            Assert.Equal(CheckStatus.Pass, checks["ShareMounted"].Status);
            Assert.Equal(CheckStatus.Warn, checks["VolumeLog"].Status);
            Assert.Contains("RevertedToNonSecure", checks["VolumeLog"].Detail);
        }

        [Fact]
        public void UnexportedShare_AndWorldReadableSharesFile()
        {
            var checks = Evaluate("unexported-share-and-open-mode.txt");
            Assert.Equal(CheckStatus.Warn, checks.Single(c => c.Check == "SharesFilePermissions").Status);
            Assert.Contains("root:root 644", checks.Single(c => c.Check == "SharesFilePermissions").Detail);
            var missing = checks.Where(c => c.Target == "nfs1:/nfs/missing").ToDictionary(c => c.Check);
            Assert.Equal(CheckStatus.Fail, missing["ShareReachable"].Status);
            Assert.Contains("does not export /nfs/missing", missing["ShareReachable"].Detail);
            Assert.StartsWith("New-NfsExport -Session $nfs -Path /nfs/missing", missing["ShareReachable"].Remedy);
            Assert.Equal(CheckStatus.Fail, missing["ShareMounted"].Status);
            Assert.Equal(CheckStatus.Warn, missing["CinderCanWrite"].Status);
        }

        [Fact]
        public void NoBackend_FailsOnce_WithoutProbing()
        {
            var conf = IniDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "cinder", "debian12-cinder.conf.lab")));
            var check = Assert.Single(CinderBackendChecks.Evaluate(conf, "nfs", (_, _) => throw new InvalidOperationException("must not probe"), TimeSpan.FromSeconds(1)));
            Assert.Equal(("Configuration", CheckStatus.Fail), (check.Check, check.Status));
            Assert.StartsWith("Set-CinderNfsBackend", check.Remedy);
        }

        [Fact]
        public void NotInEnabledBackends_Fails()
        {
            var conf = Conf();
            conf.Set("DEFAULT", "enabled_backends", "lvm");
            var check = Evaluate("healthy.txt", conf).Single(c => c.Check == "Configuration");
            Assert.Equal(CheckStatus.Fail, check.Status);
            Assert.Contains("not in enabled_backends (lvm)", check.Detail);
        }

        [Fact]
        public void DefaultLayout_WithEnabledBackends_Fails()
        {
            var conf = Conf(CinderLayout.Default);
            var check = Evaluate("healthy.txt", conf).Single(c => c.Check == "Configuration");
            Assert.Equal(CheckStatus.Fail, check.Status);
            Assert.Contains("enabled_backends = lvm", check.Detail);
        }
    }
}
