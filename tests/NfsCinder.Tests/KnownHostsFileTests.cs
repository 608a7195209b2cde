using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using NfsCinder.Ssh;
using Xunit;

namespace NfsCinder.Tests
{
    /// <summary>
    /// Fixtures in Fixtures/known_hosts were made with real OpenSSH 9.2 tools: the keys with
    /// ssh-keygen -t, the *.fingerprint.txt with ssh-keygen -lf, the hashed lines of
    /// known_hosts with ssh-keygen -H, and lookups.txt with ssh-keygen -F.
    /// </summary>
    public sealed class KnownHostsFileTests
    {
        private static readonly string FixtureDir = Path.Combine(AppContext.BaseDirectory, "Fixtures", "known_hosts");
        private static readonly string KnownHostsPath = Path.Combine(FixtureDir, "known_hosts");

        private static readonly byte[] Ed25519 = PubBlob("host_ed25519");
        private static readonly byte[] Ecdsa = PubBlob("host_ecdsa");
        private static readonly byte[] Rsa = PubBlob("host_rsa");
        private static readonly byte[] OtherEd25519 = PubBlob("other_ed25519");
        private static readonly byte[] RevokedEd25519 = PubBlob("revoked_ed25519");
        private static readonly byte[] CaEd25519 = PubBlob("ca_ed25519");

        private static byte[] PubBlob(string name) =>
            Convert.FromBase64String(File.ReadAllText(Path.Combine(FixtureDir, name + ".pub")).Split(' ')[1]);

        private static KnownHostsFile Fixture() => KnownHostsFile.Load(KnownHostsPath);

        private static void AssertCheck(HostKeyMatch match, int? line, HostKeyCheck check)
        {
            Assert.Equal(match, check.Match);
            Assert.Equal(line, check.LineNumber);
        }

        [Theory]
        [InlineData("host_ed25519")]
        [InlineData("host_ecdsa")]
        [InlineData("host_rsa")]
        [InlineData("other_ed25519")]
        [InlineData("revoked_ed25519")]
        [InlineData("ca_ed25519")]
        public void Fingerprint_EqualsSshKeygenLf(string name)
        {
            // "256 SHA256:... comment (ED25519)"
            string expected = File.ReadAllText(Path.Combine(FixtureDir, name + ".fingerprint.txt")).Split(' ')[1];
            Assert.StartsWith("SHA256:", expected);
            Assert.Equal(expected, KnownHostsFile.Fingerprint(PubBlob(name)));
        }

        [Theory]
        [InlineData("host_ed25519", "ssh-ed25519")]
        [InlineData("host_ecdsa", "ecdsa-sha2-nistp256")]
        [InlineData("host_rsa", "ssh-rsa")]
        public void KeyTypeOf_ReadsTheTypeFromTheBlob(string name, string expected)
        {
            Assert.Equal(expected, File.ReadAllText(Path.Combine(FixtureDir, name + ".pub")).Split(' ')[0]);
            Assert.Equal(expected, KnownHostsFile.KeyTypeOf(PubBlob(name)));
        }

        [Theory]
        [InlineData(new byte[0])]
        [InlineData(new byte[] { 0, 0, 0 })]
        [InlineData(new byte[] { 0, 0, 0, 0 })]
        [InlineData(new byte[] { 0, 0, 0, 9, (byte)'s', (byte)'s', (byte)'h' })]
        [InlineData(new byte[] { 0, 0, 0, 2, (byte)'a', (byte)' ' })]
        public void KeyTypeOf_RejectsMalformedBlobs(byte[] blob)
        {
            Assert.Throws<FormatException>(() => KnownHostsFile.KeyTypeOf(blob));
        }

        [Fact]
        public void HostPattern_UsesBracketsOffPort22()
        {
            Assert.Equal("nfs1.example.com", KnownHostsFile.HostPattern("nfs1.example.com", 22));
            Assert.Equal("[nfs1.example.com]:2222", KnownHostsFile.HostPattern("nfs1.example.com", 2222));
            Assert.Equal("[192.0.2.1]:830", KnownHostsFile.HostPattern("192.0.2.1", 830));
            Assert.Throws<ArgumentOutOfRangeException>(() => KnownHostsFile.HostPattern("h", 0));
        }

