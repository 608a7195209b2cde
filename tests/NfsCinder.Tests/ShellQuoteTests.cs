using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using NfsCinder.Execution;
using Xunit;

namespace NfsCinder.Tests
{
    /// <summary>
    /// The quoting is proven against a real /bin/sh: every hostile string is quoted, run
    /// through `sh -c "printf '%s\0' ARGS"`, and must come back byte for byte.
    /// </summary>
    public class ShellQuoteTests
    {
        private const int FuzzCount = 5000;
        private const int BatchSize = 250;

        private static readonly string[] Hostile =
        {
            "", " ", "'", "''", "\"", "\\", "\\'", "'\\''", "$(id)", "`id`", "${HOME}", "$HOME", "$1", "$@", "$*", "$?", "$$",
            ";", "; rm -rf /tmp/x", "a;b", "&&", "||", "|", "&", ">", "<", ">>", "2>&1", "(", ")", "{", "}", "[", "]", "!", "!!",
            "*", "?", "~", "~root", "#", "a#b", "=", "a=b", "FOO=bar", "\n", "a\nb", "\r\n", "\t", "\v\f", "-", "--", "-e", "-n",
            "ü", "日本語", "emoji 🦀", "\u202Etxt.exe", "\u00A0", "\u2028", "%s", "%n", "\\x41", "\\101", "\x01\x02\x1b[31m",
            "a'b\"c$d`e\\f", "'$(touch /tmp/pwned)'", "\"$(touch /tmp/pwned)\"", "/nfs/shared 10.0.0.0/24(rw,sync)",
        };

        [Fact]
        public void KnownHostileStringsRoundTripThroughRealShell()
        {
            AssertRoundTrip(Hostile);
        }

        [Fact]
        public void ThousandsOfRandomStringsRoundTripThroughRealShell()
        {
            var random = new Random(20261124);
            var strings = Enumerable.Range(0, FuzzCount).Select(_ => RandomHostileString(random)).ToList();
            foreach (var batch in strings.Select((s, i) => (s, i)).GroupBy(x => x.i / BatchSize, x => x.s))
                AssertRoundTrip(batch.ToList());
        }

        [Theory]
        [InlineData("abc", "abc")]
        [InlineData("/etc/exports", "/etc/exports")]
        [InlineData("a b", "'a b'")]
        [InlineData("", "''")]
        [InlineData("it's", "'it'\\''s'")]
        [InlineData("a=b", "'a=b'")]
        [InlineData("~", "'~'")]
        public void QuotesOnlyWhenNeeded(string input, string expected)
        {
            Assert.Equal(expected, ShellQuote.Quote(input));
        }

        [Theory]
        [InlineData("a\0b")]
        [InlineData("\0")]
        [InlineData("lone-high")]
        [InlineData("lone-low")]
        public void RejectsWhatNoArgumentCanCarry(string input)
        {
            // Attribute strings cannot hold lone surrogates, so they are built here.
            input = input switch { "lone-high" => "x" + (char)0xD800, "lone-low" => (char)0xDC00 + "y", _ => input };
            var error = Assert.Throws<ArgumentException>(() => ShellQuote.Quote(input));
            Assert.Contains("position", error.Message);
        }

        [Fact]
        public void CommandSpecRejectsNulBeforeAnythingRuns()
        {
            Assert.Throws<ArgumentException>(() => CommandSpec.Argv("printf", "a\0b"));
            Assert.Throws<ArgumentException>(() => CommandSpec.Script("s", "true", "x\0"));
        }

        [Fact]
        public void JoinRefusesAnEmptyCommand()
        {
            Assert.Throws<ArgumentException>(() => ShellQuote.Join(Array.Empty<string>()));
        }

        private static string RandomHostileString(Random random)
        {
            // Weighted toward shell metacharacters, with controls, non-ASCII and surrogate pairs.
            const string meta = "'\"\\$`;|&<>(){}[]*?!~#=% \t\n\r-";
            int length = random.Next(0, 40);
            var builder = new StringBuilder();
            for (int i = 0; i < length; i++)
            {
                int kind = random.Next(10);
                if (kind < 4) builder.Append(meta[random.Next(meta.Length)]);
                else if (kind < 6) builder.Append((char)random.Next(0x20, 0x7F));
                else if (kind < 7) builder.Append((char)random.Next(0x01, 0x20));
                else if (kind < 8) builder.Append((char)random.Next(0xA0, 0xD7FF));
                else if (kind < 9) builder.Append(char.ConvertFromUtf32(random.Next(0x10000, 0x10FFFF)));
                else builder.Append(Hostile[random.Next(Hostile.Length)]);
            }
            return builder.ToString();
        }

        private static void AssertRoundTrip(IReadOnlyList<string> arguments)
        {
            var argv = new List<string> { "printf", "%s\\0" };
            argv.AddRange(arguments);
            byte[] output = RunShell(ShellQuote.Join(argv));
            var expected = new List<byte>();
            foreach (string argument in arguments)
            {
                expected.AddRange(Encoding.UTF8.GetBytes(argument));
                expected.Add(0);
            }
            if (arguments.Count == 0) return;
            if (!expected.SequenceEqual(output))
            {
                var pieces = SplitOnNul(output);
                for (int i = 0; i < arguments.Count; i++)
                {
                    string actual = i < pieces.Count ? pieces[i] : "<missing>";
                    Assert.True(actual == arguments[i], $"Argument {i} changed: expected [{Escape(arguments[i])}] got [{Escape(actual)}]");
                }
                Assert.Equal(expected, output);
            }
        }

        private static byte[] RunShell(string commandLine)
        {
            var startInfo = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            startInfo.ArgumentList.Add("-c");
            startInfo.ArgumentList.Add(commandLine);
            using var process = Process.Start(startInfo)!;
            using var buffer = new MemoryStream();
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardOutput.BaseStream.CopyTo(buffer);
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"sh failed ({process.ExitCode}): {stderr.Result}");
            return buffer.ToArray();
        }

        private static List<string> SplitOnNul(byte[] output)
        {
            var pieces = new List<string>();
            int start = 0;
            for (int i = 0; i < output.Length; i++)
            {
                if (output[i] != 0) continue;
                pieces.Add(Encoding.UTF8.GetString(output, start, i - start));
                start = i + 1;
            }
            return pieces;
        }

        private static string Escape(string s) =>
            string.Concat(s.Select(c => c < 0x20 || c > 0x7E ? $"\\u{(int)c:X4}" : c.ToString()));
    }
}
