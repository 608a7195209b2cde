using NfsCinder.Cinder;
using NfsCinder.Nfs;
using Xunit;

namespace NfsCinder.Tests
{
    /// <summary>A shares-file line read as Cinder reads it, with server and path from the share owner.</summary>
    public class CinderNfsShareTests
    {
        [Theory]
        [InlineData("10.40.0.1:/nfs/cinder -o vers=4.1", "10.40.0.1:/nfs/cinder", "10.40.0.1", "/nfs/cinder", "vers=4.1")]
        [InlineData("[2001:db8::1]:/srv/x -o vers=4.2,proto=tcp6", "[2001:db8::1]:/srv/x", "2001:db8::1", "/srv/x", "vers=4.2,proto=tcp6")]
        [InlineData("nfs1:/srv/with\\040space", "nfs1:/srv/with space", "nfs1", "/srv/with space", null)]
        public void FromLine_SplitsShareAndOptions(string line, string share, string server, string path, string? options)
        {
            var parsed = CinderNfsShare.FromLine(line, out string? problem)!;
            Assert.Null(problem);
            Assert.Equal((share, server, path, options), (parsed.Share, parsed.Server, parsed.ExportPath, parsed.MountOptions));
            Assert.Equal(NfsShareAddress.MountPointOf(share, "/var/lib/cinder/mnt"), parsed.MountPointUnder("/var/lib/cinder/mnt"));
        }

        [Fact]
        public void NewShare_IsCheckedByTheShareOwner()
        {
            Assert.Equal("[fd00:40::1]:/nfs/v6", new CinderNfsShare("[fd00:40::1]:/nfs/v6", "vers=4.1").Share);
            Assert.Throws<System.ArgumentException>(() => new CinderNfsShare("fd00:40::1:/nfs/v6"));
            Assert.Throws<System.ArgumentException>(() => new CinderNfsShare("nfs1:/nfs\0/x"));
            Assert.Throws<System.ArgumentException>(() => new CinderNfsShare("nfs1:/nfs/../etc"));
            Assert.Throws<System.ArgumentException>(() => new CinderNfsShare("nfs1:/"));
        }
    }
}
