using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using NfsCinder.Nfs;
using Xunit;

namespace NfsCinder.Tests
{
    public class ExportsDocumentTests
    {
        private static string FixturePath(params string[] parts) =>
            Path.Combine(new[] { AppContext.BaseDirectory, "Fixtures" }.Concat(parts).ToArray());

        private static string Fixture(params string[] parts) => File.ReadAllText(FixturePath(parts));

        // The LF fixture whatever the checkout did to line endings.
        private static string ComplexLf() => Fixture("exports", "complex.exports").Replace("\r\n", "\n");

        private static ExportsDocument ParseComplex() => ExportsDocument.Parse(ComplexLf(), "/etc/exports");

        private static ExportClientSpec[] Clients(params string[] specs) => specs.Select(ExportClientSpec.Parse).ToArray();

        private static string[] Lines(string text) => text.Split('\n');

        // ---- round trip ------------------------------------------------------------------------------

        [Theory]
        [InlineData("nfs", "debian12-default-exports.txt")]
        [InlineData("exports", "complex.exports")]
        [InlineData("exports", "complex-crlf.exports")]
        [InlineData("exports", "no-final-newline.exports")]
        [InlineData("exports", "exports5-sample.exports")]
        [InlineData("exports", "lab.exports")]
        public void Fixture_RendersByteForByte(string folder, string file)
        {
            byte[] bytes = File.ReadAllBytes(FixturePath(folder, file));
            string text = new UTF8Encoding(false, true).GetString(bytes);

            ExportsDocument document = ExportsDocument.Parse(text, "/etc/exports");

            Assert.Equal(bytes, new UTF8Encoding(false).GetBytes(document.Render()));
        }

        [Theory]
        [InlineData("")]
        [InlineData("\n")]
        [InlineData("\r\n")]
        [InlineData("#")]
        [InlineData("   ")]
        [InlineData("/srv/a h(rw)")]
        [InlineData("/srv/a h(rw)\\")]
        [InlineData("/srv/a \\\n\\\n  h(rw)\n\n\n")]
        [InlineData("\"/srv/open h(rw)\n")]
        [InlineData("/srv/a\th(rw)\r\n\r\n# c\r\n/srv/b h(ro)")]
        [InlineData("/srv/a\u00a0h(rw)\n\t\n\v\f\r")]
        [InlineData("/srv/\u00e9t\u00e9 h(rw) # caf\u00e9 \ud83d\ude00\n")]
        public void OddText_RendersUnchanged(string text)
        {
            Assert.Equal(text, ExportsDocument.Parse(text, "x").Render());
        }

        [Fact]
        public void DebianDefault_HasOnlyComments()
        {
            ExportsDocument document = ExportsDocument.Parse(Fixture("nfs", "debian12-default-exports.txt"), "/etc/exports");

            Assert.Empty(document.Exports);
            Assert.Empty(document.Errors);
            Assert.Empty(document.Warnings);
            Assert.Null(document.Find("/srv/homes"));
        }

        // ---- reading -----------------------------------------------------------------------------------

        [Fact]
        public void Complex_GivesEntriesWithPathsAndLineNumbers()
        {
            ExportsDocument document = ParseComplex();

            Assert.Equal(
                new[] { "/srv/plain", "/srv/with space", "/srv/octal path", "/srv/defaults", "/srv/continued", "/srv/trap", "/srv/world", "/srv/v4", "/srv/hash#tag", "/srv/last" },
                document.Exports.Select(e => e.Path));
            Assert.Equal(new[] { 4, 5, 6, 7, 9, 14, 15, 16, 17, 18 }, document.Exports.Select(e => e.LineNumber));
            Assert.Equal(new[] { 1, 1, 1, 2, 3, 1, 1, 1, 1, 1 }, document.Exports.Select(e => e.LineCount));
            Assert.All(document.Exports, e => Assert.Equal("/etc/exports", e.SourcePath));
            Assert.Empty(document.Errors);
        }

