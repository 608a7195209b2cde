using System;
using System.Collections.Generic;
using System.Linq;
using NfsCinder.Nfs;
using Xunit;

namespace NfsCinder.Tests
{
    /// <summary>
    /// /etc/fstab editing. debian12-default-fstab.txt is the real file of a fresh Debian 12
    /// debootstrap; handwritten-fstab-mixed.txt is hand-written (aligned columns, tabs,
    /// comments, an escaped space, swap, no final newline).
    /// </summary>
    public class FstabDocumentTests
    {
        private static readonly FstabEntry Shared = new FstabEntry("nfs1:/nfs/shared", "/mnt/a", "nfs", "vers=3,hard,_netdev");

        [Fact]
        public void RealDebianDefault_RoundTripsAndHasNoEntries()
        {
            string text = NfsOutputParsersTests.Fixture("debian12-default-fstab.txt");
            FstabDocument doc = FstabDocument.Parse(text);

            Assert.Equal(text, doc.Render());
            Assert.Empty(doc.Entries);
            Assert.Empty(doc.Problems);
            Assert.Null(doc.Find("/mnt/a"));
        }

        [Fact]
        public void RealDebianDefault_UpsertAppendsOnceThenIsIdempotent()
        {
            string text = NfsOutputParsersTests.Fixture("debian12-default-fstab.txt");
            FstabDocument doc = FstabDocument.Parse(text);

            Assert.True(doc.Upsert(Shared));
            string once = doc.Render();
            Assert.Equal(text + "nfs1:/nfs/shared /mnt/a nfs vers=3,hard,_netdev 0 0\n", once);

            Assert.False(doc.Upsert(new FstabEntry("nfs1:/nfs/shared", "/mnt/a/", "nfs", "vers=3,hard,_netdev")));
            Assert.Equal(once, doc.Render());

            FstabEntry found = doc.Find("/mnt/a")!;
            Assert.Equal(2, found.LineNumber);
            Assert.True(found.SameAs(Shared));

            Assert.True(doc.Remove("/mnt/a"));
            Assert.Equal(text, doc.Render());
            Assert.False(doc.Remove("/mnt/a"));
        }

        [Fact]
        public void HandWritten_RoundTripsAndParsesFields()
        {
            string text = NfsOutputParsersTests.Extra("handwritten-fstab-mixed.txt");
            FstabDocument doc = FstabDocument.Parse(text);

            Assert.Equal(text, doc.Render());
            Assert.Empty(doc.Problems);
            IReadOnlyList<FstabEntry> entries = doc.Entries;
            Assert.Equal(5, entries.Count);
            Assert.Equal(new[] { 4, 5, 7, 8, 9 }, entries.Select(e => e.LineNumber));

            FstabEntry root = entries[0];
            Assert.Equal(("/", "ext4", "errors=remount-ro", 0, 1), (root.MountPoint, root.FsType, root.Options, root.Dump, root.Pass));

            FstabEntry tabs = doc.Find("/mnt/a")!;
            Assert.Equal(("nfs1:/nfs/shared", "nfs", "vers=3,hard,_netdev"), (tabs.Spec, tabs.FsType, tabs.Options));

            FstabEntry spaced = doc.Find("/mnt/with space")!;
            Assert.Equal(("nfs1:/nfs/with space", 8), (spaced.Spec, spaced.LineNumber));

            FstabEntry noDumpPass = doc.Find("/mnt/b")!;
            Assert.Equal(("defaults", 0, 0), (noDumpPass.Options, noDumpPass.Dump, noDumpPass.Pass));
        }

        [Fact]
        public void HandWritten_UpsertReplacesOnlyThatLine()
        {
            string text = NfsOutputParsersTests.Extra("handwritten-fstab-mixed.txt");
            FstabDocument doc = FstabDocument.Parse(text);

            Assert.False(doc.Upsert(Shared)); // same fields, tabs instead of spaces: unchanged
            Assert.Equal(text, doc.Render());

            var changed = new FstabEntry("nfs1:/nfs/with space", "/mnt/with space", "nfs4", "vers=4.2,hard,timeo=600");
            Assert.True(doc.Upsert(changed));
            string[] before = text.Split('\n'), after = doc.Render().Split('\n');
            Assert.Equal(before.Length, after.Length);
            for (int i = 0; i < before.Length; i++)
            {
                if (i == 7) Assert.Equal(@"nfs1:/nfs/with\040space /mnt/with\040space nfs4 vers=4.2,hard,timeo=600 0 0", after[i]);
                else Assert.Equal(before[i], after[i]);
            }
            Assert.False(doc.Upsert(changed));
        }

        [Fact]
        public void AppendAfterUnterminatedLastLine_AddsTheMissingNewline()
        {
            FstabDocument doc = FstabDocument.Parse("# c\n/dev/vda1 / ext4 defaults 0 1");
            Assert.True(doc.Upsert(Shared));
            Assert.Equal("# c\n/dev/vda1 / ext4 defaults 0 1\nnfs1:/nfs/shared /mnt/a nfs vers=3,hard,_netdev 0 0\n", doc.Render());
        }

        [Fact]
        public void CrlfDocument_KeepsCrlf()
        {
            string text = "# c\r\n/dev/vda1 / ext4 defaults 0 1\r\n";
            FstabDocument doc = FstabDocument.Parse(text);
            Assert.Equal(text, doc.Render());
            Assert.True(doc.Upsert(Shared));
            Assert.EndsWith("/mnt/a nfs vers=3,hard,_netdev 0 0\r\n", doc.Render());
        }

