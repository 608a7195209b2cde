using System;
using System.IO;
using System.Linq;
using System.Text;
using NfsCinder.Execution;
using NfsCinder.Files;
using Xunit;

namespace NfsCinder.Tests
{
    /// <summary>
    /// Several files and an apply command in one round trip, and several reads in one: the
    /// real scripts through the local runner, counted by the runner.
    /// </summary>
    public sealed class RemoteFileManyTests : IDisposable
    {
        private static readonly DateTime Now = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);

        private readonly CommandRunner _runner = new CommandRunner(new LocalTransport("localhost"), TimeSpan.FromSeconds(30));
        private readonly string _dir = Directory.CreateTempSubdirectory("nfscinder-remotefile-many-").FullName;

        public void Dispose() => Directory.Delete(_dir, true);

        private string PathOf(string name) => Path.Combine(_dir, name);

        private CommandResult Run(CommandSpec spec) => _runner.Run(spec);

        private static FileWriteRequest Request(string path, string content) => new FileWriteRequest(path, Encoding.UTF8.GetBytes(content));

        [Fact]
        public void TwoFilesAndApply_OneCommand_EachFileExact()
        {
            string shares = PathOf("nfs_shares"), conf = PathOf("cinder.conf");
            File.WriteAllText(conf, "[DEFAULT]\n");
            var outcome = RemoteFile.WriteAll(_runner, new[] { Request(shares, "h:/a\n"), Request(conf, "[DEFAULT]\nenabled_backends = nfs\n") },
                CommandSpec.Argv("ls", "--", _dir).For("listing"), Now);

            Assert.Equal(1, _runner.CommandCount);
            Assert.Equal("h:/a\n", File.ReadAllText(shares));
            Assert.Equal("[DEFAULT]\nenabled_backends = nfs\n", File.ReadAllText(conf));
            Assert.True(outcome.Files[0].Changed);
            Assert.Null(outcome.Files[0].BackupPath);
            Assert.Equal(conf + ".20240102T030405Z.bak", outcome.Files[1].BackupPath);
            Assert.Equal(0, outcome.Applied!.ExitCode);
            Assert.Contains("nfs_shares", outcome.Applied.StandardOutput);
            Assert.DoesNotContain(" written", outcome.Applied.StandardOutput);
        }

        [Fact]
        public void SecondRun_ChangesNothing()
        {
            var requests = new[] { Request(PathOf("a"), "one\n"), Request(PathOf("b"), "two\n") };
            RemoteFile.WriteAll(_runner, requests, null, Now);
            var again = RemoteFile.WriteAll(_runner, requests, null, Now);
            Assert.All(again.Files, f => Assert.False(f.Changed));
            Assert.Null(again.Applied);
            Assert.Equal(2, Directory.GetFiles(_dir).Length);
        }

        [Fact]
        public void ApplyExitCodes_ComeBackUnshifted_WhenAccepted()
        {
            var outcome = RemoteFile.WriteAll(_runner, new[] { Request(PathOf("a"), "x") },
                CommandSpec.Argv("sh", "-c", "echo out; echo err >&2; exit 1").Accepting(0, 1).For("failing on purpose"), Now);
            Assert.Equal(1, outcome.Applied!.ExitCode);
            Assert.Equal("out\n", outcome.Applied.StandardOutput);
            Assert.Contains("err", outcome.Applied.StandardError);
        }

        [Fact]
        public void ApplyFailureNotAccepted_Throws_ButTheFileIsWritten()
        {
            string path = PathOf("a");
            Assert.Throws<NfsCinderException>(() => RemoteFile.WriteAll(_runner, new[] { Request(path, "x") },
                CommandSpec.Argv("false"), Now));
            Assert.Equal("x", File.ReadAllText(path));
        }

        [Fact]
        public void MissingDirectory_StopsBeforeLaterFilesAndApply()
        {
            string later = PathOf("later");
            Assert.Throws<NfsCinderException>(() => RemoteFile.WriteAll(_runner,
                new[] { Request(PathOf("no/such/dir/file"), "x"), Request(later, "y") }, CommandSpec.Argv("touch", PathOf("applied")), Now));
            Assert.False(File.Exists(later));
            Assert.False(File.Exists(PathOf("applied")));
        }

        [Fact]
        public void ApplyFirst_FailureLeavesTheFilesAlone()
        {
            string path = PathOf("fstab");
            File.WriteAllText(path, "old\n");
            var error = Assert.Throws<NfsCinderException>(() => RemoteFile.WriteAll(_runner, new[] { Request(path, "new\n") },
                CommandSpec.Argv("sh", "-c", "echo trying; echo 'mount.nfs: access denied by server' >&2; exit 32").For("Mounting h:/a on /mnt/a"), Now, applyFirst: true));
            Assert.Equal("old\n", File.ReadAllText(path));
            Assert.Empty(Directory.GetFiles(_dir, "*.bak"));
            // Reported as the mount's own failure: its purpose, its real exit status, its stderr.
            Assert.Equal("CommandFailed", error.ErrorId);
            Assert.StartsWith("[localhost] Mounting h:/a on /mnt/a failed with exit status 32: mount.nfs: access denied by server", error.Message);
        }

