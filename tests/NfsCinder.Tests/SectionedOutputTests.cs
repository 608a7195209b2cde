using System;
using System.Linq;
using NfsCinder.Execution;
using Xunit;

namespace NfsCinder.Tests
{
    /// <summary>The one reader of sectioned script output, on what lib/sections.sh really writes.</summary>
    public class SectionedOutputTests
    {
        // What `section a; printf 'x\ny\n'; section b; printf 'no newline'; section c; section end` prints.
        private const string Written = "\n@@NFSCINDER:a@@\nx\ny\n\n@@NFSCINDER:b@@\nno newline\n@@NFSCINDER:c@@\n\n@@NFSCINDER:end@@\n";

        [Fact]
        public void Raw_GivesEachSectionsBytesExactly()
        {
            var s = SectionedOutput.Parse(Written);
            Assert.Equal(new[] { "a", "b", "c", "end" }, s.Names);
            Assert.Equal("x\ny\n", s.Raw("a"));
            Assert.Equal("no newline", s.Raw("b"));
            Assert.Equal("", s.Raw("c"));
            Assert.Equal("", s.Raw("end"));
            Assert.Null(s.Raw("missing"));
        }

        [Fact]
        public void Lines_DropOnlyTheFinalNewline()
        {
            var s = SectionedOutput.Parse("\n@@NFSCINDER:a@@\nx\n\ny\n\n\n@@NFSCINDER:b@@\nz\r\n");
            Assert.Equal(new[] { "x", "", "y", "" }, s.Lines("a"));
            Assert.Equal(new[] { "x", "y" }, s.NonEmptyLines("a"));
            Assert.Equal(new[] { "z" }, s.Lines("b"));
            Assert.Empty(s.Lines("missing"));
            Assert.Equal("x", s.FirstLine("a"));
        }

        [Fact]
        public void TextBeforeTheFirstMarker_IsDropped_AndARepeatedSectionIsOne()
        {
            var s = SectionedOutput.Parse("Welcome to host\n\n@@NFSCINDER:status@@\n1 path /a\n\n@@NFSCINDER:apply@@\nout\n\n@@NFSCINDER:status@@\n1 written\n");
            Assert.Equal(new[] { "status", "apply" }, s.Names);
            Assert.Equal(new[] { "1 path /a", "1 written" }, s.Lines("status"));
            Assert.Equal("out\n", s.Raw("apply"));
        }

        [Fact]
        public void WithPrefix_NamesSectionsByTheRest()
        {
            var s = SectionedOutput.Parse("\n@@NFSCINDER:log:/var/log/a@@\noffset 0\n\n@@NFSCINDER:log:journal:kernel@@\noffset 0\n1:x\n\n@@NFSCINDER:mounts@@\n");
            Assert.Equal(new[] { "/var/log/a", "journal:kernel" }, s.WithPrefix("log:").Select(p => p.Key));
            Assert.Equal(new[] { "offset 0", "1:x" }, s.WithPrefix("log:").Last().Value);
        }

        [Fact]
        public void NoMarkers_NoSections()
        {
            Assert.Empty(SectionedOutput.Parse("sh: 1: Syntax error\n").Names);
            Assert.Empty(SectionedOutput.Parse(null!).Names);
            Assert.Empty(SectionedOutput.Parse("").Names);
        }
    }
}
