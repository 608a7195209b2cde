using System;
using System.IO;
using System.Linq;
using NfsCinder.Nfs;
using Xunit;

namespace NfsCinder.Tests
{
    /// <summary>
    /// Asked options against live ones, on mounts made on the lab's cinder1 with those very options
    /// (Fixtures/nfs/cinder1-mount-options.mounts: /mnt/o1..o4 of nfs1:/nfs/a, /mnt/o6 over IPv6).
    /// </summary>
    public class MountOptionComparisonTests
    {
        private static MountTableEntry Live(string mountPoint) =>
            MountTable.ParseProcMounts(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "nfs", "cinder1-mount-options.mounts")))
                .Where(m => m.MountPoint == mountPoint).Last();

        private static MountOptionComparison Compare(string mountPoint, params string?[] asked) => MountOptionComparison.Compare(asked, Live(mountPoint).Options);

        [Theory]
        [InlineData("/mnt/o1", "vers=4.1,soft,timeo=50,retrans=3")]
        [InlineData("/mnt/o2", "nfsvers=3,nolock,actimeo=30,rsize=1048576")]
        [InlineData("/mnt/o3", "vers=4,minorversion=1,noac,lookupcache=none,nosharecache")]
        [InlineData("/mnt/o4", "v4.2,hard,proto=tcp,noatime,nodev")]
        public void TheOptionsAMountWasMadeWith_Match(string mountPoint, string options)
        {
            var comparison = Compare(mountPoint, options);
            Assert.True(comparison.Matches, comparison.ToString());
        }

        [Fact]
        public void AnotherVersion_OrRecovery_OrTimeout_Differs()
        {
            Assert.Equal("vers=4.2 (live: vers=4.1)", Compare("/mnt/o1", "vers=4.2").ToString());
            Assert.Equal("vers=3 (live: vers=4.1)", Compare("/mnt/o1", "nfsvers=3").ToString());
            Assert.Equal("hard (live: soft)", Compare("/mnt/o1", "hard").ToString());
            Assert.Equal("timeo=600 (live: timeo=50)", Compare("/mnt/o1", "timeo=600").ToString());
            Assert.Equal("noac (live: not set)", Compare("/mnt/o1", "noac").ToString());
            Assert.Equal("ac (live: noac)", Compare("/mnt/o3", "ac").ToString());
            Assert.Equal("lookupcache=positive (live: lookupcache=none)", Compare("/mnt/o3", "lookupcache=positive").ToString());
        }

        [Fact]
        public void LaterOptionsWin_AsTheyDoForMount()
        {
            // The backend's options, then the share's own (os-brick's order).
            Assert.True(Compare("/mnt/o2", "vers=4.1,soft", "vers=3,hard").Matches);
            Assert.False(Compare("/mnt/o2", "vers=3", "vers=4.1").Matches);
        }

        [Fact]
        public void VersFour_IsWhatever4xTheyAgreedOn_AndNoVersionIsAnyVersion()
        {
            Assert.True(Compare("/mnt/o4", "vers=4").Matches);
            Assert.True(Compare("/mnt/o1", "nfsvers=4").Matches);
            Assert.True(Compare("/mnt/o2", (string?)null).Matches);
            Assert.True(Compare("/mnt/o2", "timeo=600").Matches);
        }

        [Fact]
        public void WhatTheKernelDoesNotShow_IsLeftOut_AndCappedSizesAreFine()
        {
            var comparison = Compare("/mnt/o1", "_netdev,nofail,bg,rsize=1048576,wsize=1048576,defaults");
            Assert.True(comparison.Matches, comparison.ToString());
            Assert.False(Compare("/mnt/o1", "rsize=32768").Matches);
            Assert.Contains("fsc", Compare("/mnt/o1", "x-systemd.automount,fsc").Differences.Select(d => d.Option));
        }

        [Fact]
        public void IPv6_ShowsTcp6_ForTcp()
        {
            Assert.True(Compare("/mnt/o6", "vers=3,proto=tcp6").Matches);
            Assert.True(Compare("/mnt/o6", "proto=tcp").Matches);
            Assert.Equal("mountproto", Compare("/mnt/o6", "mountproto=tcp").Differences.Single().Option);
        }

        [Fact]
        public void Versions_AsOsBrickSeesThem()
        {
            Assert.True(MountOptionComparison.NamesVersion("timeo=600,vers=4.1"));
            Assert.True(MountOptionComparison.NamesVersion("nfsvers=3"));
            Assert.True(MountOptionComparison.NamesVersion("v4.2"));
            Assert.False(MountOptionComparison.NamesVersion("minorversion=1,timeo=600"));
            Assert.False(MountOptionComparison.NamesVersion(null));
            Assert.Equal("4.1", MountOptionComparison.RequestedVersion(new[] { "vers=4,minorversion=1" }));
            Assert.Equal("3", MountOptionComparison.RequestedVersion(new[] { "vers=4.2", "nfsvers=3" }));
            Assert.Null(MountOptionComparison.RequestedVersion(new[] { "timeo=600", null }));
        }

        [Fact]
        public void TcpOverIPv6_IsRefusedAsMountNfsRefusesIt()
        {
            // Measured on cinder1: "mount.nfs: Failed to resolve server fd40::1: Address family for hostname not supported".
            Assert.Contains("proto=tcp6", MountOptionComparison.ProtoProblem(new[] { "vers=4.2,proto=tcp" }, ipv6: true));
            Assert.Null(MountOptionComparison.ProtoProblem(new[] { "proto=tcp6" }, ipv6: true));
            Assert.Null(MountOptionComparison.ProtoProblem(new[] { "proto=tcp" }, ipv6: false));
        }
    }
}
