using NfsCinder.Nfs;
using Xunit;

namespace NfsCinder.Tests
{
    // The host part of an exports client on its own: how it is classified (netgroup, wildcard,
    // network, address, host name) and what each kind may contain. Hosts taken from exports(5)'s
    // examples and from the lab where possible.
    public class ExportClientValidatorTests
    {
        private static readonly string Label63 = new string('a', 63);

        // ---- accepted ------------------------------------------------------------------------------------

        [Theory]
        [InlineData("master")]                          // exports(5): /  master(rw) trusty(rw,no_root_squash)
        [InlineData("trusty")]
        [InlineData("pc001")]
        [InlineData("proj*.local.domain")]
        [InlineData("*.local.domain")]
        [InlineData("buildhost[0-9].local.domain")]
        [InlineData("@trusted")]
        [InlineData("@external")]
        [InlineData("2001:db8:9:e54::/64")]
        [InlineData("192.0.2.0/24")]
        [InlineData("cinder1")]
        [InlineData("nfs-client-01.lab.example.org")]
        [InlineData("fd40::5")]
        [InlineData("@ops.team")]
        [InlineData("web[0-9][0-9].example.com")]
        [InlineData("node[^a-c]1.example.com")]
        [InlineData("[ab]node.example.com")]           // brackets without an IPv6 address: a character class
        [InlineData("**")]
        public void Host_IsAccepted(string host)
        {
            ExportValidationResult result = ExportClientValidator.ValidateHost(host);

            Assert.True(result.IsValid, string.Join(" | ", result.Errors));
            Assert.Empty(result.Warnings);
        }

        [Fact]
        public void HostName_AtTheRfc1123Limits_IsAccepted()
        {
            string longest = Label63 + "." + Label63 + "." + Label63 + "." + new string('b', 61);

            Assert.Equal(253, longest.Length);
            Assert.True(ExportClientValidator.ValidateHost(longest).IsValid);
            Assert.True(ExportClientValidator.ValidateHost(Label63 + ".example.com").IsValid);
        }

        // ---- refused -------------------------------------------------------------------------------------

        [Theory]
        [InlineData(null, "The host is empty")]
        [InlineData("", "The host is empty")]
        [InlineData("host;reboot", "contains ';' at position 4")]
        [InlineData("host name", "a blank at position 4")]
        [InlineData("host\tb", "a tab (U+0009) at position 4; a value written to a host's files must be one line")]
        [InlineData("host,other", "contains ',' at position 4")]
        [InlineData("master(rw)", "Options go in parentheses right after the host")]
        [InlineData("m\u00fcnchen.example", "ASCII (xn--) form")]
        [InlineData("gss/krb5", "obsolete gss/ client syntax")]
        [InlineData("GSS/krb5p", "obsolete gss/ client syntax")]
        [InlineData("web_01.example.com", "contains '_', which host names may not contain")]
        [InlineData("@", "The netgroup '@' is not valid")]
        [InlineData("@admins@corp", "The netgroup '@admins@corp' is not valid")]
        [InlineData("pc001@corp", "contains '@' after its start")]
        [InlineData("a^b", "only allowed inside a [...] character class")]
        [InlineData("[fe80::1]/64", "write 'fe80::1/64'")]
        [InlineData("[2001:db8::1]", "nfs-utils reads '[' as a wildcard character class")]
        [InlineData("host.123", "its last label is numeric")]
        [InlineData("-pc001", "starting or ending with '-'")]
        [InlineData("pc001-.example.com", "starting or ending with '-'")]
        [InlineData("pc001..local.domain", "empty label")]
        [InlineData(".local.domain", "empty label")]
        [InlineData("pc001.local.domain.", "without the trailing dot: 'pc001.local.domain'")]
        public void BadHost_IsRejectedWithAClearMessage(string? host, string fragment)
        {
            ExportValidationResult result = ExportClientValidator.ValidateHost(host!);

            Assert.False(result.IsValid);
            Assert.Contains(result.Errors, e => e.Contains(fragment));
        }

        [Fact]
        public void HostName_OverTheRfc1123Limits_IsRejected()
        {
            string tooLong = Label63 + "." + Label63 + "." + Label63 + "." + new string('b', 62);

            Assert.Contains(ExportClientValidator.ValidateHost(tooLong).Errors, e => e.Contains("longer than 253 characters"));
            Assert.Contains(ExportClientValidator.ValidateHost(Label63 + "a.example.com").Errors, e => e.Contains("label longer than 63 characters"));
        }

