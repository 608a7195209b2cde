using System;
using System.Linq;
using NfsCinder.Nfs;
using Xunit;

namespace NfsCinder.Tests
{
    public class ExportValidatorTests
    {
        private static readonly string[] Safe = { "sync", "no_subtree_check" };

        // ---- hosts ---------------------------------------------------------------------------------------

        [Theory]
        [InlineData("*")]
        [InlineData("host")]
        [InlineData("a")]
        [InlineData("host.example.com")]
        [InlineData("HOST-1.Example.COM")]
        [InlineData("xn--bcher-kva.example")]
        [InlineData("*.example.com")]
        [InlineData("?.example.com")]
        [InlineData("proj*.local.domain")]
        [InlineData("buildhost[0-9].local.domain")]
        [InlineData("node[^a-c]1.example.com")]
        [InlineData("10.0.0.1")]
        [InlineData("0.0.0.0")]
        [InlineData("255.255.255.255")]
        [InlineData("10.0.0.0/24")]
        [InlineData("10.0.0.0/8")]
        [InlineData("10.40.0.0/255.255.255.0")]
        [InlineData("192.168.1.128/255.255.255.128")]
        [InlineData("10.0.0.1/32")]
        [InlineData("2001:db8::1")]
        [InlineData("::1")]
        [InlineData("::ffff:10.0.0.1")]
        [InlineData("2001:db8::/64")]
        [InlineData("2001:db8:9:e54::/64")]
        [InlineData("fe80::/10")]
        [InlineData("2001:db8::/ffff:ffff:ffff:ffff::")]
        [InlineData("@trusted")]
        [InlineData("@net_group-1.x")]
        public void ValidHost_IsAccepted(string host)
        {
            ExportValidationResult result = ExportValidator.ValidateHost(host);
            Assert.True(result.IsValid, string.Join(" | ", result.Errors));
        }

        [Theory]
        [InlineData("", "empty")]
        [InlineData("host;reboot", "';'")]
        [InlineData("$(reboot)", "'$'")]
        [InlineData("`id`", "'`'")]
        [InlineData("host name", "a blank")]
        [InlineData("host\nother", "a line feed")]
        [InlineData("host\r", "a carriage return")]
        [InlineData("host\0", "NUL")]
        [InlineData("'host'", "'''")]
        [InlineData("\"host\"", "'\"'")]
        [InlineData("host(rw)", "Options go in parentheses")]
        [InlineData("a|b", "'|'")]
        [InlineData("a&b", "'&'")]
        [InlineData("a>b", "'>'")]
        [InlineData("a,b", "','")]
        [InlineData("a#b", "'#'")]
        [InlineData("a\\b", "'\\'")]
        [InlineData("fe80::1%eth0", "'%'")]
        [InlineData("b\u00fccher.example", "xn--")]
        [InlineData("10.0.0.256", "not a valid IPv4")]
        [InlineData("10.0.0", "not a valid IPv4")]
        [InlineData("1.2.3.4.5", "not a valid IPv4")]
        [InlineData("010.0.0.1", "not a valid IPv4")]
        [InlineData("host.123", "last label is numeric")]
        [InlineData("10.0.0.0/33", "0 to 32")]
        [InlineData("10.0.0.0/", "0 to 32")]
        [InlineData("10.0.0.0/abc", "0 to 32")]
        [InlineData("10.0.0.0/255.0.255.0", "not contiguous")]
        [InlineData("10.0.0.0/255.255.256.0", "not a valid dotted")]
        [InlineData("10.0.0.0/24/8", "more than one '/'")]
        [InlineData("host/24", "valid IPv4 or IPv6")]
        [InlineData("2001:db8::g", "not a valid IPv6")]
        [InlineData("2001:db8:::1", "not a valid IPv6")]
        [InlineData("2001:db8::/129", "0 to 128")]
        [InlineData("2001:db8::/ffff::ffff", "contiguous")]
        [InlineData("[fe80::1]/64", "write 'fe80::1/64'")]
        [InlineData("[2001:db8::1]", "write '2001:db8::1'")]
        [InlineData("gss/krb5", "sec=krb5")]
        [InlineData("-host", "starting or ending with '-'")]
        [InlineData("host-", "starting or ending with '-'")]
        [InlineData("host..example.com", "empty label")]
        [InlineData(".example.com", "empty label")]
        [InlineData("host.example.com.", "trailing dot")]
        [InlineData("under_score.example.com", "'_'")]
        [InlineData("@", "netgroup")]
        [InlineData("host@x", "'@'")]
        [InlineData("buildhost[0-9.example.com", "without closing")]
        [InlineData("host]", "without '['")]
        [InlineData("host[]", "empty [...]")]
        [InlineData("a^b", "'^'")]
        [InlineData("*.example.com/24", "mixes wildcards")]
        [InlineData("*:1", "mixes wildcards")]
        [InlineData("*..example.com", "empty label")]
        public void InvalidHost_IsRejectedWithAClearMessage(string host, string fragment)
        {
            ExportValidationResult result = ExportValidator.ValidateHost(host);

            Assert.False(result.IsValid);
            Assert.Contains(result.Errors, e => e.Contains(fragment));
        }

