using NfsCinder.Ssh;
using Xunit;

namespace NfsCinder.Tests
{
    public sealed class SshTargetTests
    {
        [Theory]
        [InlineData("cinder1", "cinder1", 22)]
        [InlineData("cinder1:2222", "cinder1", 2222)]
        [InlineData("127.0.0.1:40569", "127.0.0.1", 40569)]
        [InlineData("10.40.0.2", "10.40.0.2", 22)]
        [InlineData("fe80::1", "fe80::1", 22)]
        [InlineData("2001:db8::7", "2001:db8::7", 22)]
        [InlineData("[2001:db8::7]:2200", "2001:db8::7", 2200)]
        [InlineData("[::1]", "::1", 22)]
        public void Parses(string given, string host, int port)
        {
            Assert.True(SshTarget.TryParse(given, 22, out var target));
            Assert.Equal(host, target.Host);
            Assert.Equal(port, target.Port);
            Assert.Equal(given, target.Given);
        }

        [Theory]
        [InlineData("host:0")]
        [InlineData("host:65536")]
        [InlineData("host:x")]
        [InlineData(":22")]
        [InlineData("[::1]:")]
        [InlineData("[::1]x")]
        [InlineData("[]:22")]
        [InlineData("root@host")]
        [InlineData("a b")]
        [InlineData("")]
        public void Refuses(string given) => Assert.False(SshTarget.TryParse(given, 22, out _));

        [Fact]
        public void DefaultPort_AppliesWithoutOne() {
            Assert.True(SshTarget.TryParse("h", 2022, out var target));
            Assert.Equal(2022, target.Port);
        }
    }
}