        [Fact]
        public void Complex_KeepsRawTextAndComments()
        {
            ExportsDocument document = ParseComplex();

            ExportLine plain = document.Find("/srv/plain")!;
            Assert.Equal("/srv/plain\t10.0.0.0/24(rw,sync,no_subtree_check)   # trailing comment", plain.RawText);
            Assert.Equal("# trailing comment", plain.TrailingComment);

            ExportLine hash = document.Find("/srv/hash#tag")!;
            Assert.Equal("#real comment", hash.TrailingComment);
            Assert.Equal("hosta", Assert.Single(hash.Clients).Host);

            ExportLine continued = document.Find("/srv/continued")!;
            Assert.Equal("/srv/continued \\\n    10.1.0.0/16(rw,sync,no_subtree_check) \\\n    2001:db8::/64(ro,sync,no_subtree_check)", continued.RawText);
            Assert.Equal(new[] { "10.1.0.0/16", "2001:db8::/64" }, continued.Clients.Select(c => c.Host));
        }

        [Fact]
        public void QuotedAndOctalPaths_AreDecoded()
        {
            ExportsDocument document = ParseComplex();

            ExportLine spaced = document.Find("/srv/with space")!;
            Assert.Equal("\"/srv/with space\"", spaced.RawPath);
            Assert.Equal(new[] { "192.168.1.10", "*.example.com" }, spaced.Clients.Select(c => c.Host));

            ExportLine octal = document.Find("/srv/octal path")!;
            Assert.Equal("/srv/octal\\040path", octal.RawPath);
            Assert.Equal("@trusted", Assert.Single(octal.Clients).Host);
        }

        [Theory]
        [InlineData("/a\\134b h(ro)", "/a\\b")]
        [InlineData("/a\\777b h(ro)", "/a\\777b")]
        [InlineData("/a\\04 h(ro)", "/a\\04")]
        [InlineData("/a\" \"b h(ro)", "/a b")]
        [InlineData("\"/a\\\n   b\" h(ro)", "/a b")]
        [InlineData("/caf\\303\\251 h(ro)", "/caf\u00e9")]
        public void Words_DecodeLikeXgettok(string text, string path)
        {
            ExportLine line = Assert.Single(ExportsDocument.Parse(text, "x").Exports);
            Assert.Equal(path, line.Path);
            Assert.Equal("h", Assert.Single(line.Clients).Host);
        }

        [Fact]
        public void DefaultOptions_ApplyToFollowingClients()
        {
            ExportLine line = ParseComplex().Find("/srv/defaults")!;

            Assert.Equal(new[] { "sync", "no_subtree_check", "ro" }, line.DefaultOptions);
            Assert.Equal(new[] { "hostA", "hostB", "hostC" }, line.Clients.Select(c => c.Host));
            Assert.Empty(line.Clients[0].Options);
            Assert.Equal(new[] { "sync", "no_subtree_check", "ro" }, line.Clients[0].EffectiveOptions);
            Assert.Equal(new[] { "rw" }, line.Clients[1].Options);
            Assert.Equal(new[] { "sync", "no_subtree_check", "rw" }, line.Clients[1].EffectiveOptions);
            Assert.Equal(new[] { "sync", "no_subtree_check", "ro", "no_root_squash" }, line.Clients[2].EffectiveOptions);
            Assert.Empty(line.Warnings);
        }

        [Fact]
        public void DefaultOptions_AccumulateAndOnlyCoverLaterClients()
        {
            ExportLine line = Assert.Single(ExportsDocument.Parse("/srv/x a(rw) -sync b -no_subtree_check c(ro)\n", "x").Exports);

            Assert.Equal(new[] { "sync", "no_subtree_check" }, line.DefaultOptions);
            Assert.Equal(new[] { "rw" }, line.Clients[0].EffectiveOptions);
            Assert.Equal(new[] { "sync" }, line.Clients[1].EffectiveOptions);
            Assert.Equal(new[] { "sync", "no_subtree_check", "ro" }, line.Clients[2].EffectiveOptions);
        }