        [Theory]
        [InlineData("")]
        [InlineData("\n")]
        [InlineData("\n\n  \n")]
        [InlineData("a b c\n\ttrailing whitespace \t \n# no newline")]
        [InlineData("\uFEFF# bom\r\nx y z\r\n\r\n")]
        [InlineData("mixed\r\nendings\nand\rlone cr\n")]
        public void Render_IsIdenticalWhenUnchanged(string text) => Assert.Equal(text, FstabDocument.Parse(text).Render());

        [Fact]
        public void Duplicates_AreReported_AndUpsertCollapsesThem()
        {
            string text = "nfs1:/a /mnt/a nfs defaults 0 0\n/dev/sdb1 /data ext4 defaults 0 2\nnfs2:/a /mnt/a/ nfs4 defaults 0 0\n";
            FstabDocument doc = FstabDocument.Parse(text);

            FstabProblem dup = Assert.Single(doc.Problems);
            Assert.Equal(3, dup.LineNumber);
            Assert.Contains("line 1", dup.Message);
            Assert.Equal("nfs1:/a", doc.Find("/mnt/a")!.Spec);

            Assert.True(doc.Upsert(new FstabEntry("nfs1:/a", "/mnt/a", "nfs")));
            Assert.Equal("nfs1:/a /mnt/a nfs defaults 0 0\n/dev/sdb1 /data ext4 defaults 0 2\n", doc.Render());
            Assert.Empty(doc.Problems);
        }

        [Fact]
        public void SwapLines_AreNotDuplicates()
        {
            FstabDocument doc = FstabDocument.Parse("/dev/a none swap sw 0 0\n/dev/b none swap sw 0 0\n");
            Assert.Empty(doc.Problems);
        }

        [Fact]
        public void Remove_AllLinesForMountPoint()
        {
            FstabDocument doc = FstabDocument.Parse("# keep\nx:/a /mnt/a nfs defaults\n/dev/b /b ext4 defaults 0 2\nx:/b /mnt/a nfs defaults");
            Assert.True(doc.Remove("/mnt/a"));
            Assert.Equal("# keep\n/dev/b /b ext4 defaults 0 2\n", doc.Render());
        }

        [Theory]
        [InlineData("onlyone\n", 1, "field")]
        [InlineData("a /b\n", 1, "field")]
        [InlineData("nfs1:/a /mnt/a b nfs defaults 0 0\n", 1, "\\040")]
        [InlineData("# ok\nnfs1:/a /mnt/a nfs defaults x 0\n", 2, "number")]
        public void MalformedLines_AreProblems(string text, int line, string messagePart)
        {
            FstabDocument doc = FstabDocument.Parse(text);
            FstabProblem p = Assert.Single(doc.Problems);
            Assert.Equal(line, p.LineNumber);
            Assert.Contains(messagePart, p.Message);
            Assert.Empty(doc.Entries);
            Assert.Equal(text, doc.Render());
        }

        [Fact]
        public void Validate_AcceptsDecodedSpacesAndRejectsBadFields()
        {
            Assert.Empty(new FstabEntry("nfs1:/a b", "/mnt/a b", "nfs").Validate());
            Assert.NotEmpty(new FstabEntry("nfs1:/a", "/mnt/a\nx", "nfs").Validate());
            Assert.NotEmpty(new FstabEntry("nfs1:/a", "/mnt/a", "nfs", "rw, hard").Validate());
            Assert.NotEmpty(new FstabEntry("nfs1:/a", "/mnt/a", "nf s").Validate());
            Assert.NotEmpty(new FstabEntry("#nfs1:/a", "/mnt/a", "nfs").Validate());
            Assert.NotEmpty(new FstabEntry("nfs1:/a", "mnt/a", "nfs").Validate());
            Assert.NotEmpty(new FstabEntry("", "/mnt/a", "nfs").Validate());
            Assert.NotEmpty(new FstabEntry("nfs1:/a", "/mnt/a", "nfs", "defaults", -1).Validate());

            FstabDocument doc = FstabDocument.Parse("");
            Assert.Throws<ArgumentException>(() => doc.Upsert(new FstabEntry("nfs1:/a", "/mnt/a\nevil /x ext4", "nfs")));
            Assert.Equal(string.Empty, doc.Render());
        }

        [Theory]
        [InlineData(@"/mnt/a\040b", null)]
        [InlineData("/mnt/a b", "whitespace")]
        [InlineData("/mnt/a\tb", "whitespace")]
        [InlineData("/mnt/a\nb", "line break")]
        [InlineData("", "empty")]
        public void CheckRawField_RejectsUnencodedWhitespace(string value, string? messagePart)
        {
            string? problem = FstabDocument.CheckRawField("mount point", value);
            if (messagePart is null) Assert.Null(problem);
            else Assert.Contains(messagePart, problem);
        }

        [Fact]
        public void EntryWithSpaces_IsWrittenEncodedAndReadBack()
        {
            FstabDocument doc = FstabDocument.Parse(string.Empty);
            Assert.True(doc.Upsert(new FstabEntry("nfs1:/nfs/with space", "/mnt/with space", "nfs4", "vers=4.2", 0, 0)));
            Assert.Equal("nfs1:/nfs/with\\040space /mnt/with\\040space nfs4 vers=4.2 0 0\n", doc.Render());

            FstabDocument again = FstabDocument.Parse(doc.Render());
            FstabEntry e = again.Find("/mnt/with space")!;
            Assert.Equal("nfs1:/nfs/with space", e.Spec);
            Assert.False(again.Upsert(new FstabEntry("nfs1:/nfs/with space", "/mnt/with space", "nfs4", "vers=4.2")));
        }
    }
}
