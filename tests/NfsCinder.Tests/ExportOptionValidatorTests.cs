using NfsCinder.Nfs;
using Xunit;

namespace NfsCinder.Tests
{
    // The option checks on their own: keywords, values, contradictions, risky choices, and the
    // difference between a complete list (ValidateOptions) and a partial one (ValidateOptionSyntax).
    // Lists in exports(5) syntax, one option per item as a client's parentheses hold them.
    public class ExportOptionValidatorTests
    {
        private static ExportValidationResult Complete(string list) => ExportOptionValidator.ValidateOptions(list.Split(','));

        private static ExportValidationResult Partial(string list) => ExportOptionValidator.ValidateOptionSyntax(list.Split(','));

        // ---- accepted ------------------------------------------------------------------------------------

        [Theory]
        [InlineData("rw,sync,no_subtree_check")]
        [InlineData("rw,all_squash,anonuid=150,anongid=100,sync,no_subtree_check")]   // exports(5): pc001
        [InlineData("ro,all_squash,sync,no_subtree_check")]
        [InlineData("rw,sync,no_subtree_check,fsid=0,crossmnt")]                      // an NFSv4 pseudo root
        [InlineData("sec=krb5p:krb5i,rw,sync,no_subtree_check")]
        [InlineData("sync,no_subtree_check,sec=sys,ro,sec=krb5p,rw")]
        [InlineData("rw,sync,no_subtree_check,xprtsec=mtls")]
        [InlineData("rw,sync,no_subtree_check,anonuid=4294967294")]
        [InlineData("rw,sync,no_subtree_check,fsid=0xffffffff")]
        [InlineData("rw,sync,no_subtree_check,fsid=037777777777")]
        [InlineData("rw,sync,no_subtree_check,fsid=3b9f4a5c:0d2e4f1a:9b8c7d6e:5f4a3b2c")]
        [InlineData("ro,sync,no_subtree_check,refer=/export@server2+server3")]
        [InlineData("ro,sync,no_subtree_check,mountpoint=/srv/nfs,nohide")]
        public void CompleteList_IsAcceptedWithoutWarnings(string list)
        {
            ExportValidationResult result = Complete(list);

            Assert.True(result.IsValid, string.Join(" | ", result.Errors));
            Assert.Empty(result.Warnings);
        }

        [Fact]
        public void DefaultsLeftOut_AreWarnedAboutOnlyInACompleteList()
        {
            Assert.Contains(Complete("rw").Warnings, w => w.Contains("Neither sync nor async is given"));
            Assert.Contains(Complete("rw").Warnings, w => w.Contains("Neither subtree_check nor no_subtree_check is given"));
            Assert.Empty(Partial("rw").Warnings);
            Assert.Empty(Partial("rw,all_squash,anonuid=150,anongid=100").Warnings);
        }

        [Fact]
        public void DefaultsLeftOut_AreNotWarnedAboutWhenTheListHasErrors()
        {
            ExportValidationResult result = Complete("rw,bogus");

            Assert.False(result.IsValid);
            Assert.DoesNotContain(result.Warnings, w => w.StartsWith("Neither"));
        }

        [Fact]
        public void NullList_HasNoMessages()
        {
            Assert.True(ExportOptionValidator.ValidateOptions(null!).IsValid);
            Assert.Empty(ExportOptionValidator.ValidateOptions(null!).Warnings);
            Assert.Empty(ExportOptionValidator.ValidateOptionSyntax(null!).Errors);
        }

        // ---- refused -------------------------------------------------------------------------------------

        [Theory]
        [InlineData("rw,ro", "The option 'ro' contradicts 'rw' (read-only versus read-write)")]
        [InlineData("sync,async", "(reply before data reaches stable storage versus reply after data reaches stable storage)")]
        [InlineData("fsid=1,fsid=2", "(fsid=2 versus fsid=1)")]
        [InlineData("sec=sys,ro,rw", "contradicts 'ro' in the same sec= section")]
        [InlineData("rw=1", "takes no value; write just 'rw'")]
        [InlineData("sec", "needs a value: sec=sys, krb5, krb5i or krb5p")]
        [InlineData("refer", "needs a value: refer=path@host[+host][:path@host...]")]
        [InlineData("anongid", "needs a value: anongid=<gid>, e.g. anongid=65534")]
        [InlineData("anonuid=4294967295", "decimal user id from 0 to 4294967294")]
        [InlineData("anongid=nogroup", "decimal group id")]
        [InlineData("fsid=0x100000000", "needs 'root', a number (decimal or 0x hex, up to 32 bits) or a UUID")]
        [InlineData("fsid=040000000000", "needs 'root', a number (decimal or 0x hex, up to 32 bits) or a UUID")]
        [InlineData("fsid=3b9f4a5c", "needs 'root', a number (decimal or 0x hex, up to 32 bits) or a UUID")]
        [InlineData("mountpoint=srv/nfs", "needs an absolute path")]
        [InlineData("refer=export@server2", "needs path@host")]
        [InlineData("replicas=/a@server1:/b@", "needs path@host")]
        [InlineData("xprtsec=TLS", "unknown policy 'TLS'")]
        [InlineData("xprtsec=tls:ssl", "unknown policy 'ssl'")]
        [InlineData("sec=krb5:krb6", "unknown security flavour 'krb6'")]
        [InlineData("sec=spkm3", "unknown security flavour 'spkm3'")]
        [InlineData("RO", "Options are case-sensitive: write 'ro'")]
        [InlineData("no_root_sqash", "Did you mean 'no_root_squash'?")]
        [InlineData("nosubtree_check", "Did you mean 'no_subtree_check'?")]
        [InlineData("squash_uids=0-10", "Unknown export option 'squash_uids=0-10' (exportfs: unknown keyword).")]
        public void BadOption_IsRejectedWithAClearMessage(string list, string fragment)
        {
            ExportValidationResult result = Partial(list);

            Assert.False(result.IsValid);
            Assert.Contains(result.Errors, e => e.Contains(fragment));
        }