        [Fact]
        public void SecOptions_KeepTheirOrderInEffectiveOptions()
        {
            ExportClient client = ParseComplex().Find("/srv/v4")!.Clients[1];

            Assert.Equal("krb.example.com", client.Host);
            Assert.Equal(new[] { "sync", "sec=krb5p:krb5i", "rw", "no_subtree_check" }, client.EffectiveOptions);
        }

        [Fact]
        public void BlankBeforeParenthesis_ExportsToEveryHost()
        {
            ExportsDocument document = ParseComplex();
            ExportLine trap = document.Find("/srv/trap")!;

            Assert.Equal(2, trap.Clients.Count);
            Assert.Equal("client1", trap.Clients[0].Host);
            Assert.Empty(trap.Clients[0].EffectiveOptions);
            Assert.Equal(ExportClientOrigin.Explicit, trap.Clients[0].Origin);
            Assert.Equal("*", trap.Clients[1].Host);
            Assert.Equal(ExportClientOrigin.OptionsWithoutHost, trap.Clients[1].Origin);
            Assert.Equal(new[] { "rw", "sync" }, trap.Clients[1].Options);
            Assert.Contains(trap.Warnings, w => w.Contains("every host (*)") && w.Contains("'client1(rw,sync)'"));
            Assert.Contains(document.Warnings, w => w.StartsWith("/etc/exports:14: ") && w.Contains("blank before '('"));
        }

        [Theory]
        [InlineData("/srv/alone\n", new string[0])]
        [InlineData("/srv/x a(ro) -rw\n", new[] { "rw" })]
        public void MissingClient_IsAnImplicitEveryHostExport(string text, string[] options)
        {
            ExportLine line = Assert.Single(ExportsDocument.Parse(text, "x").Exports);
            ExportClient world = line.Clients.Last();

            Assert.Equal(ExportClientOrigin.Implicit, world.Origin);
            Assert.Equal("*", world.Host);
            Assert.Equal(options, world.EffectiveOptions);
            Assert.Contains(line.Warnings, w => w.Contains("every host (*)"));
        }

        [Fact]
        public void SecondDashWordInARow_IsAHostName()
        {
            ExportLine line = Assert.Single(ExportsDocument.Parse("/srv/x -ro -rw host\n", "x").Exports);

            Assert.Equal(new[] { "-rw", "host" }, line.Clients.Select(c => c.Host));
            Assert.Equal(new[] { "ro" }, line.DefaultOptions);
            Assert.Contains(line.Warnings, w => w.Contains("'-ro,rw'"));
        }

        [Fact]
        public void BareHostWithoutDefaults_IsWarnedAbout()
        {
            ExportLine line = Assert.Single(ExportsDocument.Parse("/srv/x host\n", "x").Exports);
            Assert.Contains(line.Warnings, w => w.Contains("no options for client 'host'"));
        }

        [Theory]
        [InlineData("/srv/x host(rw\n")]
        [InlineData("/srv/x host(rw)junk\n")]
        [InlineData("/srv/x host(rw)#comment\n")]
        [InlineData("/srv/x host(rw)(ro)\n")]
        public void BadOptionList_IsAnError(string text)
        {
            ExportsDocument document = ExportsDocument.Parse(text, "/etc/exports");
            Assert.Contains(document.Errors, e => e.StartsWith("/etc/exports:1: ") && e.Contains("bad option list"));
        }

        [Fact]
        public void HashStartsACommentOnlyAtAWordAndBackslashDoesNotContinueIt()
        {
            ExportsDocument document = ExportsDocument.Parse("# note \\\n/srv/y h(ro) # end \\\n/srv/z h(ro)\n", "x");

            Assert.Equal(new[] { "/srv/y", "/srv/z" }, document.Exports.Select(e => e.Path));
            Assert.Equal(new[] { 2, 3 }, document.Exports.Select(e => e.LineNumber));
        }

