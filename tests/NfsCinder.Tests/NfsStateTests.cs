using System.Linq;
using NfsCinder.Nfs;
using Xunit;

namespace NfsCinder.Tests
{
    /// <summary>The one-round-trip readers behind Get-NfsExport and Get-NfsMount.</summary>
    public class NfsStateTests
    {
        // Shape of the read-exports script's output on nfs1 (sections cut on marker lines).
        private const string ExportsOutput =
            "\n@@NFSCINDER:hostname@@\nnfs1\n" +
            "\n@@NFSCINDER:file:/etc/exports@@\n# comment\n/nfs/shared 10.40.0.0/24(rw,sync,no_subtree_check)\n" +
            "\n@@NFSCINDER:file:/etc/exports.d/extra.exports@@\n\"/nfs/with space\" *(ro)" +
            "\n@@NFSCINDER:live@@\n/nfs/shared   \t10.40.0.0/24(sync,wdelay,hide,no_subtree_check,sec=sys,rw,secure,root_squash,no_all_squash)\n" +
            "\n@@NFSCINDER:end@@\n";

        [Fact]
        public void ExportsState_KeepsFileBytesExactly()
        {
            var state = ExportsState.Parse(ExportsOutput);
            Assert.Equal("nfs1", state.HostName);
            Assert.Equal("# comment\n/nfs/shared 10.40.0.0/24(rw,sync,no_subtree_check)\n", state.Files["/etc/exports"].Render());
            Assert.Equal("\"/nfs/with space\" *(ro)", state.Files["/etc/exports.d/extra.exports"].Render());
        }

        [Fact]
        public void ExportsState_FindsExportsAcrossFilesAndMarksLiveClients()
        {
            var state = ExportsState.Parse(ExportsOutput);
            var found = state.Find("/nfs/with space");
            Assert.NotNull(found);
            Assert.Equal("/etc/exports.d/extra.exports", found!.Value.Line.SourcePath);
            var shared = state.Find("/nfs/shared")!.Value.Line;
            Assert.Equal(2, shared.LineNumber);
            Assert.Single(state.Live);
            Assert.Equal("/etc/exports", state.DocumentFor("/nfs/new", null).SourcePath);
            Assert.Equal("/etc/exports.d/extra.exports", state.DocumentFor("/nfs/with space", null).SourcePath);
        }

        [Fact]
        public void ExportsState_EmptyFileIsEmpty()
        {
            var state = ExportsState.Parse("\n@@NFSCINDER:hostname@@\nh\n\n@@NFSCINDER:file:/etc/exports@@\n\n@@NFSCINDER:live@@\n\n@@NFSCINDER:end@@\n");
            Assert.Equal("", state.Files["/etc/exports"].Render());
            Assert.Empty(state.Live);
        }

        // Captured from cinder1 with the read-nfs-mounts script (t2 made unresponsive by hand).
        private const string MountsOutput =
            "@@NFSCINDER:mounts@@\n" +
            "10.40.0.1:/nfs/shared /mnt/t1 nfs4 rw,relatime,vers=4.2,rsize=65536,wsize=65536,namlen=255,soft,proto=tcp,timeo=600,retrans=2,sec=sys,clientaddr=10.40.0.2,local_lock=none,addr=10.40.0.1 0 0\n" +
            "10.40.0.1:/nfs/shared /mnt/t2 nfs rw,relatime,vers=3,rsize=65536,wsize=65536,namlen=255,hard,proto=tcp,timeo=600,retrans=2,sec=sys,mountaddr=10.40.0.1,mountvers=3,mountport=55406,mountproto=udp,local_lock=none,addr=10.40.0.1 0 0\n" +
            "@@NFSCINDER:df@@\n" +
            "ok\t/mnt/t1\t10.40.0.1:/nfs/shared 4143710208 1406992384 2505179136      36% /mnt/t1\n" +
            "noresponse\t/mnt/t2\n" +
            "@@NFSCINDER:fstab@@\n" +
            "# UNCONFIGURED FSTAB FOR BASE SYSTEM\n" +
            "10.40.0.1:/nfs/shared /mnt/t2 nfs vers=3,_netdev 0 0\n" +
            "\n@@NFSCINDER:end@@\n";

        [Fact]
        public void MountState_JoinsMountsWithTheirDfAnswers()
        {
            var state = MountState.Parse(MountsOutput);
            Assert.Equal(2, state.Mounts.Count);
            var t1 = state.At("/mnt/t1")!;
            Assert.True(state.IsResponding(t1));
            Assert.Equal(4143710208L, state.UsageOf(t1)!.SizeBytes);
            Assert.Equal(36, state.UsageOf(t1)!.UsePercent);
            var t2 = state.At("/mnt/t2")!;
            Assert.False(state.IsResponding(t2));
            Assert.Null(state.UsageOf(t2));
        }

        [Fact]
        public void MountState_ReadsFstabWithoutTheMarkerPadding()
        {
            var state = MountState.Parse(MountsOutput);
            Assert.Equal("# UNCONFIGURED FSTAB FOR BASE SYSTEM\n10.40.0.1:/nfs/shared /mnt/t2 nfs vers=3,_netdev 0 0\n", state.FstabText);
            Assert.NotNull(state.Fstab.Find("/mnt/t2"));
            Assert.Null(state.Fstab.Find("/mnt/t1"));
        }

        [Fact]
        public void MountState_MountsWithNoAnswerLineCountAsNotResponding()
        {
            var state = MountState.Parse(MountsOutput.Replace("noresponse\t/mnt/t2\n", ""));
            Assert.False(state.IsResponding(state.At("/mnt/t2")!));
            Assert.Equal(2, state.Mounts.Select(m => m.MountPoint).Distinct().Count());
        }
    }
}
