using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security;
using System.Text;
using System.Threading;
using NfsCinder.Execution;
using Xunit;

namespace NfsCinder.Tests
{
    /// <summary>
    /// The runner against this machine: real /bin/sh (dash), real env/timeout/sudo, real processes.
    /// </summary>
    public class CommandRunnerTests
    {
        private static CommandRunner NewRunner() => new CommandRunner(new LocalTransport("localhost"), TimeSpan.FromSeconds(30));

        private static readonly string[] Hostile =
        {
            "", " ", "a b", "'", "''", "\"", "\\", "'\\''", "$(id)", "`id`", "${HOME}", "$HOME", "$1", "$@", "$$", ";", "; rm -rf /tmp/x",
            "a;b", "&&", "|", ">", "<", "2>&1", "(", ")", "{", "}", "*", "?", "~", "~root", "#", "a=b", "FOO=bar", "\n", "a\nb", "\r\n",
            "\t", "-", "--", "-e", "-n", "%s", "%b", "\\x41", "\\0", "ü", "日本語", "emoji 🦀", "\u202Etxt", "\x01\x1b[31m", "a'b\"c$d`e\\f",
        };

        // ---- argv ---------------------------------------------------------------------------------

        [Fact]
        public void HostileArguments_ArriveUnchanged()
        {
            CommandResult result = NewRunner().Run(CommandSpec.Argv(new[] { "printf", @"%s\0" }.Concat(Hostile).ToArray()));

            string[] received = Encoding.UTF8.GetString(result.StandardOutputBytes).Split('\0');
            Assert.Equal(Hostile.Length + 1, received.Length);
            Assert.Equal("", received[^1]);
            Assert.Equal(Hostile, received.Take(Hostile.Length).ToArray());
        }

        [Fact]
        public void ScriptPositionalParameters_ArriveUnchanged()
        {
            CommandResult result = NewRunner().Run(CommandSpec.Script("echo-args", @"printf '%s\0' ""$@""", Hostile));
            Assert.Equal(Hostile, Encoding.UTF8.GetString(result.StandardOutputBytes).TrimEnd('\0').Split('\0'));
        }

        // ---- exit codes ---------------------------------------------------------------------------

        [Fact]
        public void AcceptedExitCode_ReturnsResult()
        {
            CommandResult result = NewRunner().Run(CommandSpec.Argv("sh", "-c", "echo out; exit 3").Accepting(0, 3));
            Assert.Equal(3, result.ExitCode);
            Assert.False(result.Succeeded);
            Assert.Equal("out\n", result.StandardOutput);
            Assert.Equal("localhost", result.ComputerName);
        }

        [Fact]
        public void UnacceptedExitCode_ThrowsCommandFailed()
        {
            var ex = Assert.Throws<NfsCinderException>(() => NewRunner().Run(CommandSpec.Argv("false")));
            Assert.Equal("CommandFailed", ex.ErrorId);
            Assert.Equal(FailureCategory.InvalidOperation, ex.Category);
            Assert.Equal("localhost", ex.ComputerName);
            Assert.Contains("exit status 1", ex.Message);
            Assert.StartsWith("[localhost] ", ex.Message);
        }

        [Fact]
        public void ZeroNotAccepted_Throws()
        {
            var ex = Assert.Throws<NfsCinderException>(() => NewRunner().Run(CommandSpec.Argv("true").Accepting(1)));
            Assert.Equal("CommandFailed", ex.ErrorId);
        }

        [Fact]
        public void StandardError_AppearsInMessage_WithPurpose()
        {
            var spec = CommandSpec.Argv("sh", "-c", "echo 'boom: disk on fire' >&2; exit 2").For("Checking the disk");
            var ex = Assert.Throws<NfsCinderException>(() => NewRunner().Run(spec));
            Assert.Equal("CommandFailed", ex.ErrorId);
            Assert.Contains("Checking the disk failed with exit status 2: boom: disk on fire", ex.Message);
        }

        [Fact]
        public void MissingProgram_ThrowsCommandNotFound()
        {
            var ex = Assert.Throws<NfsCinderException>(() => NewRunner().Run(CommandSpec.Argv("nfscinder-no-such-program")));
            Assert.Equal("CommandNotFound", ex.ErrorId);
            Assert.Equal(FailureCategory.ObjectNotFound, ex.Category);
            Assert.Contains("'nfscinder-no-such-program' was not found (exit 127)", ex.Message);
        }

        [Fact]
        public void FixedLocaleAndPath_AreSet()
        {
            string output = NewRunner().Run(CommandSpec.Script("env", @"printf '%s|%s|%s' ""$LC_ALL"" ""$LANG"" ""$PATH""")).StandardOutput;
            Assert.Equal("C|C|/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", output);
        }