        [Fact]
        public void RelativePathAndUnclosedQuote_AreErrors()
        {
            Assert.Contains(ExportsDocument.Parse("srv h(ro)\n", "x").Errors, e => e.Contains("not absolute"));
            Assert.Contains(ExportsDocument.Parse("\"/srv h(ro)\n", "x").Errors, e => e.Contains("double quote"));
        }

        [Fact]
        public void Crlf_ParsesTheSameAndIsWarnedAbout()
        {
            string crlf = ComplexLf().Replace("\n", "\r\n");
            ExportsDocument document = ExportsDocument.Parse(crlf, "/etc/exports");

            Assert.Equal(crlf, document.Render());
            Assert.Equal("\r\n", document.Newline);
            Assert.Equal(ParseComplex().Exports.Select(e => e.Path), document.Exports.Select(e => e.Path));
            Assert.Equal(ParseComplex().Exports.Select(e => e.LineNumber), document.Exports.Select(e => e.LineNumber));
            Assert.Equal(ParseComplex().Exports.SelectMany(e => e.Clients).Select(c => c.ToString()),
                document.Exports.SelectMany(e => e.Clients).Select(c => c.ToString()));
            Assert.Equal("# trailing comment", document.Find("/srv/plain")!.TrailingComment);
            Assert.Contains(document.Warnings, w => w.Contains("CRLF (Windows) line endings"));
            Assert.Contains(document.Warnings, w => w.StartsWith("/etc/exports:3: a blank line ending in CRLF"));
            Assert.Contains(document.Warnings, w => w.StartsWith("/etc/exports:7: a backslash before a CRLF"));
        }

        // ---- cross-check with real exportfs output -----------------------------------------------------

        private static List<(string Path, string Host, string[] Options)> ReadExportfsV(string text)
        {
            var result = new List<(string, string, string[])>();
            string? pendingPath = null;
            foreach (string line in text.Replace("\r\n", "\n").Split('\n').Where(l => l.Length > 0))
            {
                string path;
                string client;
                if (line[0] == '\t' || line[0] == ' ')
                {
                    path = pendingPath!;
                    client = line.Trim();
                }
                else if (line.IndexOf('\t') < 0)
                {
                    pendingPath = line;
                    continue;
                }
                else
                {
                    path = line.Substring(0, line.IndexOf('\t')).TrimEnd();
                    client = line.Substring(line.IndexOf('\t')).Trim();
                }
                int open = client.IndexOf('(');
                string host = client.Substring(0, open);
                result.Add((path, host == "<world>" ? "*" : host, client.Substring(open + 1, client.Length - open - 2).Split(',')));
            }
            return result;
        }

        [Fact]
        public void LabExports_GiveTheClientsExportfsReported()
        {
            ExportsDocument document = ExportsDocument.Parse(Fixture("exports", "lab.exports"), "/etc/exports");
            List<(string Path, string Host, string[] Options)> reported = ReadExportfsV(Fixture("nfs", "exportfs-v.stdout"));

            var parsed = document.Exports.SelectMany(e => e.Clients.Select(c => (e.Path, c.Host, c.EffectiveOptions))).ToList();

            Assert.Equal(reported.Select(r => r.Path + " " + r.Host).OrderBy(s => s, StringComparer.Ordinal),
                parsed.Select(p => p.Path + " " + p.Host).OrderBy(s => s, StringComparer.Ordinal));
            foreach (var (path, host, options) in parsed)
            {
                string[] shown = reported.Single(r => r.Path == path && r.Host == host).Options;
                Assert.All(options, o => Assert.Contains(o, shown));
            }
            Assert.Empty(document.Errors);
        }

        [Fact]
        public void LabExports_SubtreeWarningsMatchExportfsStderr()
        {
            ExportsDocument document = ExportsDocument.Parse(Fixture("exports", "lab.exports"), "/etc/exports");
            string stderr = Fixture("nfs", "exportfs-arv.stderr");

            var warned = new List<string>();
            foreach (ExportLine line in document.Exports)
            {
                foreach (ExportClient client in line.Clients)
                {
                    ExportValidationResult result = ExportValidator.ValidateClient(client.Host, client.EffectiveOptions);
                    if (result.Warnings.Any(w => w.Contains("no_subtree_check"))) warned.Add(client.Host + ":" + line.Path);
                }
            }

            var expected = System.Text.RegularExpressions.Regex.Matches(stderr, "specified for export \"([^\"]+)\"")
                .Cast<System.Text.RegularExpressions.Match>().Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(expected.OrderBy(s => s, StringComparer.Ordinal), warned.OrderBy(s => s, StringComparer.Ordinal));
        }