        [Fact]
        public void PlainHost_KnownChangedUnknown()
        {
            KnownHostsFile file = Fixture();
            Assert.Equal(KnownHostsPath, file.Path);
            AssertCheck(HostKeyMatch.Known, 3, file.Check("plain.example.com", 22, Ed25519));
            AssertCheck(HostKeyMatch.Known, 4, file.Check("plain.example.com", 22, Ecdsa));

            HostKeyCheck changed = file.Check("plain.example.com", 22, OtherEd25519);
            AssertCheck(HostKeyMatch.Changed, 3, changed);
            Assert.Equal("ssh-ed25519", changed.PresentedKeyType);
            Assert.Equal(KnownHostsFile.Fingerprint(OtherEd25519), changed.PresentedFingerprint);
            Assert.Equal(new[] { KnownHostsFile.Fingerprint(Ed25519) }, changed.KnownFingerprints);

            HostKeyCheck unknown = file.Check("plain.example.com", 22, Rsa);
            AssertCheck(HostKeyMatch.Unknown, null, unknown);
            Assert.Equal("ssh-rsa", unknown.PresentedKeyType);
            Assert.Empty(unknown.KnownFingerprints);
            Assert.Equal(new[] { "ssh-ed25519", "ecdsa-sha2-nistp256" }, unknown.KnownKeyTypes);
            Assert.Equal(new[] { "ssh-ed25519", "ecdsa-sha2-nistp256" }, file.KnownKeyTypes("plain.example.com", 22));

            AssertCheck(HostKeyMatch.Unknown, null, file.Check("nowhere.example.com", 22, Ed25519));
            Assert.Empty(file.KnownKeyTypes("nowhere.example.com", 22));
        }

        [Fact]
        public void Port_BracketFormOnlyMatchesThatPort()
        {
            KnownHostsFile file = Fixture();
            AssertCheck(HostKeyMatch.Known, 7, file.Check("port.example.com", 2222, Ed25519));
            AssertCheck(HostKeyMatch.Changed, 7, file.Check("port.example.com", 2222, OtherEd25519));
            AssertCheck(HostKeyMatch.Unknown, null, file.Check("port.example.com", 22, Ed25519));
            AssertCheck(HostKeyMatch.Unknown, null, file.Check("port.example.com", 2223, Ed25519));
            // A plain pattern means port 22 only.
            AssertCheck(HostKeyMatch.Unknown, null, file.Check("plain.example.com", 2222, Ed25519));
            Assert.Empty(file.KnownKeyTypes("plain.example.com", 2222));
            // [host]:22 is accepted for port 22 as well.
            AssertCheck(HostKeyMatch.Known, 8, file.Check("bracket22.example.com", 22, Ed25519));
        }

        [Fact]
        public void Wildcards_AndNegation()
        {
            KnownHostsFile file = Fixture();
            AssertCheck(HostKeyMatch.Known, 10, file.Check("x.wild.example.com", 22, Rsa));
            AssertCheck(HostKeyMatch.Known, 10, file.Check("deep.sub.wild.example.com", 22, Rsa));
            AssertCheck(HostKeyMatch.Unknown, null, file.Check("wild.example.com", 22, Rsa));
            // !bad.wild.example.com removes the line for that host although *.wild matches.
            AssertCheck(HostKeyMatch.Unknown, null, file.Check("bad.wild.example.com", 22, Rsa));
            Assert.Empty(file.KnownKeyTypes("bad.wild.example.com", 22));

            AssertCheck(HostKeyMatch.Known, 11, file.Check("node1.example.com", 22, Ed25519));
            AssertCheck(HostKeyMatch.Changed, 11, file.Check("nodeX.example.com", 22, OtherEd25519));
            AssertCheck(HostKeyMatch.Unknown, null, file.Check("node12.example.com", 22, Ed25519));
            AssertCheck(HostKeyMatch.Unknown, null, file.Check("node.example.com", 22, Ed25519));

            AssertCheck(HostKeyMatch.Known, 12, file.Check("a.wild.example.com", 2200, Ecdsa));
            HostKeyCheck port22 = file.Check("a.wild.example.com", 22, Ecdsa);
            AssertCheck(HostKeyMatch.Unknown, null, port22);
            Assert.Equal(new[] { "ssh-rsa" }, port22.KnownKeyTypes);
        }