        [Theory]
        [InlineData("10.0.0.5/24", "10.0.0.0/24")]
        [InlineData("2001:db8::1/64", "host bits")]
        [InlineData("192.168.1.*", "192.168.1.0/24")]
        [InlineData("0.0.0.0/0", "every IPv4 address")]
        [InlineData("::/0", "every IPv6 address")]
        public void SuspiciousHost_IsAcceptedWithAWarning(string host, string fragment)
        {
            ExportValidationResult result = ExportValidator.ValidateHost(host);

            Assert.True(result.IsValid, string.Join(" | ", result.Errors));
            Assert.Contains(result.Warnings, w => w.Contains(fragment));
        }

        // ---- options -------------------------------------------------------------------------------------

        [Theory]
        [InlineData("rw,sync,no_subtree_check")]
        [InlineData("ro,async,subtree_check")]
        [InlineData("ro,sync,no_subtree_check,secure,root_squash,no_all_squash,wdelay,hide,acl,no_pnfs")]
        [InlineData("rw,sync,no_subtree_check,insecure,all_squash,no_wdelay,nohide,crossmnt,no_acl,pnfs")]
        [InlineData("ro,sync,subtree_check,nocrossmnt,secure_locks,nordirplus,security_label")]
        [InlineData("ro,sync,subtree_check,insecure_locks")]
        [InlineData("ro,sync,subtree_check,no_auth_nlm")]
        [InlineData("ro,sync,subtree_check,auth_nlm")]
        [InlineData("rw,sync,no_subtree_check,fsid=0")]
        [InlineData("rw,sync,no_subtree_check,fsid=root")]
        [InlineData("rw,sync,no_subtree_check,fsid=4294967295")]
        [InlineData("rw,sync,no_subtree_check,fsid=0x1f")]
        [InlineData("rw,sync,no_subtree_check,fsid=017")]
        [InlineData("rw,sync,no_subtree_check,fsid=3b9f4a5c-0d2e-4f1a-9b8c-7d6e5f4a3b2c")]
        [InlineData("rw,sync,no_subtree_check,anonuid=65534,anongid=65534")]
        [InlineData("rw,sync,no_subtree_check,sec=sys:krb5:krb5i:krb5p")]
        [InlineData("sync,no_subtree_check,sec=sys,ro,sec=krb5p,rw")]
        [InlineData("sync,no_subtree_check,sec=krb5,root_squash,sec=krb5p,no_root_squash")]
        [InlineData("ro,sync,no_subtree_check,mountpoint")]
        [InlineData("ro,sync,no_subtree_check,mp")]
        [InlineData("ro,sync,no_subtree_check,mp=/srv")]
        [InlineData("ro,sync,no_subtree_check,mountpoint=/srv/data")]
        [InlineData("ro,sync,no_subtree_check,refer=/export@server2")]
        [InlineData("ro,sync,no_subtree_check,replicas=/a@server1+server2:/b@server3")]
        [InlineData("ro,sync,no_subtree_check,xprtsec=tls:mtls")]
        [InlineData("ro,sync,no_subtree_check,xprtsec=none")]
        public void ValidOptions_AreAccepted(string list)
        {
            ExportValidationResult result = ExportValidator.ValidateOptions(list.Split(','));
            Assert.True(result.IsValid, string.Join(" | ", result.Errors));
        }