        [Fact]
        public void Exports5Sample_ReadsAsTheManPageDescribes()
        {
            ExportsDocument document = ExportsDocument.Parse(Fixture("exports", "exports5-sample.exports"), "/etc/exports");

            Assert.Equal(8, document.Exports.Count);
            Assert.Empty(document.Errors);
            ExportLine www = document.Find("/srv/www")!;
            Assert.Equal(new[] { "sync", "rw" }, www.DefaultOptions);
            Assert.Equal(new[] { "server", "@trusted", "@external" }, www.Clients.Select(c => c.Host));
            Assert.Equal(new[] { "sync", "ro" }, www.Clients[2].EffectiveOptions);
            Assert.Equal(new[] { "2001:db8:9:e54::/64", "192.0.2.0/24" }, document.Find("/foo")!.Clients.Select(c => c.Host));
            Assert.All(document.Exports.SelectMany(e => e.Clients), c => Assert.True(ExportValidator.ValidateHost(c.Host).IsValid, c.Host));
        }
    

        // ---- editing ------------------------------------------------------------------------------------

        // Asserts that only the given 0-based physical lines differ (same line count).
        private static void AssertOnlyLinesChanged(string before, string after, params int[] changed)
        {
            string[] a = Lines(before), b = Lines(after);
            Assert.Equal(a.Length, b.Length);
            for (int i = 0; i < a.Length; i++)
            {
                if (changed.Contains(i)) Assert.NotEqual(a[i], b[i]);
                else Assert.Equal(a[i], b[i]);
            }
        }

        [Fact]
        public void Upsert_ReplacesOnlyThatLine_AndIsIdempotent()
        {
            ExportsDocument document = ParseComplex();
            string before = document.Render();

            Assert.True(document.Upsert("/srv/plain", Clients("10.0.0.0/24(ro,sync,no_subtree_check)")));
            string after = document.Render();
            AssertOnlyLinesChanged(before, after, 3);
            Assert.Equal("/srv/plain\t10.0.0.0/24(ro,sync,no_subtree_check) # trailing comment", Lines(after)[3]);
            Assert.Equal(new[] { "ro", "sync", "no_subtree_check" }, document.Find("/srv/plain")!.Clients.Single().Options);

            Assert.False(document.Upsert("/srv/plain", Clients("10.0.0.0/24(ro,sync,no_subtree_check)")));
            Assert.Equal(after, document.Render());
        }

        [Fact]
        public void Upsert_LeavesALineThatAlreadySaysTheSameAsWritten()
        {
            ExportsDocument document = ParseComplex();
            string before = document.Render();

            Assert.False(document.Upsert("/srv/world", Clients("*(ro,sync,no_subtree_check,all_squash)")));
            Assert.False(document.Upsert("/srv/defaults", Clients("hostA", "hostB(rw)", "hostC(no_root_squash)"), new[] { "sync", "no_subtree_check", "ro" }));
            Assert.Equal(before, document.Render());
        }

        [Fact]
        public void Upsert_ReplacesAContinuedLineWithOneLine()
        {
            ExportsDocument document = ParseComplex();
            string before = document.Render();

            Assert.True(document.Upsert("/srv/continued", Clients("10.1.0.0/16(rw,sync,no_subtree_check)")));

            string[] a = Lines(before), b = Lines(document.Render());
            Assert.Equal(a.Length - 2, b.Length);
            Assert.Equal(a.Take(8), b.Take(8));
            Assert.Equal("/srv/continued\t10.1.0.0/16(rw,sync,no_subtree_check)", b[8]);
            Assert.Equal(a.Skip(11), b.Skip(9));
            Assert.Equal(14 - 2, document.Find("/srv/trap")!.LineNumber);
        }