        [Fact]
        public void HostNames_CompareCaseInsensitively()
        {
            KnownHostsFile file = Fixture();
            AssertCheck(HostKeyMatch.Known, 14, file.Check("mixed.example.com", 22, Ed25519));
            AssertCheck(HostKeyMatch.Known, 14, file.Check("MIXED.EXAMPLE.COM", 22, Ed25519));
            AssertCheck(HostKeyMatch.Known, 3, file.Check("Plain.Example.Com", 22, Ed25519));
            AssertCheck(HostKeyMatch.Known, 7, file.Check("PORT.example.com", 2222, Ed25519));
            AssertCheck(HostKeyMatch.Known, 10, file.Check("X.WILD.example.COM", 22, Rsa));
            AssertCheck(HostKeyMatch.Unknown, null, file.Check("BAD.wild.example.com", 22, Rsa));
            AssertCheck(HostKeyMatch.Known, 26, file.Check("HASHED.example.com", 22, Ed25519));
        }

        [Fact]
        public void AliasList_MatchesEveryName()
        {
            KnownHostsFile file = Fixture();
            AssertCheck(HostKeyMatch.Known, 15, file.Check("alias-a.example.com", 22, Ed25519));
            AssertCheck(HostKeyMatch.Known, 15, file.Check("alias-b.example.com", 22, Ed25519));
            AssertCheck(HostKeyMatch.Known, 15, file.Check("192.0.2.10", 22, Ed25519));
            AssertCheck(HostKeyMatch.Unknown, null, file.Check("192.0.2.1", 22, Ed25519));
        }

        [Fact]
        public void HashedNames_ProducedBySshKeygenH()
        {
            string[] lines = File.ReadAllLines(KnownHostsPath);
            Assert.StartsWith("|1|", lines[25]);
            Assert.StartsWith("|1|", lines[26]);
            Assert.DoesNotContain(lines, l => l.StartsWith("hashed.") || l.StartsWith("[hashed."));

            KnownHostsFile file = Fixture();
            AssertCheck(HostKeyMatch.Known, 26, file.Check("hashed.example.com", 22, Ed25519));
            AssertCheck(HostKeyMatch.Changed, 26, file.Check("hashed.example.com", 22, OtherEd25519));
            AssertCheck(HostKeyMatch.Unknown, null, file.Check("hashed.example.com", 22, Ecdsa));
            AssertCheck(HostKeyMatch.Known, 27, file.Check("hashed.example.com", 2022, Ecdsa));
            HostKeyCheck otherPort = file.Check("hashed.example.com", 2022, Ed25519);
            AssertCheck(HostKeyMatch.Unknown, null, otherPort);
            Assert.Equal(new[] { "ecdsa-sha2-nistp256" }, otherPort.KnownKeyTypes);
            AssertCheck(HostKeyMatch.Unknown, null, file.Check("hashed.example.org", 22, Ed25519));
        }

        [Fact]
        public void RevokedKey_IsRevokedForItsHostAndEveryOther()
        {
            KnownHostsFile file = Fixture();
            HostKeyCheck revoked = file.Check("old.example.com", 22, RevokedEd25519);
            AssertCheck(HostKeyMatch.Revoked, 18, revoked);
            Assert.Equal(KnownHostsFile.Fingerprint(RevokedEd25519), revoked.PresentedFingerprint);
            AssertCheck(HostKeyMatch.Revoked, 18, file.Check("plain.example.com", 22, RevokedEd25519));
            // The @revoked line is not a host key on record.
            AssertCheck(HostKeyMatch.Unknown, null, file.Check("old.example.com", 22, Ed25519));
            Assert.Empty(file.KnownKeyTypes("old.example.com", 22));
        }

        [Fact]
        public void RevokedKey_WinsOverAKnownEntry()
        {
            string key = Convert.ToBase64String(Ed25519);
            KnownHostsFile file = KnownHostsFile.Parse(
                "h.example.com ssh-ed25519 " + key + "\n@revoked * ssh-ed25519 " + key + "\n", "mem");
            AssertCheck(HostKeyMatch.Revoked, 2, file.Check("h.example.com", 22, Ed25519));
        }

        [Fact]
        public void CertAuthorityLines_AreNotHostKeys()
        {
            KnownHostsFile file = Fixture();
            AssertCheck(HostKeyMatch.Unknown, null, file.Check("a.ca.example.com", 22, CaEd25519));
            Assert.Empty(file.KnownKeyTypes("a.ca.example.com", 22));
        }