        [Theory]
        [InlineData("buildhost[0-9.local.domain", "opens '[' without closing ']'")]
        [InlineData("buildhost0-9].local.domain", "has ']' without '['")]
        [InlineData("host[]", "has an empty [...] class")]
        [InlineData("host[^]", "has an empty [...] class")]
        [InlineData("host[a[b]]", "nests '[' inside a [...] class")]
        [InlineData("host[a.b]", "has the class [a.b]")]
        [InlineData("host[a^b]", "has the class [a^b]")]
        [InlineData("node^[ab]", "has '^' outside a [...] class")]
        [InlineData("*.local.domain/24", "mixes wildcards with an address or network")]
        [InlineData("2001:db8::*", "mixes wildcards with an address or network")]
        [InlineData("*@trusted", "mixes wildcards with '@'")]
        [InlineData("*.", "has an empty label")]
        [InlineData("proj*..local.domain", "has an empty label")]
        public void BadWildcard_IsRejectedWithAClearMessage(string host, string fragment)
        {
            ExportValidationResult result = ExportClientValidator.ValidateHost(host);

            Assert.False(result.IsValid);
            Assert.Contains(result.Errors, e => e.Contains("'" + host + "'") && e.Contains(fragment));
        }

        [Theory]
        [InlineData("192.168.1.*")]
        [InlineData("10.0.*.*")]
        [InlineData("10.0.0.[1-9]")]
        public void AddressLikeWildcard_IsWarnedAbout(string host)
        {
            ExportValidationResult result = ExportClientValidator.ValidateHost(host);

            Assert.True(result.IsValid, string.Join(" | ", result.Errors));
            Assert.Contains(result.Warnings, w => w.Contains("matches wildcards against host names from reverse DNS"));
        }

        // ---- addresses and networks are checked by ExportAddressValidator --------------------------------

        [Theory]
        [InlineData("10.0.0.256", "not a valid IPv4 address")]
        [InlineData("010.0.0.1", "not a valid IPv4 address")]
        [InlineData("2001:db8::g", "not a valid IPv6 address")]
        [InlineData("fe80::1%eth0", "'%'")]
        [InlineData("192.0.2.0/33", "0 to 32")]
        [InlineData("pc001/24", "does not start with a valid IPv4 or IPv6 address")]
        public void AddressOrNetwork_IsRoutedToTheAddressChecks(string host, string fragment)
        {
            Assert.Contains(ExportClientValidator.ValidateHost(host).Errors, e => e.Contains(fragment));
        }

        [Fact]
        public void NetworkWarnings_ComeThrough()
        {
            ExportValidationResult result = ExportClientValidator.ValidateHost("192.0.2.10/24");

            Assert.True(result.IsValid);
            Assert.Contains(result.Warnings, w => w.Contains("whole network 192.0.2.0/24"));
        }

        // ---- world and brackets --------------------------------------------------------------------------

        [Theory]
        [InlineData(null, true)]
        [InlineData("", true)]
        [InlineData("*", true)]
        [InlineData("**", true)]
        [InlineData("0.0.0.0/0", true)]
        [InlineData("10.0.0.0/0", true)]
        [InlineData("192.168.0.0/0.0.0.0", true)]
        [InlineData("::/0", true)]
        [InlineData("2001:db8::/::", true)]
        [InlineData("*.local.domain", false)]
        [InlineData("192.0.2.0/24", false)]
        [InlineData("2001:db8:9:e54::/64", false)]
        [InlineData("@trusted", false)]
        [InlineData("master", false)]
        public void IsWorld_IsTrueForClientsThatMatchEveryHost(string? host, bool world)
        {
            Assert.Equal(world, ExportClientValidator.IsWorld(host!));
        }

        [Theory]
        [InlineData("[fe80::1]/64", "fe80::1/64")]
        [InlineData("[2001:db8::1]", "2001:db8::1")]
        [InlineData("[2001:db8:9:e54::]/64", "2001:db8:9:e54::/64")]
        [InlineData("[ab]node.example.com", "[ab]node.example.com")]
        [InlineData("[fe80::1]x", "[fe80::1]x")]
        [InlineData("[fe80::1", "[fe80::1")]
        [InlineData("fe80::1/64", "fe80::1/64")]
        [InlineData("master", "master")]
        public void NormaliseHost_StripsBracketsAroundIPv6Only(string host, string expected)
        {
            Assert.Equal(expected, ExportClientValidator.NormaliseHost(host));
        }

        [Fact]
        public void NormalisedBracketedIPv6_PassesTheHostCheck()
        {
            Assert.False(ExportClientValidator.ValidateHost("[fe80::1]/64").IsValid);
            Assert.True(ExportClientValidator.ValidateHost(ExportClientValidator.NormaliseHost("[fe80::1]/64")).IsValid);
            Assert.Null(ExportClientValidator.NormaliseHost(null!));
        }
    }
}
