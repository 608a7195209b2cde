using System;
using NfsCinder.Files;
using NfsCinder.Nfs;
using NfsCinder.Values;
using Xunit;

namespace NfsCinder.Tests
{
    /// <summary>The one rule for an absolute path on a host, and the places that add their own rule on top.</summary>
    public class AbsolutePathTests
    {
        [Theory]
        [InlineData("/")]
        [InlineData("/srv/nfs/cinder")]
        [InlineData("/var/lib/cinder/mnt/0123456789abcdef0123456789abcdef")]
        [InlineData("/mnt/with space")]
        [InlineData("/srv/.hidden/..data")]
        [InlineData("/srv/x/")]
        public void Valid_Paths(string path)
        {
            Assert.True(AbsolutePath.IsValid(path));
            AbsolutePath.Check(path, "-Path");
        }

        [Theory]
        [InlineData(null, "is empty")]
        [InlineData("", "is empty")]
        [InlineData("srv/x", "must be an absolute path")]
        [InlineData("./srv", "must be an absolute path")]
        [InlineData("/srv/x\0", "a NUL character (U+0000) at position 6")]
        [InlineData("/srv/x\n/etc *(rw)", "a line feed (U+000A)")]
        [InlineData("/srv/x\r", "a carriage return")]
        [InlineData("/srv/a\u2028b", "a line separator (U+2028)")]
        [InlineData("/srv/a\u2029b", "a paragraph separator (U+2029)")]
        [InlineData("/srv/../etc", "a '..' segment")]
        [InlineData("/srv/./nfs", "a '.' segment")]
        [InlineData("/srv/..", "a '..' segment")]
        public void Invalid_Paths_SayWhy(string? path, string reason)
        {
            Assert.False(AbsolutePath.IsValid(path));
            Assert.Contains(reason, AbsolutePath.Problem(path, "-Path"));
            Assert.Contains(reason, Assert.Throws<ArgumentException>(() => AbsolutePath.Check(path, "-Path")).Message);
        }

        [Theory]
        [InlineData("/srv/x")]
        [InlineData("/a")]
        public void IsAbsolute_IsTheLeadingSlash(string path) => Assert.True(AbsolutePath.IsAbsolute(path));

        [Theory]
        [InlineData("/a b", "a blank at position 2")]
        [InlineData("/a\u00a0b", "whitespace character")]
        [InlineData("/a/../b", "'..' segment")]
        [InlineData("a", "absolute path")]
        public void CheckWithoutWhitespace_AddsTheBlankRule(string path, string reason)
        {
            Assert.Contains(reason, Assert.Throws<ArgumentException>(() => AbsolutePath.CheckWithoutWhitespace(path, "The shares file")).Message);
        }

        [Fact]
        public void CheckWithoutWhitespace_TakesNullAsNotGiven() => AbsolutePath.CheckWithoutWhitespace(null, "x");

        [Theory]
        [InlineData("etc/cinder/nfs_shares", "is not an absolute path")]
        [InlineData("/etc/cinder/", "ends with '/'")]
        [InlineData("/etc/cinder/x\0", "NUL character")]
        [InlineData("/etc/cinder/x\ny", "line feed")]
        [InlineData("/etc/cinder/../shadow", "'..' segment")]
        [InlineData("/etc/cinder/x\u2028", "line separator")]
        public void FileWriteRequest_UsesTheRule(string path, string reason)
        {
            Assert.Contains(reason, Assert.Throws<ArgumentException>(() => new FileWriteRequest(path, new byte[0])).Message);
        }

        [Theory]
        [InlineData("/srv/a\u2028b", "line separator")]
        [InlineData("/srv/../etc", "'..' segment")]
        [InlineData("srv", "is not absolute")]
        public void ExportPaths_KeepTheirRulesOnTopOfTheCommonOne(string path, string reason)
        {
            Assert.Contains(ExportPathValidator.ValidatePath(path).Errors, e => e.Contains(reason));
        }

        [Theory]
        [InlineData("/mnt/../etc", "'..' segment")]
        [InlineData("mnt", "not an absolute path")]
        public void FstabMountPoints_UseTheRule(string mountPoint, string reason)
        {
            Assert.Contains(new FstabEntry("nfs1:/a", mountPoint, "nfs").Validate(), p => p.Contains(reason));
        }

        [Fact]
        public void FstabMountPoints_WithBlanksStayValid() => Assert.Empty(new FstabEntry("nfs1:/a", "/mnt/with space", "nfs").Validate());
    }
}
