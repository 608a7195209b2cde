using System;
using System.IO;
using System.Linq;
using NfsCinder.Cinder;
using NfsCinder.Diagnosis;
using Xunit;

namespace NfsCinder.Tests
{
    /// <summary>
    /// Test-CinderNfsBackend's verdicts on probe outputs captured from the lab's cinder1
    /// (Fixtures/cinder/probe, each written by Scripts/probe-cinder-backend.sh on the real host),
    /// with the cinder.conf the probe read there.
    /// </summary>
    public class CinderBackendChecksTests
    {
        private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(12);

        private static CinderBackendProbe Probe(string name) =>
            CinderBackendProbe.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "cinder", "probe", name)));

        private static CinderConfiguration ConfigOf(CinderBackendProbe probe) => new CinderConfiguration(IniDocument.Parse(probe.TextOf(CinderPaths.ConfigFile)!));

        private static CinderBackendCheck[] Evaluate(string probeName, string backend = "nfs", Action<IniDocument>? edit = null)
        {
            var probe = Probe(probeName);
            var config = ConfigOf(probe);
            edit?.Invoke(config.Document);
            return CinderBackendChecks.Evaluate(config, backend, probe, Deadline, CinderPaths.ConfigFile).ToArray();
        }

        [Fact]
        public void TwoBackends_ThreeShares_AllPass_InTheOrderAnAdminFixesThings()
        {
            var silver = Evaluate("healthy-gold-silver.txt", "silver");
            Assert.All(silver, c => Assert.Equal(CheckStatus.Pass, c.Status));
            Assert.All(silver, c => Assert.Null(c.Remedy));
            var gold = Evaluate("healthy-gold-silver.txt", "gold");
            // gold's shares name their versions in their own options: each first mount was refused
            // once (os-brick's vers=4,minorversion=2 on top), as the real log says; all else passes.
            Assert.All(gold.Where(c => c.Check != "VolumeLog"), c => Assert.Equal(CheckStatus.Pass, c.Status));
            var volumeLog = gold.Single(c => c.Check == "VolumeLog");
            Assert.Equal(CheckStatus.Warn, volumeLog.Status);
            Assert.Contains("The NfsDriver started, and logged: MultipleVersionOptions x2", volumeLog.Detail);
            Assert.Equal(new[] { "Configuration", "SharesFile", "SharesFilePermissions", "VolumeService",
                "ShareReachable", "ShareMounted", "MountOptions", "CinderCanWrite", "ShareReachable", "ShareMounted", "MountOptions", "CinderCanWrite",
                "StaleMounts", "DriverStarted", "VolumeLog" }, gold.Select(c => c.Check));
            // Each backend's own worker, told apart by the parent's fork order (lvm 535, gold 539, silver 543).
            Assert.Contains("NfsDriver [gold] (pid 539): Initialized", gold.Single(c => c.Check == "DriverStarted").Detail);
            Assert.Contains("NfsDriver [silver] (pid 543)", Evaluate("healthy-gold-silver.txt", "silver").Single(c => c.Check == "DriverStarted").Detail);
            // The options Cinder's mounts really carry: per share vers=4.1 and vers=3, the backend's vers=4.2.
            Assert.Contains("vers=4.1", gold.First(c => c.Check == "ShareMounted").Detail);
            Assert.Contains("nfs vers=3", gold.Where(c => c.Check == "ShareMounted").Last().Detail);
            Assert.Contains("live options carry vers=4.2", Evaluate("healthy-gold-silver.txt", "silver").Single(c => c.Check == "MountOptions").Detail);
        }

        [Fact]
        public void Probe_ParsesEverySection()
        {
            var probe = Probe("healthy-gold-silver.txt");
            var gold = probe.Files["/etc/cinder/nfsshares-gold"]!;
            Assert.Equal(("root", "cinder", "640"), (gold.Owner, gold.Group, gold.Mode));
            Assert.Null(probe.Files["/etc/cinder/nfs_shares"]);
            Assert.Equal(("cinder-volume", "active"), (probe.Unit, probe.UnitState));
            Assert.Equal("64061", probe.CinderUid);
            Assert.Equal(new Version(21, 3, 1), probe.CinderVersion);
            Assert.Equal("/var/log/cinder/cinder-volume.log", probe.LogFile);
            Assert.Equal(3, probe.Checks.Count(c => c.Kind == "write" && c.Passed));
            Assert.True(probe.Check("rpc4", "nfs1")!.Passed);
            Assert.True(probe.Check("rpc3", "10.40.0.1")!.Passed);
            Assert.True(probe.CheckSeconds >= 2);
        }

        [Fact]
        public void DeadServer_EveryShareFails_WithinOneBound()
        {
            // nfsd stopped on nfs1: 2049 refuses, showmount finds no mountd, the mounts hang
            // until the probe kills the write checks at the bound.
            var probe = Probe("dead-server.txt");
            Assert.All(probe.Checks.Where(c => c.Kind == "write"), c => Assert.True(c.OutOfTime));
            var gold = Evaluate("dead-server.txt", "gold").ToLookup(c => c.Check);
            Assert.All(gold["ShareReachable"], c => Assert.Equal(CheckStatus.Fail, c.Status));
            Assert.All(gold["ShareReachable"], c => Assert.Contains("Nothing answers NFS on 10.40.0.1:2049", c.Detail));
            Assert.All(gold["CinderCanWrite"], c => Assert.Contains($"did not answer within {probe.CheckSeconds} s", c.Detail));
        }

        [Fact]
        public void NfsV4OnlyServer_IsAWarning_NotAFailure_ButAShareAskingForV3Fails()
        {
            // nfs1 with vers3=n and rpcbind masked: showmount cannot read its exports, NFSv4 answers on 2049.
            var gold = Evaluate("v4-only-server.txt", "gold");
            var a = gold.Where(c => c.Target == "10.40.0.1:/nfs/a").ToDictionary(c => c.Check);
            Assert.Equal(CheckStatus.Warn, a["ShareReachable"].Status);
            Assert.Contains("NFSv4-only server", a["ShareReachable"].Detail);
            Assert.Contains("v4 answers, v3 no", a["ShareReachable"].Detail);
            Assert.Equal(CheckStatus.Pass, a["CinderCanWrite"].Status);
            var b = gold.Where(c => c.Target == "10.40.0.1:/nfs/b").ToDictionary(c => c.Check);
            Assert.Equal(CheckStatus.Fail, b["ShareReachable"].Status);
            Assert.Contains("ask for NFSv3 (vers=3), but 10.40.0.1 answers only NFSv4", b["ShareReachable"].Detail);
            Assert.Contains("Protocol not supported", b["CinderCanWrite"].Detail);
            Assert.DoesNotContain("-Owner", b["CinderCanWrite"].Remedy);
            Assert.Equal(CheckStatus.Warn, Evaluate("v4-only-server.txt", "silver").Single(c => c.Check == "ShareReachable").Status);
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
        public void ChangedOptions_AndADroppedShare_AreReported()
        {
            // cinder.conf edited after the mounts: silver asks for vers=3 now, and gold drops /nfs/b.
            var probe = Probe("healthy-gold-silver.txt");
            var config = ConfigOf(probe);
            config.Document.Set("silver", "nfs_mount_options", "vers=3");
            var files = probe.Files.ToDictionary(f => f.Key, f => f.Value);
            probe.Files = files;
            files["/etc/cinder/nfsshares-gold"] = new Files.RemoteFileContent("/etc/cinder/nfsshares-gold", System.Text.Encoding.UTF8.GetBytes("10.40.0.1:/nfs/a -o vers=4.1\n"), "root", "cinder", "640");
            var silver = CinderBackendChecks.Evaluate(config, "silver", probe, Deadline, CinderPaths.ConfigFile).ToDictionary(c => c.Check);
            Assert.Equal(CheckStatus.Warn, silver["MountOptions"].Status);
            Assert.Contains("vers=3 (live: vers=4.2)", silver["MountOptions"].Detail);
            Assert.StartsWith("Restart-CinderVolumeService", silver["MountOptions"].Remedy);
            var stale = CinderBackendChecks.Evaluate(config, "gold", probe, Deadline, CinderPaths.ConfigFile).Single(c => c.Check == "StaleMounts");
            Assert.Equal(CheckStatus.Warn, stale.Status);
            Assert.Contains("10.40.0.1:/nfs/b on /var/lib/cinder/mnt/e3ee2e52f1f8eb2afb10389e0681014a", stale.Detail);
        }

        [Fact]
        public void NoBackend_FailsOnce()
        {
            var check = Assert.Single(Evaluate("healthy-gold-silver.txt", "bronze"));
            Assert.Equal(("Configuration", CheckStatus.Fail), (check.Check, check.Status));
            Assert.StartsWith("Set-CinderNfsBackend", check.Remedy);
        }

        [Fact]
        public void NotInEnabledBackends_Fails()
        {
            var check = Evaluate("healthy-gold-silver.txt", "gold", d => d.Set("DEFAULT", "enabled_backends", "lvm,silver")).Single(c => c.Check == "Configuration");
            Assert.Equal(CheckStatus.Fail, check.Status);
            Assert.Contains("not in enabled_backends (lvm,silver)", check.Detail);
        }

        [Fact]
        public void DefaultLayout_OnCinder21_Fails_WithCindersReason()
        {
            var check = Evaluate("root-owned-export.txt", "nfs", d =>
            {
                d.RemoveSection("nfs");
                d.Remove("DEFAULT", "enabled_backends");
                d.Set("DEFAULT", "volume_driver", CinderConfiguration.NfsDriverClass);
                d.Set("DEFAULT", "nfs_shares_config", "/etc/cinder/nfsshares");
            }).Single(c => c.Check == "Configuration");
            Assert.Equal(CheckStatus.Fail, check.Status);
            Assert.Contains("Cinder 21.3.1 does not read", check.Detail);
            Assert.Contains("not supported since Ocata", check.Detail);
        }

        [Fact]
        public void SnapshotsWithSecureOperations_Fail()
        {
            var check = Evaluate("healthy-gold-silver.txt", "gold", d => d.Set("gold", "nfs_snapshot_support", "true")).Single(c => c.Check == "Configuration");
            Assert.Equal(CheckStatus.Fail, check.Status);
            Assert.Contains("Snapshots are not supported", check.Detail);
        }
    }
}