        // ---- timeouts and cancellation ------------------------------------------------------------

        [Fact]
        public void Timeout_ThrowsCommandTimedOut_AndLeavesNoProcess()
        {
            var stopwatch = Stopwatch.StartNew();
            var ex = Assert.Throws<NfsCinderException>(() =>
                NewRunner().Run(CommandSpec.Argv("sleep", "31.337").WithTimeout(TimeSpan.FromSeconds(1))));
            stopwatch.Stop();

            Assert.Equal("CommandTimedOut", ex.ErrorId);
            Assert.Equal(FailureCategory.OperationTimeout, ex.Category);
            Assert.Contains("within 1 s", ex.Message);
            Assert.InRange(stopwatch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
            AssertProcessGone("sleep", "31.337");
        }

        [Fact]
        public void Timeout_KillsChildThatIgnoresTerm()
        {
            var stopwatch = Stopwatch.StartNew();
            var ex = Assert.Throws<NfsCinderException>(() =>
                NewRunner().Run(CommandSpec.Argv("sh", "-c", "trap '' TERM; sleep 40.1").WithTimeout(TimeSpan.FromSeconds(1))));
            stopwatch.Stop();

            Assert.Equal("CommandTimedOut", ex.ErrorId);
            // TERM after 1 s is ignored; timeout -k 5 sends KILL at about 6 s.
            Assert.InRange(stopwatch.Elapsed, TimeSpan.FromSeconds(5.5), TimeSpan.FromSeconds(9));
            AssertProcessGone("sleep", "40.1");
        }

        [Fact]
        public void Cancellation_ThrowsCommandCancelled_AndStopsTheCommand()
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            var stopwatch = Stopwatch.StartNew();
            var ex = Assert.Throws<NfsCinderException>(() =>
                NewRunner().Run(CommandSpec.Argv("sleep", "42.4242"), new RunContext(null, cancel.Token)));
            stopwatch.Stop();

            Assert.Equal("CommandCancelled", ex.ErrorId);
            Assert.Equal(FailureCategory.OperationStopped, ex.Category);
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed}");
            AssertProcessGone("sleep", "42.4242");
        }

        // ---- standard input -----------------------------------------------------------------------

        [Fact]
        public void StandardInput_BinaryRoundTrip()
        {
            byte[] input = Enumerable.Range(0, 256).Select(i => (byte)i).Concat(new byte[] { 0, 0, 0xFF, 0xFE, 0xC0, 0x80, 0 }).ToArray();
            CommandResult result = NewRunner().Run(CommandSpec.Argv("cat").WithInput(input));
            Assert.Equal(input, result.StandardOutputBytes);
        }

        [Fact]
        public void StandardInput_LargerThanPipeBuffer_RoundTrips()
        {
            var input = new byte[3 * 1024 * 1024 + 17];
            new Random(42).NextBytes(input);
            CommandResult result = NewRunner().Run(CommandSpec.Argv("cat").WithInput(input));
            Assert.Equal(input.Length, result.StandardOutputBytes.Length);
            Assert.True(input.AsSpan().SequenceEqual(result.StandardOutputBytes));
        }

        [Fact]
        public void StandardInput_NotRead_DoesNotHang()
        {
            var input = new byte[1024 * 1024];
            CommandResult result = NewRunner().Run(CommandSpec.Argv("true").WithInput(input));
            Assert.Equal(0, result.ExitCode);
        }

        [Fact]
        public void NoStandardInput_GivesEof()
        {
            CommandResult result = NewRunner().Run(CommandSpec.Argv("wc", "-c"));
            Assert.Equal("0", result.StandardOutput.Trim());
        }

        // ---- verbose and secrets ------------------------------------------------------------------

        [Fact]
        public void Verbose_ShowsQuotedCommandLine()
        {
            var lines = new List<string>();
            CommandResult result = NewRunner().Run(CommandSpec.Argv("printf", "%s", "a b", "it's"), new RunContext(lines.Add, CancellationToken.None));

            string line = Assert.Single(lines);
            Assert.StartsWith("[localhost] sh -c ", line);
            Assert.Contains("timeout -k 5 30 printf %s 'a b' 'it'\\''s'", line);
            Assert.Equal(line, "[localhost] " + result.CommandLine);
            Assert.Equal("a bit's", result.StandardOutput);
        }

        [Fact]
        public void Verbose_ShowsLongScriptByName()
        {
            var lines = new List<string>();
            string body = "# " + new string('x', 200) + "\nprintf '%s' \"$1\"";
            NewRunner().Run(CommandSpec.Script("long-script", body, "arg1"), new RunContext(lines.Add, CancellationToken.None));
            Assert.Contains("sh -c <script long-script> long-script arg1", Assert.Single(lines));
        }