        [Theory]
        [InlineData("rw,ro", "contradicts 'rw'")]
        [InlineData("sync,async", "contradicts 'sync'")]
        [InlineData("root_squash,no_root_squash", "contradicts")]
        [InlineData("all_squash,no_all_squash", "contradicts")]
        [InlineData("secure,insecure", "contradicts")]
        [InlineData("subtree_check,no_subtree_check", "contradicts")]
        [InlineData("hide,nohide", "contradicts")]
        [InlineData("wdelay,no_wdelay", "contradicts")]
        [InlineData("crossmnt,nocrossmnt", "contradicts")]
        [InlineData("acl,no_acl", "contradicts")]
        [InlineData("pnfs,no_pnfs", "contradicts")]
        [InlineData("secure_locks,insecure_locks", "contradicts")]
        [InlineData("auth_nlm,insecure_locks", "contradicts")]
        [InlineData("secure_locks,no_auth_nlm", "contradicts")]
        [InlineData("fsid=0,fsid=1", "contradicts")]
        [InlineData("anonuid=1,anonuid=2", "contradicts")]
        [InlineData("refer=/a@b,replicas=/a@c", "contradicts")]
        [InlineData("mp=/a,mountpoint=/b", "contradicts")]
        [InlineData("sec=sys,ro,rw", "same sec= section")]
        [InlineData("sync,sec=krb5,async", "contradicts")]
        [InlineData("anonuid=-1", "decimal user id")]
        [InlineData("anonuid=abc", "decimal user id")]
        [InlineData("anongid=4294967295", "decimal group id")]
        [InlineData("anonuid=", "needs a value")]
        [InlineData("anonuid", "needs a value")]
        [InlineData("fsid", "needs a value")]
        [InlineData("fsid=abc", "fsid=")]
        [InlineData("fsid=4294967296", "fsid=")]
        [InlineData("fsid=0x", "fsid=")]
        [InlineData("fsid=09", "fsid=")]
        [InlineData("rw=1", "takes no value")]
        [InlineData("sec=krb6", "unknown security flavour 'krb6'")]
        [InlineData("sec=", "needs a value")]
        [InlineData("sec=sys::krb5", "unknown security flavour ''")]
        [InlineData("mp=relative", "absolute path")]
        [InlineData("refer=nope", "path@host")]
        [InlineData("replicas=/a@", "path@host")]
        [InlineData("xprtsec=ssl", "none, tls or mtls")]
        [InlineData("bogus", "Unknown export option 'bogus'")]
        [InlineData("RW", "write 'rw'")]
        [InlineData("no_root_sqash", "Did you mean 'no_root_squash'")]
        [InlineData("squash_uids=0-10", "Unknown export option")]
        public void InvalidOptions_AreRejectedWithAClearMessage(string list, string fragment)
        {
            ExportValidationResult result = ExportValidator.ValidateOptions(list.Split(','));

            Assert.False(result.IsValid);
            Assert.Contains(result.Errors, e => e.Contains(fragment));
        }

        [Theory]
        [InlineData("", "empty")]
        [InlineData("rw,sync", "separate item")]
        [InlineData("rw;reboot", "';'")]
        [InlineData("$(id)", "'$'")]
        [InlineData("rw\nno_root_squash", "a line feed")]
        [InlineData("rw)", "')'")]
        [InlineData("rw ", "a blank")]
        [InlineData("anonuid=`id -u`", "'`'")]
        public void HostileOption_IsRejected(string option, string fragment)
        {
            ExportValidationResult result = ExportValidator.ValidateOptions(new[] { option });

            Assert.False(result.IsValid);
            Assert.Contains(result.Errors, e => e.Contains(fragment));
        }

