using NfsCinder.Nfs;
using Xunit;

namespace NfsCinder.Tests
{
    // The export path check on its own, with paths as they appear in /etc/exports (exports(5)
    // examples, Cinder share directories) and the mistakes people make typing them.
    public class ExportPathValidatorTests
    {
        [Theory]
        [InlineData("/srv/nfs/cinder")]
        [InlineData("/var/lib/nfs/share1")]
        [InlineData("/export/volumes-01")]
        [InlineData("/home/joe")]               // exports(5)
        [InlineData("/projects")]
        [InlineData("/srv/www")]
        [InlineData("/srv/nfs/caf\u00e9")]
        [InlineData("/srv/nfs/backup_2024-01.d")]
        public void Path_IsAcceptedWithoutWarnings(string path)
        {
            ExportValidationResult result = ExportPathValidator.ValidatePath(path);

            Assert.True(result.IsValid, string.Join(" | ", result.Errors));
            Assert.Empty(result.Warnings);
        }

        [Fact]
        public void PathWithPairedSurrogates_IsAccepted()
        {
            Assert.True(ExportPathValidator.ValidatePath("/srv/nfs/\U0001F4BE").IsValid);
        }

        [Theory]
        [InlineData("/", "shares the server's whole root file system")]
        [InlineData("/srv/nfs/with space", "contains blanks; it is written in double quotes")]
        public void Path_IsAcceptedWithAWarning(string path, string fragment)
        {
            ExportValidationResult result = ExportPathValidator.ValidatePath(path);

            Assert.True(result.IsValid, string.Join(" | ", result.Errors));
            Assert.Contains(result.Warnings, w => w.Contains(fragment));
        }

        [Theory]
        [InlineData(null, "The export path is empty")]
        [InlineData("", "The export path is empty")]
        [InlineData("srv/nfs", "is not absolute. Start it with '/'")]
        [InlineData("./data", "e.g. /srv/nfs/data.")]
        [InlineData("/srv/nfs/", "ends with '/'. Write it without: '/srv/nfs'.")]
        [InlineData("/srv//nfs", "contains '//'")]
        [InlineData("/srv/./nfs", "contains a '.' segment")]
        [InlineData("/srv/nfs/.", "contains a '.' segment")]
        [InlineData("/srv/../etc", "contains a '..' segment")]
        [InlineData("/srv/x\ny", "a line feed (U+000A) at position 6; a value written to a host's files must be one line of printable characters. Rename the directory.")]
        [InlineData("/srv/x\u0007", "a control character (U+0007)")]
        [InlineData("/srv/nfs;rm -rf /", "contains ';', which this module refuses in export paths (quoting and shell metacharacters)")]
        [InlineData("/srv/$HOME", "contains '$'")]
        [InlineData("/srv/\"nfs\"", "contains '\"'")]
        [InlineData("/srv/with\\040space", "contains '\\'")]   // exports(5)'s octal escape: this module quotes blanks instead
        [InlineData("C:\\exports", "contains '\\'")]
        [InlineData("/srv/a>b", "contains '>'")]
        public void BadPath_IsRejectedWithAClearMessage(string? path, string fragment)
        {
            ExportValidationResult result = ExportPathValidator.ValidatePath(path!);

            Assert.False(result.IsValid);
            Assert.Contains(result.Errors, e => e.Contains(fragment));
        }

        [Fact]
        public void UnpairedSurrogate_IsRejected()
        {
            ExportValidationResult result = ExportPathValidator.ValidatePath("/srv/nfs/\uD83D");

            Assert.Contains(result.Errors, e => e.Contains("unpaired UTF-16 surrogate; it has no UTF-8 form"));
        }

        [Fact]
        public void EveryMetacharacter_IsReported_BeforeTheShapeIsChecked()
        {
            ExportValidationResult result = ExportPathValidator.ValidatePath("srv/a;b|c");

            Assert.Equal(2, result.Errors.Count);
            Assert.Contains(result.Errors, e => e.Contains("';'"));
            Assert.Contains(result.Errors, e => e.Contains("'|'"));
        }

        [Fact]
        public void TrailingDoubleSlash_GivesBothMessages()
        {
            ExportValidationResult result = ExportPathValidator.ValidatePath("/srv/nfs//");

            Assert.Contains(result.Errors, e => e.Contains("ends with '/'"));
            Assert.Contains(result.Errors, e => e.Contains("'//'"));
        }

        [Fact]
        public void Length_IsCountedInUtf8Bytes()
        {
            // NFS_MAXPATHLEN is 1024 with the NUL: 1023 bytes fit, 1024 do not; e-acute takes two bytes.
            Assert.True(ExportPathValidator.ValidatePath("/srv/" + new string('a', 1018)).IsValid);
            Assert.Contains(ExportPathValidator.ValidatePath("/srv/" + new string('a', 1019)).Errors, e => e.Contains("longer than 1023 bytes"));
            Assert.True(ExportPathValidator.ValidatePath("/srv/" + new string('\u00e9', 509)).IsValid);
            Assert.False(ExportPathValidator.ValidatePath("/srv/" + new string('\u00e9', 510)).IsValid);
        }
    }
}
