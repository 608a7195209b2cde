using System;
using System.IO;
using System.Linq;
using NfsCinder.Cinder;
using NfsCinder.Nova;
using Xunit;

namespace NfsCinder.Tests
{
    /// <summary>
    /// Test-NovaNfsHost's reading and verdicts, on what compute1 (Debian 12, libvirt 9.0, SELinux
    /// enforcing) printed for read-nova-host.sh and test-nova-shares.sh (Fixtures/nova/compute1-*).
    /// </summary>
    public sealed class NovaHostChecksTests
    {
        private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "nova", name));

        private static NovaHostState Compute1() => NovaHostState.Parse(Fixture("compute1-read-nova-host-no-conf.txt"), "/etc/nova/nova.conf.absent");

        [Fact]
        public void ReadsTheComputeHostsFacts()
        {
            var state = Compute1();
            Assert.Null(state.Config);
            Assert.Equal("/sbin/mount.nfs", state.MountNfs);
            Assert.Equal("Enforcing", state.SelinuxMode);
            Assert.False(state.VirtUseNfs);
            Assert.Equal("system_u:system_r:svirt_t:s0", state.QemuDomain);
            Assert.Equal("system_u:system_r:virtd_t:s0", state.LibvirtContext);
            Assert.Equal(new[] { "libvirtd", "qemu-system-x86_64" }, state.Hypervisor.Keys.OrderBy(k => k));
            Assert.Empty(state.Mounts); // NFS mounts only: none on compute1 then
        }

        [Fact]
        public void WithoutARunningDaemon_LibvirtsContextIsVirtdInTheDomainsLevel()
        {
            string text = Fixture("compute1-read-nova-host-no-conf.txt").Replace("system_u:system_r:virtd_t:s0\n", "");
            var state = NovaHostState.Parse(text, "/etc/nova/nova.conf.absent");
            Assert.Null(state.DaemonContext);
            Assert.Equal("system_u:system_r:virtd_t:s0", state.LibvirtContext);
        }

        [Fact]
        public void HostChecks_EnforcingWithTheBooleanOff_FailVirtUseNfs()
        {
            var checks = NovaHostChecks.Host(Compute1(), Array.Empty<CinderNfsBackend>()).ToList();
            Assert.Equal(new[] { "NovaConfiguration", "NfsClient", "Hypervisor", "SELinux", "VirtUseNfs" }, checks.Select(c => c.Check));
            Assert.Equal(CheckStatus.Warn, checks[0].Status);
            Assert.Equal(CheckStatus.Pass, checks[1].Status);
            Assert.Equal(CheckStatus.Pass, checks[2].Status);
            Assert.Equal(CheckStatus.Pass, checks[3].Status);
            Assert.Equal(CheckStatus.Fail, checks[4].Status);
            Assert.Equal("Enable-VirtUseNfs -Session $compute", checks[4].Remedy);
            Assert.All(checks.Where(c => c.Status == CheckStatus.Pass), c => Assert.Null(c.Remedy));
        }

        [Fact]
        public void HostChecks_PermissiveWithTheBooleanOff_OnlyWarn()
        {
            string text = Fixture("compute1-read-nova-host-no-conf.txt").Replace("@@NFSCINDER:selinux@@\nEnforcing", "@@NFSCINDER:selinux@@\nPermissive");
            var checks = NovaHostChecks.Host(NovaHostState.Parse(text, "/etc/nova/nova.conf.absent"), Array.Empty<CinderNfsBackend>()).ToList();
            Assert.Equal(CheckStatus.Warn, checks.Single(c => c.Check == "SELinux").Status);
            Assert.Equal(CheckStatus.Warn, checks.Single(c => c.Check == "VirtUseNfs").Status);
        }

        [Fact]
        public void ShareTests_ParseTheKernelsDecisionAndMountNfsMessages()
        {
            var tests = NovaShareTest.Parse(Fixture("compute1-test-nova-shares-off.txt"));
            Assert.Equal(3, tests.Count);
            Assert.Equal(0, tests[0].ExitCode);
            Assert.Equal("system_u:object_r:nfs_t:s0", tests[0].Label);
            Assert.Empty(tests[0].Access!);
            Assert.Empty(tests[0].DaemonAccess!);
            Assert.False(tests[0].MayAttach);
            Assert.Equal("qemu and libvirtd", tests[0].Denied);
            Assert.Equal(32, tests[1].ExitCode);
            Assert.Equal("mount.nfs: access denied by server while mounting 10.40.0.1:/srv/nothere", tests[1].Message);
            Assert.Null(tests[1].Access);
            Assert.Contains("requested NFS version or transport protocol is not supported", tests[2].Message);

            var on = Assert.Single(NovaShareTest.Parse(Fixture("compute1-test-nova-shares-on.txt")));
            Assert.True(on.MayAttach);
            Assert.Equal("", on.Denied);
        }

        [Fact]
        public void ShareChecks_GiveTheFixOfEachFailure()
        {
            var shares = new[] { "10.40.0.1:/srv/probe", "10.40.0.1:/srv/nothere" }
                .Select(s => new NovaHostChecks.Share(new CinderNfsShare(s), Array.Empty<CinderNfsBackend>())).ToList();
            var tests = NovaShareTest.Parse(Fixture("compute1-test-nova-shares-off.txt"));
            var checks = NovaHostChecks.Shares(Compute1(), shares, tests, TimeSpan.FromSeconds(15)).ToList();

            Assert.Equal(new[] { "ShareMountable", "DryAttach", "ShareMountable", "DryAttach" }, checks.Select(c => c.Check));
            Assert.Equal(CheckStatus.Pass, checks[0].Status);
            Assert.Equal(CheckStatus.Fail, checks[1].Status);
            Assert.Contains("denies qemu and libvirtd", checks[1].Detail);
            Assert.Contains("nfs_t", checks[1].Detail);
            Assert.Equal("Enable-VirtUseNfs -Session $compute", checks[1].Remedy);
            Assert.Equal(CheckStatus.Fail, checks[2].Status);
            Assert.Equal("Set-NfsExport -Session $nfs -Path /srv/nothere -AddClient '<address of this host>(rw,sync,no_subtree_check)' -Apply", checks[2].Remedy);
            Assert.Equal("Not tried: the share could not be mounted.", checks[3].Detail);
        }

        [Fact]
        public void ShareChecks_AfterVirtUseNfs_PassTheDryAttach()
        {
            var shares = new[] { new NovaHostChecks.Share(new CinderNfsShare("10.40.0.1:/srv/probe"), Array.Empty<CinderNfsBackend>()) };
            var tests = NovaShareTest.Parse(Fixture("compute1-test-nova-shares-on.txt"));
            var checks = NovaHostChecks.Shares(Compute1(), shares, tests, TimeSpan.FromSeconds(15)).ToList();
            Assert.All(checks, c => Assert.Equal(CheckStatus.Pass, c.Status));
        }

        [Theory]
        [InlineData(null, null, null)]
        [InlineData("vers=4.1", null, "vers=4.1")]
        [InlineData(null, "nconnect=4", "nconnect=4")]
        [InlineData("vers=4.1,timeo=600", " nconnect=4 ", "vers=4.1,timeo=600,nconnect=4")]
        public void NovaMountsWithItsOptionsThenTheSharesOwn(string? nova, string? share, string? expected) =>
            Assert.Equal(expected, NovaShareTest.MountOptionsFor(nova, share));

        [Fact]
        public void TheShareScript_GetsOneTripleEachAndABoundWithMargin()
        {
            var spec = NovaShareTest.Query(new[] { new NovaShareTest.Request("nfs1:/srv/a", null, null), new NovaShareTest.Request("nfs1:/srv/b", "/var/lib/nova/mnt/x", "vers=3") },
                "system_u:system_r:svirt_t:s0", null, TimeSpan.FromSeconds(15));
            Assert.Equal(new[] { "15", "system_u:system_r:svirt_t:s0", "-", "-", "nfs1:/srv/a", "-", "/var/lib/nova/mnt/x", "nfs1:/srv/b", "vers=3" }, spec.Arguments.Skip(spec.Arguments.Count - 9));
            Assert.True(spec.Timeout > TimeSpan.FromSeconds(15));
        }
    }
}