        [Fact]
        public void Secrets_AreRedacted_InVerboseAndResult()
        {
            var lines = new List<string>();
            var spec = CommandSpec.Argv("sh", "-c", "printf '%s' \"$1\"", "sh", "s3cret").WithSecrets("s3cret");
            CommandResult result = NewRunner().Run(spec, new RunContext(lines.Add, CancellationToken.None));

            Assert.Equal("s3cret", result.StandardOutput); // the command itself still gets the value
            Assert.DoesNotContain("s3cret", Assert.Single(lines));
            Assert.Contains("***", lines[0]);
            Assert.DoesNotContain("s3cret", result.CommandLine);
            Assert.Contains("***", result.CommandLine);
        }

        [Fact]
        public void Secrets_AreRedacted_InExceptionMessage()
        {
            var lines = new List<string>();
            var spec = CommandSpec.Argv("sh", "-c", "echo \"login failed for token=$1\" >&2; exit 4", "sh", "s3cret").WithSecrets("s3cret");
            var ex = Assert.Throws<NfsCinderException>(() => NewRunner().Run(spec, new RunContext(lines.Add, CancellationToken.None)));

            Assert.Equal("CommandFailed", ex.ErrorId);
            Assert.DoesNotContain("s3cret", ex.Message);
            Assert.Contains("token=***", ex.Message);
            Assert.DoesNotContain("s3cret", Assert.Single(lines));
        }

        [Theory]
        [InlineData("it's-s3cret")]
        [InlineData("pa ss'word\"$x")]
        public void Secrets_NeedingQuotes_AreRedacted(string secret)
        {
            var lines = new List<string>();
            var spec = CommandSpec.Argv("printf", "%s", secret).WithSecrets(secret);
            CommandResult result = NewRunner().Run(spec, new RunContext(lines.Add, CancellationToken.None));

            Assert.Equal(secret, result.StandardOutput);
            Assert.DoesNotContain(ShellQuote.Quote(secret), lines[0]);
            Assert.DoesNotContain(ShellQuote.Quote(secret), result.CommandLine);
            Assert.Contains("***", result.CommandLine);
        }

        // ---- bookkeeping --------------------------------------------------------------------------

        [Fact]
        public void CommandCount_IncrementsOncePerRun()
        {
            CommandRunner runner = NewRunner();
            Assert.Equal(0, runner.CommandCount);
            runner.Run(CommandSpec.Argv("true"));
            Assert.Equal(1, runner.CommandCount);
            Assert.Throws<NfsCinderException>(() => runner.Run(CommandSpec.Argv("false")));
            Assert.Equal(2, runner.CommandCount);
            runner.Run(CommandSpec.Argv("cat").WithInput(new byte[] { 1, 2, 3 }));
            Assert.Equal(3, runner.CommandCount);
        }

        [Fact]
        public void StandardError_DoesNotShowThePidLine()
        {
            var result = NewRunner().Run(CommandSpec.Script("stderr", "echo err >&2; echo out"));
            Assert.Equal("err\n", result.StandardError);
            Assert.Equal("out\n", result.StandardOutput);
        }

        // ---- sudo wrapping ------------------------------------------------------------------------

        // The PID line lets a cancelled command be killed; then the fixed environment and timeout(1).
        private static readonly string[] EnvPrefix =
        {
            "sh", "-c", "echo \"NFSCINDER-PID $$\" >&2; exec \"$@\"", "nfscinder", "env", "LC_ALL=C", "LANG=C", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "timeout", "-k", "5",
        };

        [Fact]
        public void WrappedArgv_WithoutSudo()
        {
            CommandRunner runner = NewRunner();
            var argv = runner.WrappedArgv(CommandSpec.Argv("exportfs", "-v"), TimeSpan.FromSeconds(2.2), false);
            Assert.Equal(EnvPrefix.Concat(new[] { "3", "exportfs", "-v" }), argv);
        }

        [Fact]
        public void WrappedArgv_NoPasswordSudo()
        {
            CommandRunner runner = NewRunner();
            runner.SetSudo(SudoMode.NoPassword, null);
            var argv = runner.WrappedArgv(CommandSpec.Argv("exportfs", "-ra"), TimeSpan.FromSeconds(30), true);
            Assert.Equal(new[] { "sudo", "-n", "--" }.Concat(EnvPrefix).Concat(new[] { "30", "exportfs", "-ra" }), argv);
        }

