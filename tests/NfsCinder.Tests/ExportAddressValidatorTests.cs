using NfsCinder.Nfs;
using NfsCinder.Values;
using Xunit;

namespace NfsCinder.Tests
{
    // The address and network checks on their own, with text already classified as an address:
    // ExportValidatorTests covers how ValidateHost routes a client to them.
    public class ExportAddressValidatorTests
    {
        // ---- IPv4 ----------------------------------------------------------------------------------------

        [Theory]
        [InlineData("192.168.1.10")]
        [InlineData("10.0.0.1")]
        [InlineData("172.16.254.1")]
        [InlineData("0.0.0.0")]
        [InlineData("255.255.255.255")]
        public void IPv4Address_IsAccepted(string address)
        {
            Assert.True(ExportAddressValidator.ValidateIPv4(address).IsValid);
            Assert.Empty(ExportAddressValidator.ValidateIPv4(address).Warnings);
        }

        [Theory]
        [InlineData("10.1")]                // inet_aton's short form for 10.0.0.1
        [InlineData("192.168.1")]
        [InlineData("010.0.0.1")]           // inet_aton reads it as octal: 8.0.0.1
        [InlineData("192.168.001.10")]
        [InlineData("0x0a.0.0.1")]
        [InlineData("10.0.0.256")]
        [InlineData("1.2.3.4.5")]
        [InlineData("192.168.1.")]
        [InlineData(".192.168.1.10")]
        [InlineData("192.168.1.10 ")]
        [InlineData("")]
        public void MalformedIPv4Address_IsRejected(string address)
        {
            ExportValidationResult result = ExportAddressValidator.ValidateIPv4(address);

            Assert.False(result.IsValid);
            Assert.Contains(result.Errors, e => e.Contains("'" + address + "' is not a valid IPv4 address") && e.Contains("without leading zeros"));
        }

        [Fact]
        public void TryParseIPv4_GivesTheAddressAsANumber()
        {
            Assert.True(IPAddressSyntax.TryParseIPv4("192.168.1.10", out uint value));
            Assert.Equal(0xC0A8010Au, value);
            Assert.False(IPAddressSyntax.TryParseIPv4(null!, out _));
        }

        // ---- IPv6 ----------------------------------------------------------------------------------------

        [Theory]
        [InlineData("2001:db8::10")]
        [InlineData("2001:0db8:0000:0000:0000:0000:0000:0001")]
        [InlineData("fd40::5")]
        [InlineData("fe80::1")]
        [InlineData("::1")]
        [InlineData("::")]
        [InlineData("::ffff:10.0.0.1")]
        [InlineData("64:ff9b::192.0.2.33")]
        public void IPv6Address_IsAccepted(string address)
        {
            Assert.True(ExportAddressValidator.ValidateIPv6(address).IsValid);
        }

        [Theory]
        [InlineData("fe80::1%eth0")]        // a zone has no meaning in exports
        [InlineData("[2001:db8::1]")]
        [InlineData("2001:db8:::1")]
        [InlineData("2001:db8::1::2")]
        [InlineData("2001:db8::g")]
        [InlineData("1:2:3:4:5:6:7:8:9")]
        [InlineData("::ffff:010.0.0.1")]    // the IPv4 tail follows the IPv4 rules
        [InlineData("::ffff:10.1")]
        [InlineData("10.0.0.1")]
        [InlineData(":")]
        public void MalformedIPv6Address_IsRejected(string address)
        {
            ExportValidationResult result = ExportAddressValidator.ValidateIPv6(address);

            Assert.False(result.IsValid);
            Assert.Contains(result.Errors, e => e.Contains("'" + address + "' is not a valid IPv6 address") && e.Contains("without brackets or zone"));
        }

        [Fact]
        public void TryParseIPv6_GivesTheSixteenBytes()
        {
            Assert.True(IPAddressSyntax.TryParseIPv6("fd40::5", out byte[] bytes));
            Assert.Equal(new byte[] { 0xfd, 0x40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5 }, bytes);
            Assert.False(IPAddressSyntax.TryParseIPv6("fd40::5%2", out bytes));
            Assert.Empty(bytes);
        }

        // ---- networks ------------------------------------------------------------------------------------

