using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NfsCinder.Cinder;
using Xunit;

namespace NfsCinder.Tests
{
    /// <summary>
    /// cinder.conf editing. debian12-cinder.conf.shipped is /etc/cinder/cinder.conf exactly as
    /// Debian 12's cinder-common 2:21.3.1-1~deb12u1 installed it (with its postinst's debconf
    /// edits, e.g. the [lvm] backend); debian12-cinder.conf.lab is the same file after the lab ran
    /// crudini --set for DEFAULT/auth_strategy, DEFAULT/transport_url, DEFAULT/state_path and
    /// database/connection.
    /// </summary>
    public class IniDocumentTests
    {
        private const string ShippedName = "debian12-cinder.conf.shipped";
        private const string LabName = "debian12-cinder.conf.lab";

        private static string Fixture(string name) =>
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "cinder", name));

        private static string[] Lines(string text) => text.Split('\n');

        /// <summary>The index of the one line <paramref name="after"/> has more than <paramref name="before"/>.</summary>
        private static int SingleInsertion(string[] before, string[] after)
        {
            Assert.Equal(before.Length + 1, after.Length);
            int i = 0;
            while (i < before.Length && before[i] == after[i]) i++;
            Assert.Equal(before.Skip(i), after.Skip(i + 1));
            return i;
        }

        private static int[] ChangedLines(string[] before, string[] after)
        {
            Assert.Equal(before.Length, after.Length);
            return Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).ToArray();
        }

        [Fact]
        public void RealShipped_RoundTripsAndReads()
        {
            string text = Fixture(ShippedName);
            IniDocument doc = IniDocument.Parse(text);

            Assert.Equal(text, doc.Render());
            Assert.Empty(doc.Problems);
            Assert.Equal(5257, doc.LineCount);
            Assert.Equal(33, doc.Sections.Count);
            Assert.Equal("DEFAULT", doc.Sections[0]);
            Assert.Equal("lvm", doc.Sections[doc.Sections.Count - 1]);
            Assert.True(doc.HasSection("keystone_authtoken"));
            Assert.False(doc.HasSection("nfs"));
            Assert.False(doc.HasSection("default"));

            Assert.Equal("lvm", doc.Get("DEFAULT", "enabled_backends"));
            Assert.Equal("keystone", doc.Get("DEFAULT", "auth_strategy"));
            Assert.Equal("http://127.0.0.1:9292", doc.Get("DEFAULT", "glance_api_servers"));
            Assert.Equal(new[] { "auth_strategy", "glance_api_servers", "my_ip", "enabled_backends" }, doc.Keys("DEFAULT"));
            Assert.Equal(new[] { "volume_driver", "volume_group", "iscsi_protocol", "iscsi_helper" }, doc.Keys("lvm"));
            Assert.Equal("pkgosvg0", doc.Get("lvm", "volume_group"));
            Assert.Equal("/var/lock/cinder", doc.Get("oslo_concurrency", "lock_path"));
            Assert.Null(doc.Get("DEFAULT", "nfs_shares_config")); // only a commented example, and in [backend_defaults]
            Assert.Null(doc.Get("database", "connection"));
            Assert.Empty(doc.Keys("database"));
            Assert.Empty(doc.GetAll("nfs", "volume_driver"));
            Assert.Equal(new[] { 434 }, doc.LineNumbersOf("DEFAULT", "enabled_backends"));
        }

        [Fact]
        public void RealLab_RoundTripsAndReads()
        {
            string text = Fixture(LabName);
            IniDocument doc = IniDocument.Parse(text);

            Assert.Equal(text, doc.Render());
            Assert.Empty(doc.Problems);
            Assert.Equal("noauth", doc.Get("DEFAULT", "auth_strategy"));
            Assert.Equal("fake:/", doc.Get("DEFAULT", "transport_url"));
            Assert.Equal("/var/lib/cinder", doc.Get("DEFAULT", "state_path"));
            Assert.Equal("sqlite:////var/lib/cinder/cinder.sqlite", doc.Get("database", "connection"));

            Assert.False(doc.Set("DEFAULT", "auth_strategy", "noauth"));
            Assert.False(doc.Set("database", "connection", "sqlite:////var/lib/cinder/cinder.sqlite"));
            Assert.Equal(text, doc.Render());
        }

        [Fact]
        public void RealShipped_SetEnabledBackendsChangesExactlyOneLine_ThenIsIdempotent()
        {
            string text = Fixture(ShippedName);
            IniDocument doc = IniDocument.Parse(text);

            List<string> backends = IniDocument.SplitList(doc.Get("DEFAULT", "enabled_backends")).ToList();
            backends.Add("nfs");
            Assert.True(doc.Set("DEFAULT", "enabled_backends", IniDocument.JoinList(backends)));
            string once = doc.Render();

            Assert.Equal(new[] { 433 }, ChangedLines(Lines(text), Lines(once)));
            Assert.Equal("enabled_backends = lvm,nfs", Lines(once)[433]);
            Assert.Equal("lvm,nfs", doc.Get("DEFAULT", "enabled_backends"));

            Assert.False(doc.Set("DEFAULT", "enabled_backends", "lvm,nfs"));
            Assert.Equal(once, doc.Render());
            Assert.Equal(once, IniDocument.Parse(once).Render());

            Assert.True(doc.Set("DEFAULT", "enabled_backends", "lvm"));
            Assert.Equal(text, doc.Render());
        }

        [Fact]
        public void RealShipped_NewSectionIsAppendedAtTheEnd_AndRemovingItRestoresTheFile()
        {
            string text = Fixture(ShippedName);
            IniDocument doc = IniDocument.Parse(text);

            Assert.True(doc.Set("nfs", "volume_driver", "cinder.volume.drivers.nfs.NfsDriver"));
            Assert.True(doc.Set("nfs", "nfs_shares_config", "/etc/cinder/nfs_shares"));
            Assert.True(doc.Set("nfs", "volume_backend_name", "nfs"));
            Assert.False(doc.Set("nfs", "volume_backend_name", "nfs"));

            Assert.Equal(text
                + "\n[nfs]\n"
                + "volume_driver = cinder.volume.drivers.nfs.NfsDriver\n"
                + "nfs_shares_config = /etc/cinder/nfs_shares\n"
                + "volume_backend_name = nfs\n", doc.Render());
            Assert.Equal("nfs", doc.Sections[doc.Sections.Count - 1]);
            Assert.Equal("pkgosvg0", doc.Get("lvm", "volume_group"));
            Assert.Null(doc.Get("lvm", "nfs_shares_config"));
            Assert.Empty(doc.Problems);

            Assert.True(doc.RemoveSection("nfs"));
            Assert.Equal(text, doc.Render());
            Assert.False(doc.RemoveSection("nfs"));
        }

        [Fact]
        public void RealShipped_NewKeyInDefaultGoesAfterTheLastDefaultKey()
        {
            // The shipped file's "#nfs_shares_config = /etc/cinder/nfs_shares" example is in
            // [backend_defaults] (line 1958), not in [DEFAULT]: a DEFAULT key lands after
            // enabled_backends, DEFAULT's last key, which is where crudini puts it too.
            string text = Fixture(ShippedName);
            IniDocument doc = IniDocument.Parse(text);

            Assert.True(doc.Set("DEFAULT", "nfs_shares_config", "/etc/cinder/nfs_shares"));
            string after = doc.Render();
            Assert.Equal(434, SingleInsertion(Lines(text), Lines(after)));
            Assert.Equal("nfs_shares_config = /etc/cinder/nfs_shares", Lines(after)[434]);
            Assert.Equal("/etc/cinder/nfs_shares", doc.Get("DEFAULT", "nfs_shares_config"));
            Assert.Null(doc.Get("backend_defaults", "nfs_shares_config"));
            Assert.Equal(new[] { 435 }, doc.LineNumbersOf("DEFAULT", "nfs_shares_config"));

            Assert.False(doc.Set("DEFAULT", "nfs_shares_config", "/etc/cinder/nfs_shares"));
            Assert.True(doc.Remove("DEFAULT", "nfs_shares_config"));
            Assert.Equal(text, doc.Render());
        }

        [Fact]
        public void RealShipped_NewKeyGoesRightAfterItsCommentedExample()
        {
            string text = Fixture(ShippedName);
            IniDocument doc = IniDocument.Parse(text);
            Assert.Equal("#nfs_shares_config = /etc/cinder/nfs_shares", Lines(text)[1957]);

            Assert.True(doc.Set("backend_defaults", "nfs_shares_config", "/etc/cinder/nfs_shares"));
            string after = doc.Render();
            Assert.Equal(1958, SingleInsertion(Lines(text), Lines(after)));
            Assert.Equal("nfs_shares_config = /etc/cinder/nfs_shares", Lines(after)[1958]);
            Assert.Equal("/etc/cinder/nfs_shares", doc.Get("backend_defaults", "nfs_shares_config"));
            Assert.Null(doc.Get("DEFAULT", "nfs_shares_config"));
        }

        [Fact]
        public void RealShipped_ReplayingTheLabsCrudiniSetsGivesTheSameValues()
        {
            string shipped = Fixture(ShippedName);
            IniDocument doc = IniDocument.Parse(shipped);
            IniDocument lab = IniDocument.Parse(Fixture(LabName));

            Assert.True(doc.Set("DEFAULT", "auth_strategy", "noauth"));
            Assert.True(doc.Set("DEFAULT", "transport_url", "fake:/"));
            Assert.True(doc.Set("DEFAULT", "state_path", "/var/lib/cinder"));
            Assert.True(doc.Set("database", "connection", "sqlite:////var/lib/cinder/cinder.sqlite"));

            Assert.Equal(lab.Sections, doc.Sections);
            foreach (string section in lab.Sections)
            {
                Assert.Equal(lab.Keys(section).OrderBy(k => k, StringComparer.Ordinal), doc.Keys(section).OrderBy(k => k, StringComparer.Ordinal));
                foreach (string key in lab.Keys(section))
                    Assert.Equal(lab.GetAll(section, key), doc.GetAll(section, key));
            }

            // Unlike crudini, each new key sits under its commented example.
            string[] lines = Lines(doc.Render());
            Assert.Equal(Lines(shipped).Length + 3, lines.Length);
            Assert.Equal("#state_path = /var/lib/cinder", lines[337]);
            Assert.Equal("state_path = /var/lib/cinder", lines[338]);
            Assert.Equal("auth_strategy = noauth", lines[345]);
            Assert.Equal("#transport_url = rabbit://", lines[1410]);
            Assert.Equal("transport_url = fake:/", lines[1411]);
            Assert.Equal("#connection = <None>", lines[3954]);
            Assert.Equal("connection = sqlite:////var/lib/cinder/cinder.sqlite", lines[3955]);
        }

        [Fact]
        public void RealShipped_RemoveKey()
        {
            string text = Fixture(ShippedName);
            IniDocument doc = IniDocument.Parse(text);

            Assert.True(doc.Remove("lvm", "ISCSI_HELPER"));
            string[] before = Lines(text);
            string[] after = Lines(doc.Render());
            Assert.Equal(5256, SingleInsertion(after, before));
            Assert.Null(doc.Get("lvm", "iscsi_helper"));
            Assert.False(doc.Remove("lvm", "iscsi_helper"));
            Assert.False(doc.Remove("nfs", "iscsi_helper"));

            Assert.True(doc.Set("lvm", "iscsi_helper", "tgtadm"));
            Assert.Equal(text, doc.Render());
        }

        [Fact]
        public void RealShipped_RemoveSection()
        {
            string text = Fixture(ShippedName);
            string[] lines = Lines(text);

            // [backend] (line 1480) and its 9 lines, up to [backend_defaults].
            IniDocument doc = IniDocument.Parse(text);
            Assert.True(doc.RemoveSection("backend"));
            Assert.Equal(lines.Take(1479).Concat(lines.Skip(1489)), Lines(doc.Render()));
            Assert.False(doc.HasSection("backend"));
            Assert.Equal(32, doc.Sections.Count);

            // [vault]'s last option's comment lines sit directly above [lvm]: they stay.
            doc = IniDocument.Parse(text);
            Assert.True(doc.RemoveSection("vault"));
            string[] removed = Lines(doc.Render());
            Assert.Equal(lines.Take(5220).Concat(lines.Skip(5250)), removed);
            Assert.StartsWith("# Vault Namespace", removed[5220]);
            Assert.Equal("[lvm]", removed[5222]);
            Assert.Equal("pkgosvg0", doc.Get("lvm", "volume_group"));

            // The last section goes to the end of the file.
            doc = IniDocument.Parse(text);
            Assert.True(doc.RemoveSection("lvm"));
            Assert.EndsWith("#namespace = <None>\n", doc.Render());
            Assert.Equal(lines.Take(5252).Concat(new[] { string.Empty }), Lines(doc.Render()));
            Assert.Null(doc.Get("lvm", "volume_group"));
        }

        [Fact]
        public void DuplicatedKeys_AreMultiValued()
        {
            const string text = "[DEFAULT]\nfoo = 1\nbar = x\nFoo=2\n[other]\nfoo = o\n";
            IniDocument doc = IniDocument.Parse(text);

            Assert.Equal(new[] { "1", "2" }, doc.GetAll("DEFAULT", "foo"));
            Assert.Equal("2", doc.Get("DEFAULT", "foo"));
            Assert.Equal(new[] { "foo", "bar" }, doc.Keys("DEFAULT"));
            Assert.Equal(new[] { 2, 4 }, doc.LineNumbersOf("DEFAULT", "FOO"));

            // Set touches the last occurrence only, keeping its spelling and separator.
            Assert.True(doc.Set("DEFAULT", "foo", "3"));
            Assert.Equal("[DEFAULT]\nfoo = 1\nbar = x\nFoo=3\n[other]\nfoo = o\n", doc.Render());
            Assert.False(doc.Set("DEFAULT", "foo", "3"));

            Assert.True(doc.SetAll("DEFAULT", "foo", new[] { "1", "3", "4" }));
            Assert.Equal("[DEFAULT]\nfoo = 1\nbar = x\nFoo=3\nfoo = 4\n[other]\nfoo = o\n", doc.Render());
            Assert.False(doc.SetAll("DEFAULT", "foo", new[] { "1", "3", "4" }));

            Assert.True(doc.SetAll("DEFAULT", "foo", new[] { "a" }));
            Assert.Equal("[DEFAULT]\nfoo = a\nbar = x\n[other]\nfoo = o\n", doc.Render());

            Assert.True(doc.SetAll("DEFAULT", "baz", new[] { "p", "q" }));
            Assert.Equal("[DEFAULT]\nfoo = a\nbar = x\nbaz = p\nbaz = q\n[other]\nfoo = o\n", doc.Render());

            Assert.True(doc.SetAll("DEFAULT", "foo", Array.Empty<string>()));
            Assert.True(doc.Remove("DEFAULT", "baz"));
            Assert.Equal("[DEFAULT]\nbar = x\n[other]\nfoo = o\n", doc.Render());
            Assert.False(doc.SetAll("DEFAULT", "foo", Array.Empty<string>()));
        }

        [Fact]
        public void RepeatedSection_IsOneSection()
        {
            const string text = "[a]\nx = 1\n\n[b]\ny = 2\n\n[a]\nz = 3\n\n# about c\n[c]\n";
            IniDocument doc = IniDocument.Parse(text);

            Assert.Equal(new[] { "a", "b", "c" }, doc.Sections);
            Assert.Equal(new[] { "x", "z" }, doc.Keys("a"));
            Assert.True(doc.Set("a", "w", "4"));
            Assert.Equal("[a]\nx = 1\n\n[b]\ny = 2\n\n[a]\nz = 3\nw = 4\n\n# about c\n[c]\n", doc.Render());

            Assert.True(doc.RemoveSection("a"));
            Assert.Equal("[b]\ny = 2\n\n# about c\n[c]\n", doc.Render());
        }

        [Fact]
        public void ContinuationLines()
        {
            const string text = "[DEFAULT]\nfoo = a\n  b\n\tc  \nbar = 1\n\n  orphan\nbaz = 2\n";
            IniDocument doc = IniDocument.Parse(text);

            Assert.Equal(text, doc.Render());
            Assert.Equal("a\nb\nc", doc.Get("DEFAULT", "foo"));
            Assert.Equal("1", doc.Get("DEFAULT", "bar"));
            Assert.Equal(new[] { "foo", "bar", "baz" }, doc.Keys("DEFAULT"));
            Assert.Equal("line 7: unexpected continuation line:   orphan", Assert.Single(doc.Problems));

            Assert.True(doc.Set("DEFAULT", "foo", "x"));
            Assert.Equal("[DEFAULT]\nfoo = x\nbar = 1\n\n  orphan\nbaz = 2\n", doc.Render());

            // A new key after a key with continuation lines goes after them.
            doc = IniDocument.Parse("[s]\nfoo = a\n  b\n");
            Assert.True(doc.Set("s", "bar", "1"));
            Assert.Equal("[s]\nfoo = a\n  b\nbar = 1\n", doc.Render());
            Assert.True(doc.Remove("s", "foo"));
            Assert.Equal("[s]\nbar = 1\n", doc.Render());
        }

        [Fact]
        public void SeparatorsSpacingAndQuotes()
        {
            const string text = "[s]\na=1\nB: two\nc : 3\nurl = http://h:5000/v3\nd: x=y\ne =\nf=\ng = \"  padded \"\nh = in  ner   spaces\ni = 'q'\n";
            IniDocument doc = IniDocument.Parse(text);

            Assert.Equal(text, doc.Render());
            Assert.Equal("1", doc.Get("s", "a"));
            Assert.Equal("two", doc.Get("s", "b"));
            Assert.Equal("3", doc.Get("s", "c"));
            Assert.Equal("http://h:5000/v3", doc.Get("s", "url"));
            Assert.Equal("x=y", doc.Get("s", "d"));
            Assert.Equal("", doc.Get("s", "e"));
            Assert.Equal("  padded ", doc.Get("s", "g"));
            Assert.Equal("in  ner   spaces", doc.Get("s", "h"));
            Assert.Equal("q", doc.Get("s", "i"));

            Assert.True(doc.Set("s", "a", "10"));
            Assert.True(doc.Set("s", "b", "three"));
            Assert.True(doc.Set("s", "c", "30"));
            Assert.True(doc.Set("s", "e", "v"));
            Assert.True(doc.Set("s", "f", "w"));
            Assert.True(doc.Set("s", "g", " lead"));
            Assert.True(doc.Set("s", "h", ""));
            Assert.False(doc.Set("s", "i", "q"));
            Assert.True(doc.Set("s", "i", "'q'"));
            Assert.Equal("[s]\na=10\nB: three\nc : 30\nurl = http://h:5000/v3\nd: x=y\ne = v\nf=w\ng = \" lead\"\nh =\ni = \"'q'\"\n", doc.Render());

            IniDocument reread = IniDocument.Parse(doc.Render());
            Assert.Equal(" lead", reread.Get("s", "g"));
            Assert.Equal("", reread.Get("s", "h"));
            Assert.Equal("'q'", reread.Get("s", "i"));
        }

        [Fact]
        public void SectionNamesAreOrdinal_KeysIgnoreCase()
        {
            IniDocument doc = IniDocument.Parse("[DEFAULT]\nDebug = true\n[default]\ndebug = false\n");

            Assert.Equal(new[] { "DEFAULT", "default" }, doc.Sections);
            Assert.Equal("true", doc.Get("DEFAULT", "debug"));
            Assert.Equal("false", doc.Get("default", "DEBUG"));
            Assert.Null(doc.Get("Default", "debug"));

            Assert.True(doc.Set("DEFAULT", "debug", "false"));
            Assert.Equal("[DEFAULT]\nDebug = false\n[default]\ndebug = false\n", doc.Render());
            Assert.Equal(new[] { "Debug" }, doc.Keys("DEFAULT"));
        }

        [Fact]
        public void EmptySection_NewKeyGoesRightAfterTheHeader_OrAfterItsExample()
        {
            IniDocument doc = IniDocument.Parse("[a]\n\n# Some help\n#opt = 1\n\n[b]\n# help\n\n");
            Assert.True(doc.Set("a", "opt", "2"));
            Assert.True(doc.Set("b", "other", "3"));
            Assert.True(doc.Set("a", "second", "4")); // no example: after the last key, which is now opt
            Assert.Equal("[a]\n\n# Some help\n#opt = 1\nopt = 2\nsecond = 4\n\n[b]\nother = 3\n# help\n\n", doc.Render());
        }

        [Fact]
        public void Crlf_IsKeptAndUsedForNewLines()
        {
            const string text = "# head\r\n[DEFAULT]\r\nfoo = 1\r\n\r\n[lvm]\r\nvolume_group = vg\r\n";
            IniDocument doc = IniDocument.Parse(text);

            Assert.Equal(text, doc.Render());
            Assert.Equal("1", doc.Get("DEFAULT", "foo"));
            Assert.Equal("vg", doc.Get("lvm", "volume_group"));

            Assert.True(doc.Set("DEFAULT", "foo", "2"));
            Assert.True(doc.Set("DEFAULT", "bar", "3"));
            Assert.True(doc.Set("nfs", "nfs_shares_config", "/etc/cinder/nfs_shares"));
            Assert.Equal("# head\r\n[DEFAULT]\r\nfoo = 2\r\nbar = 3\r\n\r\n[lvm]\r\nvolume_group = vg\r\n\r\n[nfs]\r\nnfs_shares_config = /etc/cinder/nfs_shares\r\n", doc.Render());
            Assert.Equal("2", IniDocument.Parse(doc.Render()).Get("DEFAULT", "foo"));
        }

        [Fact]
        public void NoFinalNewline_IsKept()
        {
            const string text = "[DEFAULT]\nfoo = 1";
            IniDocument doc = IniDocument.Parse(text);
            Assert.Equal(text, doc.Render());

            Assert.True(doc.Set("DEFAULT", "bar", "2"));
            Assert.Equal("[DEFAULT]\nfoo = 1\nbar = 2", doc.Render());
            Assert.True(doc.Set("nfs", "k", "v"));
            Assert.Equal("[DEFAULT]\nfoo = 1\nbar = 2\n\n[nfs]\nk = v", doc.Render());
            Assert.True(doc.RemoveSection("nfs"));
            Assert.Equal("[DEFAULT]\nfoo = 1\nbar = 2", doc.Render());
            Assert.True(doc.Remove("DEFAULT", "bar"));
            Assert.Equal(text, doc.Render());
            Assert.True(doc.Set("DEFAULT", "foo", "9"));
            Assert.Equal("[DEFAULT]\nfoo = 9", doc.Render());
        }

        [Fact]
        public void EmptyDocument_AndTextBeforeTheFirstSection()
        {
            IniDocument empty = IniDocument.Parse(string.Empty);
            Assert.Equal(string.Empty, empty.Render());
            Assert.Empty(empty.Sections);
            Assert.True(empty.Set("DEFAULT", "enabled_backends", "nfs"));
            Assert.Equal("[DEFAULT]\nenabled_backends = nfs\n", empty.Render());

            const string text = "# preamble\nstray = 1\n\n[DEFAULT]\nfoo = 1\n[unknown-Section.x]\nk = v\n";
            IniDocument doc = IniDocument.Parse(text);
            Assert.Equal(text, doc.Render());
            Assert.Equal(new[] { "DEFAULT", "unknown-Section.x" }, doc.Sections);
            Assert.Null(doc.Get("DEFAULT", "stray"));
            Assert.Equal("line 2: assignment before the first section: stray = 1", Assert.Single(doc.Problems));
            Assert.Equal("v", doc.Get("unknown-Section.x", "k"));
        }

        [Fact]
        public void InvalidLines_AreKeptAndReported()
        {
            const string text = "[DEFAULT]\njunk line\n= novalue\n[broken\n[]\nfoo = 1\n";
            IniDocument doc = IniDocument.Parse(text);

            Assert.Equal(text, doc.Render());
            Assert.Equal(4, doc.Problems.Count);
            Assert.Equal("1", doc.Get("DEFAULT", "foo"));
            Assert.Equal(new[] { "DEFAULT" }, doc.Sections);
        }

        [Theory]
        [InlineData("a\nb")]
        [InlineData("a\rb")]
        [InlineData("a\0b")]
        [InlineData("\n")]
        [InlineData("x\r\n[evil]\nk = v")]
        public void HostileValues_AreRefused(string value)
        {
            string text = Fixture(ShippedName);
            IniDocument doc = IniDocument.Parse(text);

            Assert.Throws<ArgumentException>(() => doc.Set("DEFAULT", "enabled_backends", value));
            Assert.Throws<ArgumentException>(() => doc.Set("DEFAULT", "new_key", value));
            Assert.Throws<ArgumentException>(() => doc.SetAll("DEFAULT", "enabled_backends", new[] { "ok", value }));
            Assert.Throws<ArgumentException>(() => IniDocument.JoinList(new[] { "lvm", value }));
            Assert.Equal(text, doc.Render());
        }

        [Theory]
        [InlineData("")]
        [InlineData("foo bar")]
        [InlineData("foo=bar")]
        [InlineData("foo:bar")]
        [InlineData("[x]")]
        [InlineData("#foo")]
        [InlineData("foo\n")]
        [InlineData(" foo")]
        public void HostileKeys_AreRefused(string key)
        {
            IniDocument doc = IniDocument.Parse("[DEFAULT]\n");
            Assert.Throws<ArgumentException>(() => doc.Set("DEFAULT", key, "v"));
            Assert.Throws<ArgumentException>(() => doc.Remove("DEFAULT", key));
            Assert.Equal("[DEFAULT]\n", doc.Render());
        }

        [Theory]
        [InlineData("")]
        [InlineData("a]b")]
        [InlineData("nfs]\n[DEFAULT")]
        [InlineData("a\rb")]
        [InlineData("a\0b")]
        public void HostileSections_AreRefused(string section)
        {
            IniDocument doc = IniDocument.Parse("[DEFAULT]\n");
            Assert.Throws<ArgumentException>(() => doc.Set(section, "k", "v"));
            Assert.Throws<ArgumentException>(() => doc.RemoveSection(section));
            Assert.Equal("[DEFAULT]\n", doc.Render());
        }

        [Fact]
        public void SplitListAndJoinList()
        {
            Assert.Equal(new[] { "lvm", "nfs" }, IniDocument.SplitList(" lvm , ,nfs,"));
            Assert.Empty(IniDocument.SplitList(null));
            Assert.Empty(IniDocument.SplitList(""));
            Assert.Equal(new[] { "lvm" }, IniDocument.SplitList("lvm"));
            Assert.Equal("lvm,nfs", IniDocument.JoinList(new[] { " lvm", "", "nfs " }));
            Assert.Equal("", IniDocument.JoinList(Array.Empty<string>()));
            Assert.Throws<ArgumentException>(() => IniDocument.JoinList(new[] { "a,b" }));
        }
    }
}