        [Fact]
        public void MalformedLines_AreSkipped()
        {
            KnownHostsFile file = Fixture();
            Assert.Empty(file.KnownKeyTypes("only-a-hostname", 22));
            Assert.Empty(file.KnownKeyTypes("broken.example.com", 22));
            // Declared ssh-rsa, blob is ed25519: skipped like OpenSSH does.
            AssertCheck(HostKeyMatch.Unknown, null, file.Check("mismatch.example.com", 22, Ed25519));
            // @unknown-marker line 24 lists other_ed25519 for plain.example.com: ignored.
            AssertCheck(HostKeyMatch.Changed, 3, file.Check("plain.example.com", 22, OtherEd25519));

            KnownHostsFile garbage = KnownHostsFile.Parse("@\n,\n!\n|1|x|y ssh-ed25519 AAAA\n\0\n", "mem");
            AssertCheck(HostKeyMatch.Unknown, null, garbage.Check("x", 22, Ed25519));
        }

        [Fact]
        public void CrLfLineEndings_AreAccepted()
        {
            string text = "# comment\r\nh.example.com ssh-ed25519 " + Convert.ToBase64String(Ed25519) + " c\r\n";
            AssertCheck(HostKeyMatch.Known, 2, KnownHostsFile.Parse(text, "mem").Check("h.example.com", 22, Ed25519));
        }

        /// <summary>Every host key line ssh-keygen -F reported is the line Check reports.</summary>
        [Fact]
        public void Lookups_AgreeWithSshKeygenF()
        {
            string[] fixture = File.ReadAllLines(KnownHostsPath);
            KnownHostsFile file = Fixture();
            var found = new HashSet<string>();
            int count = 0;
            foreach (string lookup in File.ReadAllLines(Path.Combine(FixtureDir, "lookups.txt")).Skip(1))
            {
                // "# Host [name]:port found: line N [REVOKED]"
                string[] words = lookup.Trim().Split(' ');
                (string host, int port) = SplitHost(words[2]);
                int line = int.Parse(words[5]);
                bool revoked = words.Length > 6 && words[6] == "REVOKED";
                string[] fields = fixture[line - 1].Split(' ');
                byte[] blob = Convert.FromBase64String(fields[revoked ? 3 : 2]);

                AssertCheck(revoked ? HostKeyMatch.Revoked : HostKeyMatch.Known, line, file.Check(host, port, blob));
                if (!revoked) Assert.Contains(KnownHostsFile.KeyTypeOf(blob), file.KnownKeyTypes(host, port));
                found.Add(words[2]);
                count++;
            }
            Assert.Equal(13, count);
            foreach (string notFound in new[] { "bad.wild.example.com", "node12.example.com" })
            {
                Assert.DoesNotContain(notFound, found);
                Assert.Empty(file.KnownKeyTypes(notFound, 22));
            }
        }

        [Fact]
        public void Load_MissingFileIsEmpty()
        {
            string dir = Path.Combine(Path.GetTempPath(), "nfscinder-kh-" + Guid.NewGuid().ToString("N"));
            KnownHostsFile missing = KnownHostsFile.Load(Path.Combine(dir, "sub", "known_hosts"));
            Assert.Equal(Path.Combine(dir, "sub", "known_hosts"), missing.Path);
            AssertCheck(HostKeyMatch.Unknown, null, missing.Check("plain.example.com", 22, Ed25519));
            Assert.Empty(missing.KnownKeyTypes("plain.example.com", 22));
            Assert.False(Directory.Exists(dir));
        }

