using System;
using NfsCinder.Nfs;
using Xunit;

namespace NfsCinder.Tests
{
    // The result every export validator returns: messages kept in order without repeats, so a
    // check reached twice (a flavour in two sec= options, a client's own and merged options) is
    // reported once.
    public class ExportValidationResultTests
    {
        [Fact]
        public void Messages_KeepTheirOrder_WithoutRepeats()
        {
            var result = new ExportValidationResult(
                new[] { "The host 'pc001;x' contains ';' at position 5.", "Unknown export option 'bogus'.", "The host 'pc001;x' contains ';' at position 5." },
                new[] { "async replies before data reaches stable storage.", "async replies before data reaches stable storage." });

            Assert.Equal(new[] { "The host 'pc001;x' contains ';' at position 5.", "Unknown export option 'bogus'." }, result.Errors);
            Assert.Equal(new[] { "async replies before data reaches stable storage." }, result.Warnings);
            Assert.False(result.IsValid);
        }

        [Fact]
        public void WarningsAlone_AreValid()
        {
            Assert.True(new ExportValidationResult(Array.Empty<string>(), new[] { "no_root_squash lets root act as root." }).IsValid);
            Assert.True(ExportValidationResult.Valid.IsValid);
            Assert.Empty(ExportValidationResult.Valid.Errors);
            Assert.Empty(ExportValidationResult.Valid.Warnings);
        }

        [Fact]
        public void Combine_JoinsInOrderAndDropsRepeats()
        {
            ExportValidationResult combined = ExportValidationResult.Combine(
                ExportPathValidator.ValidatePath("/srv/nfs/"),
                ExportClientValidator.ValidateHost("10.0.0.256"),
                ExportPathValidator.ValidatePath("/srv/nfs/"));

            Assert.Equal(2, combined.Errors.Count);
            Assert.Contains("ends with '/'", combined.Errors[0]);
            Assert.Contains("not a valid IPv4 address", combined.Errors[1]);
        }

        [Fact]
        public void Prefixed_NamesThePartEveryMessageConcerns()
        {
            var result = new ExportValidationResult(new[] { "contradicts 'rw'." }, new[] { "Neither sync nor async is given." });

            ExportValidationResult prefixed = result.Prefixed("client '10.0.0.0/24': ");

            Assert.Equal(new[] { "client '10.0.0.0/24': contradicts 'rw'." }, prefixed.Errors);
            Assert.Equal(new[] { "client '10.0.0.0/24': Neither sync nor async is given." }, prefixed.Warnings);
            Assert.Equal(new[] { "contradicts 'rw'." }, result.Errors);
        }

        [Fact]
        public void ThrowIfInvalid_ListsEveryErrorButIgnoresWarnings()
        {
            new ExportValidationResult(Array.Empty<string>(), new[] { "A warning." }).ThrowIfInvalid("options");

            var result = new ExportValidationResult(new[] { "First problem.", "Second problem." }, new[] { "A warning." });
            ArgumentException error = Assert.Throws<ArgumentException>(() => result.ThrowIfInvalid("exportPath"));

            Assert.Equal("exportPath", error.ParamName);
            Assert.StartsWith("First problem. Second problem.", error.Message);
            Assert.DoesNotContain("A warning.", error.Message);
        }
    }
}
