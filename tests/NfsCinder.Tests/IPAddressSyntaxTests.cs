using NfsCinder.Values;
using Xunit;

namespace NfsCinder.Tests
{
    /// <summary>The module's one rule for addresses as text: inet_pton, no short, octal, bracketed or zoned forms.</summary>
    public class IPAddressSyntaxTests
    {
        [Theory]
        [InlineData("2001:db8::1")]
        [InlineData("fd00:40::1")]
        [InlineData("fd40::1")]
        [InlineData("::1")]
        [InlineData("::ffff:192.168.1.10")]
        [InlineData("FD40::A")]
        public void IPv6_TakesAddresses(string text) => Assert.True(IPAddressSyntax.IsIPv6(text));

        [Theory]
        [InlineData("[2001:db8::1]")]
        [InlineData("fe80::1%eth0")]
        [InlineData("fe80::1%2")]
        [InlineData("::ffff:010.0.0.1")]
        [InlineData("2001:db8::1:/x")]
        [InlineData("fd00:40::1\n")]
        [InlineData("fd00:40::1\0")]
        [InlineData("10.0.0.1")]
        [InlineData("nfs1")]
        [InlineData(":")]
        [InlineData("")]
        [InlineData(null)]
        public void IPv6_RefusesWhatIsNotABareAddress(string? text) => Assert.False(IPAddressSyntax.IsIPv6(text));

        [Theory]
        [InlineData("10.40.0.1", true)]
        [InlineData("192.168.1.10", true)]
        [InlineData("0.0.0.0", true)]
        [InlineData("255.255.255.255", true)]
        [InlineData("10.1", false)]
        [InlineData("010.0.0.1", false)]
        [InlineData("256.1.1.1", false)]
        [InlineData("10.0.0.1.", false)]
        [InlineData("10.0.0.1\n", false)]
        [InlineData("nfs1", false)]
        public void IPv4_IsAStrictDottedQuad(string text, bool valid) => Assert.Equal(valid, IPAddressSyntax.IsIPv4(text));

        [Theory]
        [InlineData("10.1", true)]
        [InlineData("999.1.1.1", true)]
        [InlineData("10.0.0.1", true)]
        [InlineData("nfs1", false)]
        [InlineData("10.0.0.1a", false)]
        [InlineData("", false)]
        public void LooksLikeIPv4_IsDigitsAndDots(string text, bool looks) => Assert.Equal(looks, IPAddressSyntax.LooksLikeIPv4(text));
    }
}