        [Fact]
        public void ApplyProgramMissing_IsCommandNotFound_NamingIt()
        {
            var error = Assert.Throws<NfsCinderException>(() => RemoteFile.WriteAll(_runner, new[] { Request(PathOf("a"), "x") },
                CommandSpec.Argv("nfscinder-no-such-program"), Now));
            Assert.Equal("CommandNotFound", error.ErrorId);
            Assert.Contains("'nfscinder-no-such-program' was not found (exit 127)", error.Message);
        }

        [Fact]
        public void WriteFailure_StillFailsAsTheWrite()
        {
            var error = Assert.Throws<NfsCinderException>(() => RemoteFile.WriteAll(_runner, new[] { Request(PathOf("no/such/dir/file"), "x") },
                CommandSpec.Argv("true").For("applying"), Now));
            Assert.Contains("exit status 3", error.Message);
            Assert.Contains("does not exist", error.Message);
        }

        [Fact]
        public void ApplyFirst_ThenFiles_OutputsKeptApart()
        {
            string path = PathOf("fstab");
            var outcome = RemoteFile.WriteAll(_runner, new[] { Request(path, "new\n") },
                CommandSpec.Script("mount", "echo \"1 unchanged $1\"", "it's \"quoted\" $HOME"), Now, applyFirst: true);
            Assert.Equal("1 unchanged it's \"quoted\" $HOME\n", outcome.Applied!.StandardOutput);
            Assert.True(outcome.Files[0].Changed);
            Assert.Equal("new\n", File.ReadAllText(path));
        }

        [Fact]
        public void ApplyOnly_NoFiles()
        {
            var outcome = RemoteFile.WriteAll(_runner, new FileWriteRequest[0], CommandSpec.Argv("echo", "hi"), Now);
            Assert.Empty(outcome.Files);
            Assert.Equal("hi\n", outcome.Applied!.StandardOutput);
        }

        [Fact]
        public void BinaryAndEmptyContents_SurviveBackToBack()
        {
            var binary = Enumerable.Range(0, 256).Select(i => (byte)i).Concat(Encoding.UTF8.GetBytes("\n\n")).ToArray();
            var requests = new[] { new FileWriteRequest(PathOf("bin"), binary), new FileWriteRequest(PathOf("empty"), new byte[0]), Request(PathOf("text"), "tail\n") };
            RemoteFile.WriteAll(_runner, requests, null, Now);
            Assert.Equal(binary, File.ReadAllBytes(PathOf("bin")));
            Assert.Empty(File.ReadAllBytes(PathOf("empty")));
            Assert.Equal("tail\n", File.ReadAllText(PathOf("text")));
        }

        [Fact]
        public void ReadAll_FollowsTheFilesAConfigNames_InOneCommand()
        {
            string conf = PathOf("cinder.conf"), shares = PathOf("nfs_shares"), other = PathOf("other_shares");
            File.WriteAllText(conf, $"[DEFAULT]\n#nfs_shares_config = /commented/out\n[nfs]\nnfs_shares_config = {shares}\n[nfs2]\nnfs_shares_config={other} # trailing\n");
            File.WriteAllText(shares, "h:/a\n");
            var files = RemoteFile.ReadAll(_runner, new[] { conf, PathOf("absent") }, referencedBy: "nfs_shares_config");

            Assert.Equal(1, _runner.CommandCount);
            Assert.Equal(File.ReadAllBytes(conf), files[conf]!.Content);
            Assert.Equal("root", files[conf]!.Owner);
            Assert.Null(files[PathOf("absent")]);
            Assert.Equal("h:/a\n", files[shares]!.Text);
            Assert.True(files.ContainsKey(other));
            Assert.Null(files[other]);
            Assert.False(files.ContainsKey("/commented/out"));
        }

        [Fact]
        public void ReadAll_FollowsAFileNamedWithAColonOrInQuotes()
        {
            string conf = PathOf("cinder.conf"), gold = PathOf("gold"), silver = PathOf("silver");
            File.WriteAllText(conf, $"[gold]\nnfs_shares_config:{gold}\n[silver]\nnfs_shares_config = '{silver}'\n");
            File.WriteAllText(gold, "h:/g\n");
            File.WriteAllText(silver, "h:/s\n");
            var files = RemoteFile.ReadAll(_runner, new[] { conf }, referencedBy: "nfs_shares_config");
            Assert.Equal(1, _runner.CommandCount);
            Assert.Equal("h:/g\n", files[gold]!.Text);
            Assert.Equal("h:/s\n", files[silver]!.Text);
        }

        [Fact]
        public void ReadAll_KeepsBytesWithoutTrailingNewline()
        {
            File.WriteAllBytes(PathOf("raw"), new byte[] { 1, 2, 10, 10, 3 });
            Assert.Equal(new byte[] { 1, 2, 10, 10, 3 }, RemoteFile.ReadAll(_runner, new[] { PathOf("raw") })[PathOf("raw")]!.Content);
        }

        [Fact]
        public void ReadAll_RefusesAKeyThatIsNotAnOptionName()
        {
            Assert.Throws<ArgumentException>(() => RemoteFile.ReadAll(_runner, new[] { PathOf("x") }, referencedBy: "a/b"));
        }
    }
}