        [Fact]
        public void Upsert_AppendsNewPathsQuotedWhenNeeded()
        {
            ExportsDocument document = ParseComplex();
            string before = document.Render();

            Assert.True(document.Upsert("/srv/new dir", Clients("10.0.0.0/24(rw,sync,no_subtree_check)", "@admins(rw,sync,no_subtree_check,no_root_squash)"),
                new[] { "secure" }));

            Assert.Equal(before + "\"/srv/new dir\"\t-secure 10.0.0.0/24(rw,sync,no_subtree_check) @admins(rw,sync,no_subtree_check,no_root_squash)\n", document.Render());
            ExportLine line = document.Find("/srv/new dir")!;
            Assert.Equal(19, line.LineNumber);
            Assert.Equal(new[] { "secure", "rw", "sync", "no_subtree_check" }, line.Clients[0].EffectiveOptions);
            Assert.False(document.Upsert("/srv/new dir", Clients("10.0.0.0/24(rw,sync,no_subtree_check)", "@admins(rw,sync,no_subtree_check,no_root_squash)"),
                new[] { "secure" }));
        }

        [Fact]
        public void Upsert_FindsOctalAndQuotedPathsByTheirDecodedName()
        {
            ExportsDocument document = ParseComplex();
            int count = document.Exports.Count;

            Assert.True(document.Upsert("/srv/octal path", Clients("@trusted(ro,sync,no_subtree_check)")));

            Assert.Equal(count, document.Exports.Count);
            Assert.Equal("\"/srv/octal path\"\t@trusted(ro,sync,no_subtree_check)", Lines(document.Render())[5]);
        }

        [Theory]
        [InlineData("# no final newline\n/srv/a\t10.0.0.1(rw,sync,no_subtree_check)\n/srv/b\t10.0.0.2(ro,sync,no_subtree_check)", "\n")]
        [InlineData("# no final newline\r\n/srv/a\t10.0.0.1(rw,sync,no_subtree_check)\r\n/srv/b\t10.0.0.2(ro,sync,no_subtree_check)", "\r\n")]
        [InlineData("", "\n")]
        public void Upsert_AppendsOnANewLineInTheFilesStyle(string text, string newline)
        {
            ExportsDocument document = ExportsDocument.Parse(text, "x");

            Assert.True(document.Upsert("/srv/c", Clients("10.0.0.3(ro,sync,no_subtree_check)")));

            string separator = text.Length == 0 ? "" : newline;
            Assert.Equal(text + separator + "/srv/c\t10.0.0.3(ro,sync,no_subtree_check)" + newline, document.Render());
        }

        [Fact]
        public void Upsert_ReplacingTheLastLineKeepsTheMissingNewline()
        {
            string text = Fixture("exports", "no-final-newline.exports").Replace("\r\n", "\n");
            ExportsDocument document = ExportsDocument.Parse(text, "x");

            Assert.True(document.Upsert("/srv/b", Clients("10.0.0.2(rw,sync,no_subtree_check)")));

            Assert.Equal(text.Replace("10.0.0.2(ro,", "10.0.0.2(rw,"), document.Render());
        }

        [Fact]
        public void Upsert_MergesDuplicateLinesForThePath()
        {
            ExportsDocument document = ExportsDocument.Parse("/srv/d a(ro)\n# keep\n/srv/d b(ro)\n/srv/e c(ro)\n", "x");

            Assert.True(document.Upsert("/srv/d", Clients("a(rw,sync,no_subtree_check)")));

            Assert.Equal("/srv/d\ta(rw,sync,no_subtree_check)\n# keep\n/srv/e c(ro)\n", document.Render());
        }