        [Theory]
        [InlineData("rw,sync,no_subtree_check,no_root_squash", "no_root_squash lets root")]
        [InlineData("rw,sync,no_subtree_check,insecure", "unprivileged ports")]
        [InlineData("rw,async,no_subtree_check", "server crash")]
        [InlineData("rw,no_subtree_check", "Neither sync nor async")]
        [InlineData("rw,sync", "Neither subtree_check nor no_subtree_check")]
        [InlineData("rw,sync,no_subtree_check,anonuid=0", "anonuid=0")]
        [InlineData("rw,sync,no_subtree_check,sec=none", "unauthenticated")]
        [InlineData("rw,async,no_wdelay,no_subtree_check", "no_wdelay has no effect")]
        [InlineData("rw,sync,no_subtree_check,all_squash,no_root_squash", "all_squash maps every user")]
        [InlineData("rw,sync,no_subtree_check,rw", "given twice")]
        [InlineData("rw,sync,no_subtree_check,secure_locks,auth_nlm", "mean the same")]
        [InlineData("rw,sync,no_subtree_check,sec=krb5,ro,sec=krb5", "more than one sec=")]
        [InlineData("rw,sync,no_subtree_check,insecure_locks", "lock requests")]
        public void RiskyOptions_GiveWarnings(string list, string fragment)
        {
            ExportValidationResult result = ExportValidator.ValidateOptions(list.Split(','));

            Assert.True(result.IsValid, string.Join(" | ", result.Errors));
            Assert.Contains(result.Warnings, w => w.Contains(fragment));
        }

        [Fact]
        public void CompleteSafeOptions_GiveNoWarnings()
        {
            Assert.Empty(ExportValidator.ValidateOptions(new[] { "rw", "sync", "no_subtree_check", "root_squash" }).Warnings);
            Assert.Empty(ExportValidator.ValidateOptionSyntax(new[] { "rw" }).Warnings);
        }

        // ---- clients and exports ---------------------------------------------------------------------------

        [Theory]
        [InlineData("*", "rw,sync,no_subtree_check", true)]
        [InlineData("0.0.0.0/0", "rw,sync,no_subtree_check", true)]
        [InlineData("::/0", "rw,sync,no_subtree_check", true)]
        [InlineData("*", "sec=sys,ro,sec=krb5p,rw,sync,no_subtree_check", true)]
        [InlineData("*", "rw,sec=krb5p,ro,sync,no_subtree_check", false)]
        [InlineData("*", "ro,sync,no_subtree_check", false)]
        [InlineData("*", "sync,no_subtree_check", false)]
        [InlineData("10.0.0.0/24", "rw,sync,no_subtree_check", false)]
        public void WorldWritable_IsWarnedAbout(string host, string list, bool warned)
        {
            ExportValidationResult result = ExportValidator.ValidateClient(host, list.Split(','));

            Assert.True(result.IsValid, string.Join(" | ", result.Errors));
            Assert.Equal(warned, result.Warnings.Any(w => w.Contains("every host that can reach the server write")));
        }

        [Fact]
        public void ValidateExport_MergesDefaultsAndChecksTheWhole()
        {
            ExportValidationResult good = ExportValidator.ValidateExport("/srv/nfs",
                new[] { ExportClientSpec.Parse("10.0.0.0/24(rw)"), ExportClientSpec.Parse("@admins(ro)") }, new[] { "sync", "no_subtree_check" });
            Assert.True(good.IsValid);
            Assert.Empty(good.Warnings);

            ExportValidationResult bad = ExportValidator.ValidateExport("/srv/nfs/", new[] { ExportClientSpec.Parse("h(rw)"), ExportClientSpec.Parse("H(ro)") });
            Assert.Contains(bad.Errors, e => e.Contains("ends with '/'"));
            Assert.Contains(bad.Errors, e => e.Contains("more than once"));
            Assert.Contains(bad.Warnings, w => w.StartsWith("client 'h': Neither sync nor async"));

            Assert.Contains(ExportValidator.ValidateExport("/srv/nfs", Array.Empty<ExportClientSpec>()).Errors, e => e.Contains("No client"));
        }

