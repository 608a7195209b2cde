using System;
using NfsCinder.Nfs;
using Xunit;

namespace NfsCinder.Tests
{
    /// <summary>The share string's one owner: IPv6 in brackets wherever a share or mount source is written.</summary>
    public class NfsShareAddressTests
    {
        [Theory]
        [InlineData("nfs1", "/nfs/a", "nfs1:/nfs/a")]
        [InlineData("10.40.0.1", "/nfs/a", "10.40.0.1:/nfs/a")]
        [InlineData("fd40::1", "/nfs/v6", "[fd40::1]:/nfs/v6")]
        [InlineData("[fd40::1]", "/nfs/v6", "[fd40::1]:/nfs/v6")]
        [InlineData("2001:db8::1", "/x", "[2001:db8::1]:/x")]
        public void FromParts_BracketsIPv6(string server, string path, string text)
        {
            var share = NfsShareAddress.FromParts(server, path);
            Assert.Equal(text, share.Text);
            Assert.Equal(server.Trim('[', ']'), share.Server);
            Assert.Equal(share.Server.Contains(':'), share.IsIPv6);
        }

        [Theory]
        [InlineData("[fd40::1]:/nfs/v6", "fd40::1", "/nfs/v6")]
        [InlineData("nfs1:/nfs/a", "nfs1", "/nfs/a")]
        [InlineData("nfs1.example.net:/", "nfs1.example.net", "/")]
        public void Parse_SplitsServerAndPath(string text, string server, string path)
        {
            var share = NfsShareAddress.Parse(text);
            Assert.Equal((server, path, text), (share.Server, share.ExportPath, share.Text));
        }

        [Theory]
        [InlineData("2001:db8::1:/x", "write an IPv6 server in brackets, [2001:db8::1]:/x")]
        [InlineData("[nfs1]:/x", "is not an IPv6 address")]
        [InlineData("nfs1:x", "server:/path")]
        [InlineData("nfs1:/a b", "without whitespace")]
        [InlineData("nfs1:/a'b", "quotes or shell characters")]
        [InlineData("nfs1:/a\0b", "NUL character")]
        [InlineData("bad_host!:/a", "not a host name")]
        public void Parse_RefusesWithAReason(string text, string reason)
        {
            Assert.Contains(reason, Assert.Throws<ArgumentException>(() => NfsShareAddress.Parse(text)).Message);
        }

        [Theory]
        [InlineData("[2001:db8::1]:/srv/x", "2001:db8::1", "/srv/x")]
        [InlineData("[fd00:40::1]:/nfs/cinder", "fd00:40::1", "/nfs/cinder")]
        [InlineData("10.40.0.1:/nfs/a", "10.40.0.1", "/nfs/a")]
        [InlineData("nfs1.example.net:/srv/x", "nfs1.example.net", "/srv/x")]
        public void ParseAndFormat_RoundTrip(string text, string server, string path)
        {
            var share = NfsShareAddress.Parse(text);
            Assert.Equal((server, path), (share.Server, share.ExportPath));
            Assert.Equal(text, NfsShareAddress.Format(share.Server, share.ExportPath));
            Assert.Equal(share, NfsShareAddress.FromParts(server, path));
        }

        [Theory]
        [InlineData("[fd40::1%eth0]:/x", "is not an IPv6 address")]
        [InlineData("[::ffff:010.0.0.1]:/x", "is not an IPv6 address")]
        [InlineData("010.0.0.1:/x", "is not an IPv4 address")]
        [InlineData("10.1:/x", "is not an IPv4 address")]
        [InlineData("256.0.0.1:/x", "is not an IPv4 address")]
        [InlineData("nfs1:/a\nb", "line feed")]
        [InlineData("nfs1:/a\u2028b", "line separator")]
        [InlineData("nfs1\n:/a", "line feed")]
        [InlineData("nfs1:/a/../etc", "'..' segment")]
        [InlineData("", "empty")]
        public void Parse_RefusesHostileAndAmbiguousShares(string text, string reason)
        {
            text = System.Text.RegularExpressions.Regex.Unescape(text);
            Assert.Contains(reason, Assert.Throws<ArgumentException>(() => NfsShareAddress.Parse(text)).Message);
        }

        [Theory]
        [InlineData("[2001:db8::1]:/srv/x", "2001:db8::1", "/srv/x")]
        [InlineData("nfs1:/srv/with space", "nfs1", "/srv/with space")]
        [InlineData("fd00:40::1:/x", "fd00", "40::1:/x")]
        [InlineData("/dev/sda1", "", "/dev/sda1")]
        [InlineData("[broken:/x", "[broken", "/x")]
        public void Split_TakesAnySourceAsTheKernelShowsIt(string source, string server, string path)
        {
            NfsShareAddress.Split(source, out string s, out string p);
            Assert.Equal((server, path), (s, p));
        }

        [Theory]
        [InlineData("fd00:40::1", "/x", "[fd00:40::1]:/x")]
        [InlineData("[fd00:40::1]", "/x", "[fd00:40::1]:/x")]
        [InlineData("nfs1", "/x", "nfs1:/x")]
        public void Format_BracketsIPv6Once(string server, string path, string text)
        {
            Assert.Equal(text, NfsShareAddress.Format(server, path));
            Assert.Equal(server.Contains(':'), NfsShareAddress.IsIPv6Server(server));
        }

        [Fact]
        public void MountPointOf_IsTheOneMd5_ForAnyShareString()
        {
            Assert.Equal("/var/lib/cinder/mnt/" + CinderBackendEditorTests.Md5("[2001:db8::1]:/srv/x"), NfsShareAddress.MountPointOf("[2001:db8::1]:/srv/x", "/var/lib/cinder/mnt"));
            Assert.Equal(NfsShareAddress.Parse("nfs1:/srv/x").MountPointUnder("/b"), NfsShareAddress.MountPointOf("nfs1:/srv/x", "/b/"));
        }

        [Fact]
        public void MountPoint_IsTheMd5OfTheTextAsWritten()
        {
            Assert.Equal("/b/" + CinderBackendEditorTests.Md5("[fd40::1]:/nfs/v6"), NfsShareAddress.Parse("[fd40::1]:/nfs/v6").MountPointUnder("/b/"));
            Assert.NotEqual(NfsShareAddress.Parse("[fd40::1]:/x").MountPointUnder("/b"), NfsShareAddress.Parse("[FD40::1]:/x").MountPointUnder("/b"));
        }
    }
}