        [Fact]
        public void Remove_DropsTheEntryAndItsContinuationsButKeepsComments()
        {
            ExportsDocument document = ParseComplex();
            string[] before = Lines(document.Render());

            Assert.True(document.Remove("/srv/continued"));

            string[] after = Lines(document.Render());
            Assert.Equal(before.Take(8).Concat(before.Skip(11)), after);
            Assert.Contains("  # indented comment, followed by a blank line with spaces", after);
            Assert.Null(document.Find("/srv/continued"));
            Assert.False(document.Remove("/srv/continued"));
            Assert.False(document.Remove("/srv/never"));
        }

        [Fact]
        public void Remove_LastLineWithoutNewline()
        {
            ExportsDocument document = ExportsDocument.Parse("/srv/a a(ro)\n/srv/b b(ro)", "x");

            Assert.True(document.Remove("/srv/b"));

            Assert.Equal("/srv/a a(ro)\n", document.Render());
        }

        [Fact]
        public void SetClient_AddsAtTheEndOfTheLine_AndIsIdempotent()
        {
            ExportsDocument document = ParseComplex();
            string before = document.Render();

            Assert.True(document.SetClient("/srv/plain", ExportClientSpec.Parse("10.0.1.0/24(ro,sync,no_subtree_check)")));

            string after = document.Render();
            AssertOnlyLinesChanged(before, after, 3);
            Assert.Equal("/srv/plain\t10.0.0.0/24(rw,sync,no_subtree_check) 10.0.1.0/24(ro,sync,no_subtree_check) # trailing comment", Lines(after)[3]);
            Assert.False(document.SetClient("/srv/plain", ExportClientSpec.Parse("10.0.1.0/24(ro,sync,no_subtree_check)")));
            Assert.Equal(after, document.Render());
        }

        [Fact]
        public void SetClient_ReplacesTheSameHostIgnoringCase_KeepingOtherWords()
        {
            ExportsDocument document = ParseComplex();
            string before = document.Render();

            Assert.True(document.SetClient("/srv/defaults", ExportClientSpec.Parse("HOSTB(ro,all_squash)")));

            string[] a = Lines(before), b = Lines(document.Render());
            Assert.Equal("/srv/defaults\t-sync,no_subtree_check,ro hostA HOSTB(ro,all_squash) hostC(no_root_squash)", b[6]);
            Assert.Equal(a.Take(6), b.Take(6));
            Assert.Equal(a.Skip(8), b.Skip(7));
            Assert.Equal(new[] { "sync", "no_subtree_check", "ro", "all_squash" }, document.Find("/srv/defaults")!.Clients[1].EffectiveOptions);
        }

        [Fact]
        public void SetClient_StarFixesTheBlankBeforeParenthesisTrap()
        {
            ExportsDocument document = ParseComplex();

            Assert.True(document.SetClient("/srv/trap", ExportClientSpec.Parse("*(ro,sync,no_subtree_check)")));

            Assert.Equal("/srv/trap\tclient1 *(ro,sync,no_subtree_check)", Lines(document.Render())[13]);
            Assert.DoesNotContain(document.Find("/srv/trap")!.Clients, c => c.Origin == ExportClientOrigin.OptionsWithoutHost);
        }

        [Fact]
        public void SetClient_KeepsATrailingImplicitEveryHostExportAsItWas()
        {
            ExportsDocument document = ExportsDocument.Parse("/srv/x a(ro) -rw\n", "x");

            Assert.True(document.SetClient("/srv/x", ExportClientSpec.Parse("b(ro)")));

            Assert.Equal("/srv/x\ta(ro) b(ro) -rw\n", document.Render());
            Assert.Equal(new[] { "ro" }, document.Exports[0].Clients[1].EffectiveOptions);
        }

        [Fact]
        public void SetClient_WithoutALineForThePath_Throws()
        {
            ExportsDocument document = ParseComplex();
            string before = document.Render();

            Assert.Throws<InvalidOperationException>(() => document.SetClient("/srv/none", ExportClientSpec.Parse("h(ro)")));
            Assert.Equal(before, document.Render());
        }