        [Fact]
        public void ValidateLine_ReportsTrapsAndOwnContradictions()
        {
            ExportsDocument document = ExportsDocument.Parse("/srv/t client1 (rw,sync,no_subtree_check)\n/srv/c h(rw,ro,sync,no_subtree_check)\n", "x");

            ExportValidationResult trap = ExportValidator.ValidateLine(document.Exports[0]);
            Assert.Contains(trap.Warnings, w => w.Contains("blank before '('"));
            Assert.Contains(trap.Warnings, w => w.StartsWith("client '*': '*' with rw"));

            ExportValidationResult contradiction = ExportValidator.ValidateLine(document.Exports[1]);
            Assert.Contains(contradiction.Errors, e => e.StartsWith("client 'h': ") && e.Contains("contradicts"));
        }

        // ---- paths ---------------------------------------------------------------------------------------

        [Theory]
        [InlineData("/srv/nfs")]
        [InlineData("/srv/nfs/share-1_a.b")]
        [InlineData("/srv/with space")]
        [InlineData("/srv/caf\u00e9")]
        [InlineData("/srv/hash#tag")]
        [InlineData("/")]
        public void ValidPath_IsAccepted(string path)
        {
            ExportValidationResult result = ExportValidator.ValidatePath(path);
            Assert.True(result.IsValid, string.Join(" | ", result.Errors));
        }

        [Theory]
        [InlineData("", "empty")]
        [InlineData("srv/nfs", "not absolute")]
        [InlineData("./srv", "not absolute")]
        [InlineData("/srv/nfs/", "ends with '/'")]
        [InlineData("/srv//nfs", "'//'")]
        [InlineData("/srv/./nfs", "'.' segment")]
        [InlineData("/srv/../etc", "'..' segment")]
        [InlineData("/srv/..", "'..' segment")]
        [InlineData("/srv/x\n/etc", "a line feed")]
        [InlineData("/srv/x\r", "a carriage return")]
        [InlineData("/srv/x\0", "NUL")]
        [InlineData("/srv/x\ty", "a tab")]
        [InlineData("/srv/\"q\"", "'\"'")]
        [InlineData("/srv/it's", "'''")]
        [InlineData("/srv/x;reboot", "';'")]
        [InlineData("/srv/$(reboot)", "'$'")]
        [InlineData("/srv/`id`", "'`'")]
        [InlineData("/srv/a|b", "'|'")]
        [InlineData("/srv/a&b", "'&'")]
        [InlineData("/srv/a<b", "'<'")]
        [InlineData("/srv/a\\040b", "'\\'")]
        public void InvalidPath_IsRejectedWithAClearMessage(string path, string fragment)
        {
            ExportValidationResult result = ExportValidator.ValidatePath(path);

            Assert.False(result.IsValid);
            Assert.Contains(result.Errors, e => e.Contains(fragment));
        }

        [Fact]
        public void PathLimits()
        {
            Assert.Contains(ExportValidator.ValidatePath("/").Warnings, w => w.Contains("whole root file system"));
            Assert.Contains(ExportValidator.ValidatePath("/srv/" + new string('a', 1100)).Errors, e => e.Contains("1023 bytes"));
        }

        // ---- ExportClientSpec ----------------------------------------------------------------------------