        [Fact]
        public void WrappedArgv_PasswordSudo()
        {
            CommandRunner runner = NewRunner();
            using var password = new SecureString();
            foreach (char c in "pw") password.AppendChar(c);
            runner.SetSudo(SudoMode.Password, password);

            var argv = runner.WrappedArgv(CommandSpec.Argv("id"), TimeSpan.FromSeconds(30), true);
            Assert.Equal(new[] { "sudo", "-S", "-k", "-p", "", "--" }.Concat(EnvPrefix).Concat(new[] { "30", "id" }), argv);
            Assert.StartsWith("sudo -S -k -p '' -- sh -c ", ShellQuote.Join(argv));
        }

        [Fact]
        public void PasswordSudo_WithoutPassword_Throws()
        {
            Assert.Throws<ArgumentNullException>(() => NewRunner().SetSudo(SudoMode.Password, null));
        }

        [Fact]
        public void FirstCommand_TellsWhoLoggedIn_WithoutACommandOfItsOwn()
        {
            CommandRunner runner = NewRunner();
            Assert.Null(runner.KnownIsRoot);
            CommandResult result = runner.Run(CommandSpec.Argv("sh", "-c", "echo out; echo err >&2"));
            Assert.Equal(1, runner.CommandCount);
            Assert.Equal(Environment.UserName == "root", runner.KnownIsRoot);
            Assert.Equal("err\n", result.StandardError);
            Assert.Equal(Environment.UserName == "root", runner.IsRoot);
            Assert.Equal(1, runner.CommandCount);
        }

        [Fact]
        public void IsRoot_AskedBeforeAnyCommand_RunsOne()
        {
            CommandRunner runner = NewRunner();
            Assert.Equal(Environment.UserName == "root", runner.IsRoot);
            Assert.Equal(1, runner.CommandCount);
        }

        [Fact]
        public void NoPasswordSudo_RunsThroughSudo()
        {
            CommandRunner runner = NewRunner();
            runner.SetSudo(SudoMode.NoPassword, null);
            var lines = new List<string>();
            CommandResult result = runner.Run(CommandSpec.Argv("id", "-u"), new RunContext(lines.Add, CancellationToken.None));

            Assert.StartsWith("[localhost] sudo -n -- sh -c ", Assert.Single(lines));
            Assert.Equal("0", result.StandardOutput.Trim());
        }

        [Fact]
        public void Elevation_SkippedWithoutElevation()
        {
            CommandRunner runner = NewRunner();
            runner.SetSudo(SudoMode.NoPassword, null);
            var lines = new List<string>();
            runner.Run(CommandSpec.Argv("true").WithoutElevation(), new RunContext(lines.Add, CancellationToken.None));
            Assert.StartsWith("[localhost] sh -c ", Assert.Single(lines));
            Assert.DoesNotContain("sudo", lines[0]);
        }

        [Fact]
        public void Elevation_SkippedForRoot()
        {
            CommandRunner runner = NewRunner();
            using var password = new SecureString();
            foreach (char c in "pw") password.AppendChar(c);
            runner.SetSudo(SudoMode.Password, password);
            runner.SetIsRoot(true);
            var lines = new List<string>();

            // Without sudo nothing is prepended to stdin, so cat returns exactly the input.
            CommandResult result = runner.Run(CommandSpec.Argv("cat").WithInput(new byte[] { 65, 66 }), new RunContext(lines.Add, CancellationToken.None));
            Assert.StartsWith("[localhost] sh -c ", Assert.Single(lines));
            Assert.Equal("AB", result.StandardOutput);
        }

        // ---- helpers ------------------------------------------------------------------------------

        /// <summary>Waits up to 3 s for no process to have exactly this argv (read-only scan of /proc).</summary>
        private static void AssertProcessGone(params string[] argv)
        {
            byte[] wanted = Encoding.UTF8.GetBytes(string.Concat(argv.Select(a => a + "\0")));
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(3);
            List<string> found;
            while (true)
            {
                found = FindProcesses(wanted);
                if (found.Count == 0 || DateTime.UtcNow > deadline) break;
                Thread.Sleep(100);
            }
            Assert.True(found.Count == 0, $"Still running: {string.Join(" ", argv)} as pid(s) {string.Join(", ", found)}");
        }

        private static List<string> FindProcesses(byte[] cmdline)
        {
            var pids = new List<string>();
            foreach (string dir in Directory.EnumerateDirectories("/proc"))
            {
                string pid = Path.GetFileName(dir);
                if (!pid.All(char.IsDigit)) continue;
                try
                {
                    if (File.ReadAllBytes(Path.Combine(dir, "cmdline")).AsSpan().SequenceEqual(cmdline)) pids.Add(pid);
                }
                catch (IOException) { }
                catch (UnauthorizedAccessException) { }
            }
            return pids;
        }
    }
}