        [Fact]
        public void FlagsBeforeAndAfterSec_MayDifferWhileOtherOptionsMayNot()
        {
            Assert.True(Partial("sec=sys,root_squash,sec=krb5p,no_root_squash").IsValid);

            ExportValidationResult result = Partial("sync,sec=krb5,async");
            Assert.Contains(result.Errors, e => e.Contains("contradicts 'sync'") && !e.Contains("sec= section"));
        }

        [Fact]
        public void UnknownOptionFarFromAnyKeyword_GetsNoGuess()
        {
            ExportValidationResult result = Partial("no_such_option_at_all");

            Assert.Contains(result.Errors, e => e.Contains("Unknown export option") && e.Contains("See exports(5)"));
            Assert.DoesNotContain(result.Errors, e => e.Contains("Did you mean"));
        }

        [Theory]
        [InlineData(null, "An option is null.")]
        [InlineData("", "An option is empty")]
        [InlineData("rw,sync", "contains ',' at position 2. Options may only contain letters, digits and _ = : @ / . + -. Pass each option as a separate item.")]
        [InlineData("rw sync", "contains a blank at position 2")]
        [InlineData("anonuid=1000)", "contains ')' at position 12")]
        [InlineData("rw;reboot", "contains ';'")]
        [InlineData("anonuid=$(id -u)", "contains '$'")]
        [InlineData("rw\nno_root_squash", "contains a line feed (U+000A) at position 2; a value written to a host's files must be one line")]
        public void HostileOrMalformedItem_IsRejected(string? option, string fragment)
        {
            ExportValidationResult result = ExportOptionValidator.ValidateOptionSyntax(new[] { option! });

            Assert.False(result.IsValid);
            Assert.Contains(result.Errors, e => e.Contains(fragment));
        }

        [Fact]
        public void OneBadItem_DoesNotHideTheOthers()
        {
            ExportValidationResult result = ExportOptionValidator.ValidateOptionSyntax(new[] { "rw;x", "bogus", "anonuid=abc" });

            Assert.Equal(3, result.Errors.Count);
        }

        // ---- warnings ------------------------------------------------------------------------------------

        [Theory]
        [InlineData("rw,sync,no_subtree_check,no_root_squash", "no_root_squash lets root on the client act as root")]
        [InlineData("ro,insecure,all_squash,sync,no_subtree_check", "insecure accepts requests from unprivileged ports")]   // exports(5): /pub
        [InlineData("rw,async,no_subtree_check", "a server crash can lose or corrupt written data")]
        [InlineData("rw,sync,no_subtree_check,no_auth_nlm", "no_auth_nlm skips authentication of lock requests")]
        [InlineData("rw,sync,no_subtree_check,anonuid=0", "anonuid=0 maps anonymous (and squashed) requests to root")]
        [InlineData("rw,sync,no_subtree_check,anongid=0", "anongid=0 maps anonymous (and squashed) requests to the root group")]
        [InlineData("rw,sync,no_subtree_check,sec=null", "sec=null allows unauthenticated access")]
        [InlineData("rw,sync,no_subtree_check,sec=sys:sys", "The flavour 'sys' appears twice in 'sec=sys:sys'")]
        [InlineData("rw,sync,no_subtree_check,sec=krb5,sec=krb5", "appears in more than one sec= option")]
        [InlineData("rw,async,no_wdelay,no_subtree_check", "no_wdelay has no effect together with async")]
        [InlineData("rw,sync,no_subtree_check,all_squash,no_root_squash", "so no_root_squash has no effect")]
        [InlineData("rw,sync,no_subtree_check,sync", "The option 'sync' is given twice")]
        [InlineData("rw,sync,no_subtree_check,insecure_locks,no_auth_nlm", "The options 'insecure_locks' and 'no_auth_nlm' mean the same")]
        [InlineData("ro,sync,no_subtree_check,mp=/srv,mountpoint=/srv", "The options 'mp=/srv' and 'mountpoint=/srv' mean the same")]
        public void RiskyOrRedundantOption_IsAcceptedWithAWarning(string list, string fragment)
        {
            ExportValidationResult result = Complete(list);

            Assert.True(result.IsValid, string.Join(" | ", result.Errors));
            Assert.Contains(result.Warnings, w => w.Contains(fragment));
        }

        [Fact]
        public void RepeatedWarning_IsGivenOnce()
        {
            ExportValidationResult result = Partial("rw,rw,rw");

            Assert.Single(result.Warnings, w => w.Contains("given twice"));
        }
    }
}