        [Fact]
        public void Append_CreatesPrivateFileThatChecksKnown()
        {
            string root = Path.Combine(Path.GetTempPath(), "nfscinder-kh-" + Guid.NewGuid().ToString("N"));
            try
            {
                // Awkward characters exercise the chmod argument quoting.
                string dir = Path.Combine(root, "it's a \"dir\" \\x");
                string path = Path.Combine(dir, "known_hosts");
                KnownHostsFile.Append(path, "nfs1.example.com", 22, Ed25519);
                KnownHostsFile.Append(path, "nfs1.example.com", 2222, Ecdsa);

                string expected = "nfs1.example.com ssh-ed25519 " + Convert.ToBase64String(Ed25519) + "\n"
                    + "[nfs1.example.com]:2222 ecdsa-sha2-nistp256 " + Convert.ToBase64String(Ecdsa) + "\n";
                Assert.Equal(expected, File.ReadAllText(path));

                KnownHostsFile file = KnownHostsFile.Load(path);
                AssertCheck(HostKeyMatch.Known, 1, file.Check("nfs1.example.com", 22, Ed25519));
                AssertCheck(HostKeyMatch.Known, 2, file.Check("NFS1.example.com", 2222, Ecdsa));
                AssertCheck(HostKeyMatch.Changed, 1, file.Check("nfs1.example.com", 22, OtherEd25519));

                if (OperatingSystem.IsLinux())
                {
                    Assert.Equal("600", Run("stat", "-c", "%a", path).Trim());
                    Assert.Equal("700", Run("stat", "-c", "%a", dir).Trim());
                    Assert.Equal("700", Run("stat", "-c", "%a", root).Trim());
                    // OpenSSH itself finds what was appended.
                    Assert.Contains("found: line 2", Run("ssh-keygen", "-F", "[nfs1.example.com]:2222", "-f", path));
                }
            }
            finally
            {
                if (Directory.Exists(root)) Directory.Delete(root, true);
            }
        }

        [Fact]
        public void Append_AddsMissingFinalNewlineAndKeepsExistingMode()
        {
            string root = Path.Combine(Path.GetTempPath(), "nfscinder-kh-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(root);
            try
            {
                string path = Path.Combine(root, "known_hosts");
                string first = "old.example.com ssh-rsa " + Convert.ToBase64String(Rsa);
                File.WriteAllText(path, first, new UTF8Encoding(false));
                if (OperatingSystem.IsLinux()) Run("chmod", "644", path);

                KnownHostsFile.Append(path, "new.example.com", 22, Ed25519);

                Assert.Equal(first + "\nnew.example.com ssh-ed25519 " + Convert.ToBase64String(Ed25519) + "\n", File.ReadAllText(path));
                KnownHostsFile file = KnownHostsFile.Load(path);
                AssertCheck(HostKeyMatch.Known, 1, file.Check("old.example.com", 22, Rsa));
                AssertCheck(HostKeyMatch.Known, 2, file.Check("new.example.com", 22, Ed25519));
                if (OperatingSystem.IsLinux()) Assert.Equal("644", Run("stat", "-c", "%a", path).Trim());
            }
            finally
            {
                Directory.Delete(root, true);
            }
        }

        [Theory]
        [InlineData("")]
        [InlineData("a b")]
        [InlineData("a,b")]
        [InlineData("*.example.com")]
        [InlineData("!x")]
        [InlineData("|1|x")]
        [InlineData("h\n")]
        public void Append_RejectsHostsKnownHostsCannotCarry(string host)
        {
            string path = Path.Combine(Path.GetTempPath(), "nfscinder-kh-" + Guid.NewGuid().ToString("N"), "known_hosts");
            Assert.ThrowsAny<ArgumentException>(() => KnownHostsFile.Append(path, host, 22, Ed25519));
            Assert.False(File.Exists(path));
        }

        [Theory]
        [InlineData("plain")]
        [InlineData("with space")]
        [InlineData("quote\"inside")]
        [InlineData("trailing\\")]
        [InlineData("back\\\"slash")]
        [InlineData("")]
        public void QuoteProcessArgument_RoundTripsThroughProcessStart(string argument)
        {
            if (!OperatingSystem.IsLinux()) return;
            var info = new ProcessStartInfo("/usr/bin/printf", "%s " + KnownHostsFile.QuoteProcessArgument(argument))
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            using Process process = Process.Start(info)!;
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.Equal(argument, output);
        }

        private static (string Host, int Port) SplitHost(string name)
        {
            if (!name.StartsWith('[')) return (name, 22);
            int close = name.IndexOf("]:", StringComparison.Ordinal);
            return (name.Substring(1, close - 1), int.Parse(name.Substring(close + 2)));
        }

        private static string Run(string fileName, params string[] arguments)
        {
            var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string argument in arguments) info.ArgumentList.Add(argument);
            using Process process = Process.Start(info)!;
            string output = process.StandardOutput.ReadToEnd();
            string error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, fileName + " failed: " + error);
            return output;
        }
    }
}
