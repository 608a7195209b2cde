using NfsCinder.Cinder;
using Xunit;

namespace NfsCinder.Tests
{
    /// <summary>The shares file as Cinder reads it (RemoteFSDriver._load_shares_config), and the lossless edits of it.</summary>
    public class CinderSharesFileTests
    {
        [Fact]
        public void ReadsLikeCinder_FirstBlankSplits_HashOnlyAtTheStart_040IsASpace()
        {
            var file = CinderSharesFile.Parse("# comment\n\nnfs1:/nfs/a -o vers=4.1\n  #not a comment\n[fd40::1]:/nfs/v6\nnfs1:/my\\040vol\nnfs1:/a\tb\nbogus\n");
            Assert.Equal(new[] { "nfs1:/nfs/a", "[fd40::1]:/nfs/v6", "nfs1:/my vol" }, System.Linq.Enumerable.Select(file.Shares, s => s.Share));
            Assert.Equal("vers=4.1", file.Shares[0].MountOptions);
            Assert.Equal("-o vers=4.1", file.Shares[0].Flags);
            Assert.Equal(3, file.Problems.Count);
            Assert.Contains(file.Problems, p => p.Contains("'#not a comment' is ignored by Cinder"));
            Assert.Contains(file.Problems, p => p.Contains("the tab makes the options part of the share"));
            Assert.Equal("fd40::1", file.Shares[1].Server);
            Assert.Equal("/nfs/v6", file.Shares[1].ExportPath);
        }

        [Fact]
        public void AShareTwice_CountsOnce_WithItsLastOptions()
        {
            var file = CinderSharesFile.Parse("nfs1:/a -o vers=3\nnfs1:/a -o vers=4.1\n");
            var share = Assert.Single(file.Shares);
            Assert.Equal("vers=4.1", share.MountOptions);
            Assert.True(file.Add(new CinderNfsShare("nfs1:/a", "vers=4.2")));
            Assert.Equal("nfs1:/a -o vers=4.2\n", file.Render());
        }

        [Fact]
        public void Edits_TouchOnlyTheirLines()
        {
            string text = "# gold\nnfs1:/a\n# keep me\nnfs1:/b -o timeo=100\n";
            var file = CinderSharesFile.Parse(text);
            Assert.False(file.Add(new CinderNfsShare("nfs1:/a")));
            Assert.Equal(text, file.Render());
            Assert.True(file.Add(new CinderNfsShare("nfs1:/c", "vers=3")));
            Assert.True(file.Remove("nfs1:/a"));
            Assert.False(file.Remove("nfs1:/zzz"));
            Assert.Equal("# gold\n# keep me\nnfs1:/b -o timeo=100\nnfs1:/c -o vers=3\n", file.Render());
            Assert.True(file.ReplaceAll(new[] { new CinderNfsShare("nfs1:/c", "vers=3"), new CinderNfsShare("nfs1:/d") }));
            Assert.Equal("# gold\n# keep me\nnfs1:/c -o vers=3\nnfs1:/d\n", file.Render());
        }

        [Fact]
        public void ANewFile_GetsAHeader_AndAnEmptyOneStaysEmpty()
        {
            var file = CinderSharesFile.Parse(null);
            Assert.Equal("", file.Render());
            file.Add(new CinderNfsShare("nfs1:/a"));
            Assert.Equal(CinderSharesFile.Header + "\nnfs1:/a\n", file.Render());
            Assert.True(file.Contains("nfs1:/a"));
        }
    }
}