        [Theory]
        [InlineData("10.0.0.0/24")]
        [InlineData("192.168.0.0/16")]
        [InlineData("10.0.0.0/8")]
        [InlineData("10.0.0.1/32")]
        [InlineData("10.40.0.0/255.255.255.0")]
        [InlineData("172.16.0.0/255.240.0.0")]
        [InlineData("192.168.1.128/255.255.255.128")]
        [InlineData("2001:db8::/64")]
        [InlineData("fd40::/64")]
        [InlineData("fe80::/10")]
        [InlineData("2001:db8::1/128")]
        [InlineData("2001:db8::/ffff:ffff:ffff:ffff::")]
        public void Network_IsAcceptedWithoutWarnings(string network)
        {
            ExportValidationResult result = ExportAddressValidator.ValidateNetwork(network);

            Assert.True(result.IsValid, string.Join(" | ", result.Errors));
            Assert.Empty(result.Warnings);
        }

        [Theory]
        [InlineData("10.0.0.5/24", "nfs-utils matches the whole network 10.0.0.0/24")]
        [InlineData("192.168.1.77/255.255.255.0", "whole network 192.168.1.0/255.255.255.0")]
        [InlineData("2001:db8::1/64", "has host bits set")]
        [InlineData("fd40::5/64", "has host bits set")]
        [InlineData("0.0.0.0/0", "matches every IPv4 address")]
        [InlineData("0.0.0.0/0.0.0.0", "matches every IPv4 address")]
        [InlineData("::/0", "matches every IPv6 address")]
        public void SuspiciousNetwork_IsAcceptedWithAWarning(string network, string fragment)
        {
            ExportValidationResult result = ExportAddressValidator.ValidateNetwork(network);

            Assert.True(result.IsValid, string.Join(" | ", result.Errors));
            Assert.Contains(result.Warnings, w => w.Contains(fragment));
        }

        [Fact]
        public void WorldNetworkWithHostBits_GetsBothWarnings()
        {
            ExportValidationResult result = ExportAddressValidator.ValidateNetwork("10.0.0.0/0");

            Assert.True(result.IsValid);
            Assert.Contains(result.Warnings, w => w.Contains("whole network 0.0.0.0/0"));
            Assert.Contains(result.Warnings, w => w.Contains("matches every IPv4 address"));
        }

        [Theory]
        [InlineData("10.0.0.0/33", "is not a number from 0 to 32")]
        [InlineData("10.0.0.0/", "is not a number from 0 to 32")]
        [InlineData("10.0.0.0/-1", "is not a number from 0 to 32")]
        [InlineData("10.0.0.0/0024", "is not a number from 0 to 32")]
        [InlineData("10.0.0.0/abc", "is not a number from 0 to 32")]
        [InlineData("10.0.0.0/255.0.255.0", "is not contiguous")]
        [InlineData("10.0.0.0/0.0.0.255", "is not contiguous")]
        [InlineData("10.0.0.0/255.255.256.0", "not a valid dotted IPv4 mask")]
        [InlineData("10.0.0.0/24/8", "more than one '/'")]
        [InlineData("2001:db8::/129", "is not a number from 0 to 128")]
        [InlineData("2001:db8::/ffff::ffff", "not a valid contiguous mask")]
        [InlineData("2001:db8::/ffff:ffff:ffff:ffff::/64", "more than one '/'")]
        [InlineData("fileserver/24", "does not start with a valid IPv4 or IPv6 address")]
        [InlineData("10.0.0/24", "does not start with a valid IPv4 or IPv6 address")]
        [InlineData("[2001:db8::]/64", "does not start with a valid IPv4 or IPv6 address")]
        [InlineData("/24", "does not start with a valid IPv4 or IPv6 address")]
        [InlineData("10.0.0.0", "has no '/'")]
        public void MalformedNetwork_IsRejectedWithAClearMessage(string network, string fragment)
        {
            ExportValidationResult result = ExportAddressValidator.ValidateNetwork(network);

            Assert.False(result.IsValid);
            Assert.Contains(result.Errors, e => e.Contains(fragment) && e.Contains(network));
        }

        [Fact]
        public void NonContiguousMask_SuggestsAPrefixForTheSameAddress()
        {
            Assert.Contains(ExportAddressValidator.ValidateNetwork("10.40.0.0/255.0.255.0").Errors, e => e.Contains("e.g. 10.40.0.0/24"));
            Assert.Contains(ExportAddressValidator.ValidateNetwork("2001:db8::/ffff::ffff").Errors, e => e.Contains("e.g. 2001:db8::/64"));
        }
    }
}