        [Fact]
        public void RemoveClient_RemovesOnlyThatWord_AndIsIdempotent()
        {
            ExportsDocument document = ParseComplex();
            string before = document.Render();

            Assert.True(document.RemoveClient("/srv/with space", "*.EXAMPLE.com"));

            string after = document.Render();
            AssertOnlyLinesChanged(before, after, 4);
            Assert.Equal("\"/srv/with space\"\t192.168.1.10(ro,sync,no_subtree_check)", Lines(after)[4]);
            Assert.False(document.RemoveClient("/srv/with space", "*.example.com"));
            Assert.Equal(after, document.Render());
        }

        [Fact]
        public void RemoveClient_OfTheLastClient_RemovesTheLine()
        {
            ExportsDocument document = ParseComplex();
            string[] before = Lines(document.Render());

            Assert.True(document.RemoveClient("/srv/plain", "10.0.0.0/24"));

            Assert.Equal(before.Take(3).Concat(before.Skip(4)), Lines(document.Render()));
            Assert.Null(document.Find("/srv/plain"));
        }

        [Theory]
        [InlineData("/srv/t a(rw) -sync b\n", "b", "/srv/t\ta(rw)\n")]
        [InlineData("/srv/t -sync a -no_subtree_check b\n", "a", "/srv/t\t-sync,no_subtree_check b\n")]
        [InlineData("/srv/t a(rw) b -ro\n", "b", "/srv/t\ta(rw) -ro\n")]
        [InlineData("/srv/t a (rw)\n", "*", "/srv/t\ta\n")]
        [InlineData("/srv/t a(ro) # why\n/srv/t b(ro) a(rw)\n", "A", "/srv/t\tb(ro)\n")]
        public void RemoveClient_KeepsTheMeaningOfTheRest(string text, string host, string expected)
        {
            ExportsDocument document = ExportsDocument.Parse(text, "x");

            Assert.True(document.RemoveClient("/srv/t", host));

            Assert.Equal(expected, document.Render());
        }

        // ---- hostile input -------------------------------------------------------------------------------

        [Theory]
        [InlineData("/srv/x;reboot")]
        [InlineData("/srv/$(reboot)")]
        [InlineData("/srv/`id`")]
        [InlineData("/srv/\"quoted\"")]
        [InlineData("/srv/it's")]
        [InlineData("/srv/x\n/etc *(rw,no_root_squash)")]
        [InlineData("/srv/x\r")]
        [InlineData("/srv/x\0")]
        [InlineData("/srv/a|b")]
        [InlineData("/srv/../etc")]
        [InlineData("srv/x")]
        [InlineData("")]
        public void HostilePath_IsRejectedBeforeRendering(string path)
        {
            ExportsDocument document = ParseComplex();
            string before = document.Render();

            Assert.Throws<ArgumentException>(() => document.Upsert(path, Clients("10.0.0.1(ro)")));
            Assert.Throws<ArgumentException>(() => document.SetClient(path, ExportClientSpec.Parse("10.0.0.1(ro)")));
            Assert.Equal(before, document.Render());
        }

        [Theory]
        [InlineData("rw,no_root_squash")]
        [InlineData("rw)\n/etc *(rw")]
        [InlineData("$(reboot)")]
        [InlineData("rw;reboot")]
        [InlineData("bogus")]
        [InlineData("")]
        public void HostileDefaultOptions_AreRejectedBeforeRendering(string option)
        {
            ExportsDocument document = ParseComplex();
            string before = document.Render();

            Assert.Throws<ArgumentException>(() => document.Upsert("/srv/new", Clients("10.0.0.1(ro)"), new[] { option }));
            Assert.Equal(before, document.Render());
        }

        [Fact]
        public void Upsert_RejectsNoClientsAndDuplicateHosts()
        {
            ExportsDocument document = ParseComplex();
            string before = document.Render();

            Assert.Throws<ArgumentException>(() => document.Upsert("/srv/new", Array.Empty<ExportClientSpec>()));
            Assert.Throws<ArgumentException>(() => document.Upsert("/srv/new", Clients("h(ro)", "H(rw)")));
            Assert.Equal(before, document.Render());
        }
    }
}
