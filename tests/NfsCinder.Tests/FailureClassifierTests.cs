using System;
using System.IO;
using System.Text;
using NfsCinder.Execution;
using Xunit;

namespace NfsCinder.Tests
{
    /// <summary>
    /// Classification of failed commands. The sudo texts under Fixtures/sudo were captured from
    /// real sudo 1.9.13p3 (see Fixtures/sudo/README.md for the exact commands).
    /// </summary>
    public class FailureClassifierTests
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
        private static readonly TimeSpan Quick = TimeSpan.FromMilliseconds(200);

        private static byte[] SudoFixture(string name) =>
            File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "sudo", name));

        private static RawExecution Raw(int? exit, string stderr, bool timedOut = false, string? signal = null) =>
            new RawExecution(exit, signal, Array.Empty<byte>(), Encoding.UTF8.GetBytes(stderr), timedOut);

        private static NfsCinderException Classify(RawExecution raw, bool sudoUsed = false, bool isRoot = false,
            TimeSpan? elapsed = null, CommandSpec? spec = null) =>
            FailureClassifier.Classify("host1", spec ?? CommandSpec.Argv("exportfs", "-ra"), raw, Timeout, elapsed ?? Quick, sudoUsed, isRoot);

        // ---- sudo, real texts ---------------------------------------------------------------------

        [Theory]
        [InlineData("password-required-noninteractive.txt", "SudoPasswordRequired", "AuthenticationError")]
        [InlineData("password-required-no-tty.txt", "SudoPasswordRequired", "AuthenticationError")]
        [InlineData("password-required-empty-stdin.txt", "SudoPasswordRequired", "AuthenticationError")]
        [InlineData("password-rejected-one-attempt.txt", "SudoPasswordRejected", "AuthenticationError")]
        [InlineData("password-rejected-three-attempts.txt", "SudoPasswordRejected", "AuthenticationError")]
        [InlineData("requiretty.txt", "SudoRequiresTty", "SecurityError")]
        [InlineData("not-in-sudoers.txt", "SudoNotPermitted", "PermissionDenied")]
        [InlineData("not-allowed-to-execute.txt", "SudoNotPermitted", "PermissionDenied")]
        [InlineData("may-not-run-sudo.txt", "SudoNotPermitted", "PermissionDenied")]
        public void RealSudoStderr_IsClassified(string fixture, string errorId, string category)
        {
            var raw = new RawExecution(1, null, Array.Empty<byte>(), SudoFixture(fixture), false);
            NfsCinderException ex = Classify(raw, sudoUsed: true);

            Assert.Equal(errorId, ex.ErrorId);
            Assert.Equal(category, ex.Category.ToString());
            Assert.Equal("host1", ex.ComputerName);
            Assert.StartsWith("[host1] ", ex.Message);
            Assert.False(string.IsNullOrEmpty(ex.Remedy));
        }

        [Theory]
        [InlineData("sudo: a password is required\n", "SudoPasswordRequired")]
        [InlineData("sudo: 1 incorrect password attempt\n", "SudoPasswordRejected")]
        [InlineData("Sorry, try again.\n", "SudoPasswordRejected")]
        [InlineData("sorry, you must have a tty to run sudo\n", "SudoRequiresTty")]
        [InlineData("nobody is not in the sudoers file.\n", "SudoNotPermitted")]
        [InlineData("nobody is not in the sudoers file.  This incident will be reported.\n", "SudoNotPermitted")]
        [InlineData("user nobody is not allowed to execute '/bin/true' as root on host.\n", "SudoNotPermitted")]
        public void KnownSudoTexts_AreClassified(string stderr, string errorId)
        {
            Assert.Equal(errorId, Classify(Raw(1, stderr), sudoUsed: true).ErrorId);
        }

        [Fact]
        public void SudoTexts_WithoutSudo_AreOrdinaryFailures()
        {
            var raw = new RawExecution(1, null, Array.Empty<byte>(), SudoFixture("password-required-noninteractive.txt"), false);
            NfsCinderException ex = Classify(raw, sudoUsed: false);
            Assert.Equal("CommandFailed", ex.ErrorId);
            Assert.Contains("sudo: a password is required", ex.Message);
        }

        [Fact]
        public void SudoMissing_RealDashText_IsSudoNotInstalled()
        {
            var raw = new RawExecution(127, null, Array.Empty<byte>(), SudoFixture("sudo-not-found-dash.txt"), false);
            NfsCinderException ex = Classify(raw, sudoUsed: true);
            Assert.Equal("SudoNotInstalled", ex.ErrorId);
            Assert.Equal(FailureCategory.NotInstalled, ex.Category);
        }

        [Fact]
        public void SudoMissing_BashText_IsSudoNotInstalled()
        {
            Assert.Equal("SudoNotInstalled", Classify(Raw(127, "bash: line 1: sudo: command not found\n"), sudoUsed: true).ErrorId);
        }

        [Fact]
        public void CommandMissingUnderSudo_IsCommandNotFound()
        {
            NfsCinderException ex = Classify(Raw(127, "env: 'exportfs': No such file or directory\n"), sudoUsed: true);
            Assert.Equal("CommandNotFound", ex.ErrorId);
            Assert.Equal(FailureCategory.ObjectNotFound, ex.Category);
            Assert.Contains("'exportfs' was not found (exit 127). env: 'exportfs': No such file or directory", ex.Message);
        }

        // ---- exit statuses ------------------------------------------------------------------------

        [Fact]
        public void Exit126_IsCommandNotExecutable()
        {
            NfsCinderException ex = Classify(Raw(126, "env: '/opt/x': Permission denied\n"));
            Assert.Equal("CommandNotExecutable", ex.ErrorId);
            Assert.Equal(FailureCategory.PermissionDenied, ex.Category);
            Assert.Contains("exit 126", ex.Message);
        }

        [Fact]
        public void Exit126_FromRealRunner_IsCommandNotExecutable()
        {
            string file = Path.Combine(Path.GetTempPath(), "nfscinder-noexec-" + Guid.NewGuid().ToString("N"));
            File.WriteAllText(file, "#!/bin/sh\necho hi\n");
            try
            {
                var runner = new CommandRunner(new LocalTransport("localhost"), TimeSpan.FromSeconds(30));
                runner.Run(CommandSpec.Argv("chmod", "0600", "--", file));
                var ex = Assert.Throws<NfsCinderException>(() => runner.Run(CommandSpec.Argv(file)));
                Assert.Equal("CommandNotExecutable", ex.ErrorId);
                Assert.Equal(FailureCategory.PermissionDenied, ex.Category);
            }
            finally
            {
                File.Delete(file);
            }
        }

        [Theory]
        [InlineData(124)]
        [InlineData(137)]
        public void TimeoutExit_AfterTheTimeout_IsCommandTimedOut(int exit)
        {
            NfsCinderException ex = Classify(Raw(exit, ""), elapsed: Timeout + TimeSpan.FromMilliseconds(20));
            Assert.Equal("CommandTimedOut", ex.ErrorId);
            Assert.Equal(FailureCategory.OperationTimeout, ex.Category);
            Assert.Contains("did not finish within 30 s", ex.Message);
        }

        [Fact]
        public void TimeoutExit_SlightlyBeforeTheTimeout_IsCommandTimedOut()
        {
            // Timing on either side of the host may differ a little from the runner's stopwatch.
            Assert.Equal("CommandTimedOut", Classify(Raw(124, ""), elapsed: Timeout - TimeSpan.FromMilliseconds(300)).ErrorId);
        }

        [Theory]
        [InlineData(124)]
        [InlineData(137)]
        public void TimeoutExit_Quickly_IsCommandFailed(int exit)
        {
            NfsCinderException ex = Classify(Raw(exit, ""), elapsed: Quick);
            Assert.Equal("CommandFailed", ex.ErrorId);
            Assert.Contains($"exit status {exit}.", ex.Message);
        }

        [Fact]
        public void Exit124_Quickly_FromRealRunner_IsCommandFailed()
        {
            var runner = new CommandRunner(new LocalTransport("localhost"), TimeSpan.FromSeconds(30));
            var ex = Assert.Throws<NfsCinderException>(() => runner.Run(CommandSpec.Argv("sh", "-c", "exit 124")));
            Assert.Equal("CommandFailed", ex.ErrorId);
        }

        [Fact]
        public void TransportTimeout_IsCommandTimedOut()
        {
            Assert.Equal("CommandTimedOut", Classify(Raw(null, "", timedOut: true), elapsed: Quick).ErrorId);
        }

        [Fact]
        public void NoExitStatus_IsCommandKilled()
        {
            NfsCinderException ex = Classify(Raw(null, "", signal: "KILL"));
            Assert.Equal("CommandKilled", ex.ErrorId);
            Assert.Equal(FailureCategory.OperationStopped, ex.Category);
            Assert.Contains("(signal KILL)", ex.Message);
        }

        // ---- permission texts ---------------------------------------------------------------------

        [Theory]
        [InlineData("cat: /etc/shadow: Permission denied")]
        [InlineData("exportfs: could not open /var/lib/nfs/.etab.lock for locking: errno 13 (Permission denied)")]
        [InlineData("chown: changing ownership of '/etc/exports': Operation not permitted")]
        [InlineData("mount: /mnt: must be superuser to use mount.")]
        public void PermissionText_AsNonRoot_IsPermissionDenied(string stderr)
        {
            NfsCinderException ex = Classify(Raw(1, stderr + "\n"));
            Assert.Equal("PermissionDenied", ex.ErrorId);
            Assert.Equal(FailureCategory.PermissionDenied, ex.Category);
            Assert.Contains(stderr, ex.Message);
        }

        [Fact]
        public void PermissionText_AsRoot_IsCommandFailed()
        {
            Assert.Equal("CommandFailed", Classify(Raw(1, "cat: /etc/shadow: Permission denied\n"), isRoot: true).ErrorId);
        }

        [Fact]
        public void PermissionText_UnderSudo_IsCommandFailed()
        {
            Assert.Equal("CommandFailed", Classify(Raw(1, "touch: cannot touch '/x': Permission denied\n"), sudoUsed: true).ErrorId);
        }

        // ---- message contents ---------------------------------------------------------------------

        [Fact]
        public void Message_UsesPurpose_AndFirstFiveLines()
        {
            var spec = CommandSpec.Argv("exportfs", "-ra").For("Reloading exports");
            NfsCinderException ex = Classify(Raw(2, "l1\r\n\n l2\nl3\nl4\nl5\nl6\n"), spec: spec);
            Assert.Contains("Reloading exports failed with exit status 2: l1 |  l2 | l3 | l4 | l5", ex.Message);
            Assert.DoesNotContain("l6", ex.Message);
        }

        [Fact]
        public void Message_WithoutStderr_EndsWithStatus()
        {
            NfsCinderException ex = Classify(Raw(3, ""));
            Assert.Contains("Command 'exportfs' failed with exit status 3.", ex.Message);
        }

        [Fact]
        public void Message_RedactsSecrets()
        {
            var spec = CommandSpec.Argv("tool", "--password", "hunter2").WithSecrets("hunter2");
            NfsCinderException ex = Classify(Raw(1, "tool: bad password 'hunter2'\n"), spec: spec);
            Assert.DoesNotContain("hunter2", ex.Message);
            Assert.Contains("bad password '***'", ex.Message);
        }
    }
}