        [Theory]
        [InlineData("10.0.0.0/24(rw,sync)", "10.0.0.0/24", "rw,sync", "10.0.0.0/24(rw,sync)")]
        [InlineData("host", "host", "", "host")]
        [InlineData("host()", "host", "", "host")]
        [InlineData("*.example.com(ro)", "*.example.com", "ro", "*.example.com(ro)")]
        [InlineData("@netgroup(rw)", "@netgroup", "rw", "@netgroup(rw)")]
        [InlineData("[fe80::1]/64(rw)", "fe80::1/64", "rw", "fe80::1/64(rw)")]
        [InlineData("[2001:db8::1](ro)", "2001:db8::1", "ro", "2001:db8::1(ro)")]
        [InlineData("2001:db8::/64(rw,no_subtree_check)", "2001:db8::/64", "rw,no_subtree_check", "2001:db8::/64(rw,no_subtree_check)")]
        [InlineData("*(ro,all_squash,anonuid=65534,anongid=65534)", "*", "ro,all_squash,anonuid=65534,anongid=65534", "*(ro,all_squash,anonuid=65534,anongid=65534)")]
        [InlineData("krb(sec=krb5p:krb5i,rw)", "krb", "sec=krb5p:krb5i,rw", "krb(sec=krb5p:krb5i,rw)")]
        [InlineData("10.40.0.0/255.255.255.0(rw)", "10.40.0.0/255.255.255.0", "rw", "10.40.0.0/255.255.255.0(rw)")]
        public void ClientSpec_ParsesAndPrintsCanonically(string spec, string host, string options, string canonical)
        {
            ExportClientSpec client = ExportClientSpec.Parse(spec);

            Assert.Equal(host, client.Host);
            Assert.Equal(options.Length == 0 ? Array.Empty<string>() : options.Split(','), client.Options);
            Assert.Equal(canonical, client.ToString());
            Assert.Equal(client, ExportClientSpec.Parse(client.ToString()));
        }

        [Theory]
        [InlineData("", "empty")]
        [InlineData("host (rw)", "every host")]
        [InlineData("(rw)", "no host before '('")]
        [InlineData("host(rw", "never closes")]
        [InlineData("host(rw)x", "text after ')'")]
        [InlineData("host(rw)(ro)", "text after ')'")]
        [InlineData("host(r(w)", "second '('")]
        [InlineData("host)", "')' without '('")]
        [InlineData("host(rw,,sync)", "empty option")]
        [InlineData("host(rw,)", "empty option")]
        [InlineData("host(,rw)", "empty option")]
        [InlineData("host(bogus)", "Unknown export option 'bogus'")]
        [InlineData("host(rw,ro)", "contradicts")]
        [InlineData("host(RW)", "write 'rw'")]
        [InlineData("host(anonuid=abc)", "decimal user id")]
        [InlineData("host(sec=krb6)", "krb6")]
        [InlineData("host;rm(rw)", "';'")]
        [InlineData("$(reboot)(rw)", "'$'")]
        [InlineData("host(rw;reboot)", "';'")]
        [InlineData("host(rw)\n/etc *(rw)", "contains a line feed (U+000A) at position 8; a value written to a host's files must be one line")]
        [InlineData("\"host\"(rw)", "'\"'")]
        [InlineData("gss/krb5(rw)", "sec=krb5")]
        [InlineData("10.0.0.0/33(rw)", "0 to 32")]
        public void ClientSpec_RejectsBadSyntaxPrecisely(string spec, string fragment)
        {
            ArgumentException error = Assert.Throws<ArgumentException>(() => ExportClientSpec.Parse(spec));
            Assert.Contains(fragment, error.Message);
        }

        [Fact]
        public void ClientSpec_ConstructorValidatesToo()
        {
            Assert.Throws<ArgumentException>(() => new ExportClientSpec("h", new[] { "rw\nno_root_squash" }));
            Assert.Throws<ArgumentException>(() => new ExportClientSpec("h", new[] { "rw,no_root_squash" }));
            Assert.Throws<ArgumentException>(() => new ExportClientSpec("h;x"));
            Assert.Throws<ArgumentNullException>(() => new ExportClientSpec(null!));
            Assert.Equal("h(no_root_squash)", new ExportClientSpec("h", new[] { "no_root_squash" }).ToString());
            Assert.Equal(new ExportClientSpec("H", new[] { "rw" }), new ExportClientSpec("h", new[] { "rw" }));
            Assert.NotEqual(new ExportClientSpec("h", new[] { "rw", "sync" }), new ExportClientSpec("h", new[] { "sync", "rw" }));
        }
    }
}
