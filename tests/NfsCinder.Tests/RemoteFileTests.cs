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
    /// RemoteFile's write and read scripts run for real (as root) through the local runner
    /// in a private temporary directory.
    /// </summary>
    public sealed class RemoteFileTests : IDisposable
    {
        private static readonly DateTime Now = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        private const string Stamp = "20240102T030405Z";

        private readonly CommandRunner _runner = new CommandRunner(new LocalTransport("localhost"), TimeSpan.FromSeconds(30));
        private readonly string _dir;

        public RemoteFileTests()
        {
            _dir = Directory.CreateTempSubdirectory("nfscinder-remotefile-").FullName;
        }

        public void Dispose() => Directory.Delete(_dir, true);

        private string PathOf(string name) => Path.Combine(_dir, name);

        private FileWriteResult Write(FileWriteRequest request, DateTime? now = null) => RemoteFile.Write(_runner, request, now ?? Now);

        private FileWriteResult Write(string path, string content) => Write(new FileWriteRequest(path, Encoding.UTF8.GetBytes(content)));

        /// <summary>"owner:group mode" as stat prints them.</summary>
        private string Meta(string path) => _runner.Run(CommandSpec.Argv("stat", "-c", "%U:%G %a", "--", path)).StandardOutput.Trim();

        /// <summary>Inode, mtime and ctime with nanoseconds.</summary>
        private string Identity(string path) => _runner.Run(CommandSpec.Argv("stat", "-c", "%i %y %z", "--", path)).StandardOutput.Trim();

        private void Existing(string path, string content, string owner, string mode)
        {
            File.WriteAllText(path, content);
            _runner.Run(CommandSpec.Argv("chown", owner, "--", path));
            _runner.Run(CommandSpec.Argv("chmod", mode, "--", path));
        }

        private string[] Backups() => Directory.GetFiles(_dir, "*.bak").Select(f => Path.GetFileName(f)).ToArray();

        private void AssertNoTempFiles() => Assert.Empty(Directory.GetFiles(_dir, ".nfscinder.*"));

        // ---- new files ----------------------------------------------------------------------------

        [Fact]
        public void NewFile_GetsRootRoot0644()
        {
            string path = PathOf("exports");
            FileWriteResult result = Write(path, "/srv 10.0.0.0/24(rw)\n");

            Assert.True(result.Changed);
            Assert.True(result.ContentChanged);
            Assert.Null(result.BackupPath);
            Assert.Equal(path, result.Path);
            Assert.Equal("localhost", result.ComputerName);
            Assert.Equal("/srv 10.0.0.0/24(rw)\n", File.ReadAllText(path));
            Assert.Equal("root:root 644", Meta(path));
            Assert.Empty(Backups());
            AssertNoTempFiles();
        }

        [Fact]
        public void NewFile_GetsRequestedOwnerGroupMode()
        {
            string path = PathOf("cinder.conf");
            Write(new FileWriteRequest(path, new byte[] { 1, 2 }).WithOwner("nobody", "nogroup").WithMode("0640"));
            Assert.Equal("nobody:nogroup 640", Meta(path));
            AssertNoTempFiles();
        }

        // ---- replacing ----------------------------------------------------------------------------

        [Fact]
        public void Replace_KeepsOwnerAndMode_AndBacksUpOldContent()
        {
            string path = PathOf("exports");
            Existing(path, "old\n", "nobody:nogroup", "0600");

            FileWriteResult result = Write(path, "new\n");

            Assert.True(result.Changed);
            Assert.True(result.ContentChanged);
            string backup = path + "." + Stamp + ".bak";
            Assert.Equal(backup, result.BackupPath);
            Assert.Equal("new\n", File.ReadAllText(path));
            Assert.Equal("nobody:nogroup 600", Meta(path));
            Assert.Equal("old\n", File.ReadAllText(backup));
            Assert.Equal("nobody:nogroup 600", Meta(backup));
            Assert.Equal(new[] { "exports." + Stamp + ".bak" }, Backups());
            AssertNoTempFiles();
        }

        [Fact]
        public void Replace_WithRequestedMetadata_AppliesIt()
        {
            string path = PathOf("exports");
            Existing(path, "old\n", "nobody:nogroup", "0600");
            Write(new FileWriteRequest(path, Encoding.UTF8.GetBytes("new\n")).WithOwner("root", null).WithMode("644"));
            Assert.Equal("root:nogroup 644", Meta(path));
        }

        [Fact]
        public void Replace_WithoutBackup_MakesNoBackup()
        {
            string path = PathOf("exports");
            Existing(path, "old\n", "root:root", "0644");
            FileWriteResult result = Write(new FileWriteRequest(path, Encoding.UTF8.GetBytes("new\n")).WithBackup(false));

            Assert.True(result.ContentChanged);
            Assert.Null(result.BackupPath);
            Assert.Empty(Backups());
            Assert.Equal("new\n", File.ReadAllText(path));
            AssertNoTempFiles();
        }

        [Fact]
        public void SameContent_ChangesNothing()
        {
            string path = PathOf("exports");
            Existing(path, "same\n", "nobody:nogroup", "0600");
            string before = Identity(path);

            FileWriteResult result = Write(path, "same\n");

            Assert.False(result.Changed);
            Assert.False(result.ContentChanged);
            Assert.Null(result.BackupPath);
            Assert.Equal(before, Identity(path));
            Assert.Equal("nobody:nogroup 600", Meta(path));
            Assert.Empty(Backups());
            AssertNoTempFiles();
        }

        [Fact]
        public void SecondIdenticalWrite_IsUnchanged_AndMakesNoNewBackup()
        {
            string path = PathOf("exports");
            Existing(path, "v1\n", "root:root", "0644");
            Assert.True(Write(path, "v2\n").ContentChanged);
            string before = Identity(path);

            FileWriteResult again = Write(new FileWriteRequest(path, Encoding.UTF8.GetBytes("v2\n")), Now.AddMinutes(1));

            Assert.False(again.Changed);
            Assert.Equal(before, Identity(path));
            Assert.Single(Backups());
        }

        [Fact]
        public void SameContent_DifferentMode_ChangesMetadataOnly()
        {
            string path = PathOf("exports");
            Existing(path, "same\n", "root:root", "0644");
            string inode = Identity(path).Split(' ')[0];

            FileWriteResult result = Write(new FileWriteRequest(path, Encoding.UTF8.GetBytes("same\n")).WithMode("0600"));

            Assert.True(result.Changed);
            Assert.False(result.ContentChanged);
            Assert.Null(result.BackupPath);
            Assert.Equal("root:root 600", Meta(path));
            Assert.Equal(inode, Identity(path).Split(' ')[0]);
            Assert.Empty(Backups());
            AssertNoTempFiles();
        }

        [Theory]
        [InlineData("65534", "65534")]
        [InlineData("nobody", "nogroup")]
        [InlineData("nobody", null)]
        [InlineData(null, "65534")]
        public void RequestedOwner_ByNameOrId_IsIdempotent(string? owner, string? group)
        {
            string path = PathOf("exports");
            var first = Write(new FileWriteRequest(path, Encoding.UTF8.GetBytes("x\n")).WithOwner(owner, group).WithMode("0640"));
            Assert.True(first.Changed);
            Assert.Equal($"{(owner is null ? "root" : "nobody")}:{(group is null ? "root" : "nogroup")} 640", Meta(path));
            string before = Identity(path);

            var second = Write(new FileWriteRequest(path, Encoding.UTF8.GetBytes("x\n")).WithOwner(owner, group).WithMode("0640"));

            Assert.False(second.Changed);
            Assert.Equal(before, Identity(path));
        }

        [Theory]
        [InlineData("0000", "0")]
        [InlineData("0040", "40")]
        [InlineData("00644", "644")]
        [InlineData("4755", "4755")]
        public void RequestedMode_WithLeadingZeros_IsIdempotent(string mode, string statMode)
        {
            string path = PathOf("exports");
            Assert.True(Write(new FileWriteRequest(path, new byte[] { 7 }).WithMode(mode)).Changed);
            Assert.Equal("root:root " + statMode, Meta(path));

            Assert.False(Write(new FileWriteRequest(path, new byte[] { 7 }).WithMode(mode)).Changed);
        }

        // ---- symlinks -----------------------------------------------------------------------------

        [Fact]
        public void Symlink_IsFollowed_AndStaysALink()
        {
            string target = PathOf("real-exports");
            string link = PathOf("exports");
            Existing(target, "old\n", "nobody:nogroup", "0640");
            File.CreateSymbolicLink(link, "real-exports");

            FileWriteResult result = Write(link, "new\n");

            Assert.True(result.ContentChanged);
            Assert.Equal(target, result.Path);
            Assert.Equal("real-exports", new FileInfo(link).LinkTarget);
            Assert.Equal("new\n", File.ReadAllText(target));
            Assert.Equal("nobody:nogroup 640", Meta(target));
            Assert.Equal(target + "." + Stamp + ".bak", result.BackupPath);
            Assert.Equal("old\n", File.ReadAllText(result.BackupPath!));
            AssertNoTempFiles();
        }

        [Fact]
        public void Symlink_UnchangedResult_ReportsTheResolvedTarget()
        {
            string target = PathOf("real-exports");
            string link = PathOf("exports");
            Existing(target, "same\n", "root:root", "0644");
            File.CreateSymbolicLink(link, "real-exports");

            FileWriteResult result = Write(link, "same\n");

            Assert.False(result.Changed);
            Assert.Equal(target, result.Path);
        }

        [Fact]
        public void TwoChangesInTheSameSecond_KeepBothBackups()
        {
            string path = PathOf("exports");
            Existing(path, "v1\n", "root:root", "0644");

            FileWriteResult first = Write(path, "v2\n");
            FileWriteResult second = Write(path, "v3\n");

            Assert.NotEqual(first.BackupPath, second.BackupPath);
            Assert.Equal("v1\n", File.ReadAllText(first.BackupPath!));
            Assert.Equal("v2\n", File.ReadAllText(second.BackupPath!));
            Assert.Equal(path + "." + Stamp + ".1.bak", second.BackupPath);
        }

        // ---- failures -----------------------------------------------------------------------------

        [Fact]
        public void MissingDirectory_ThrowsCommandFailed_NamingIt()
        {
            string missing = PathOf("no-such-dir");
            var ex = Assert.Throws<NfsCinderException>(() => Write(Path.Combine(missing, "exports"), "x\n"));

            Assert.Equal("CommandFailed", ex.ErrorId);
            Assert.Contains(missing, ex.Message);
            Assert.Contains("does not exist", ex.Message);
            Assert.False(Directory.Exists(missing));
        }

        [Fact]
        public void UnknownOwner_Fails_AndLeavesNoTempFile()
        {
            string path = PathOf("exports");
            var ex = Assert.Throws<NfsCinderException>(() =>
                Write(new FileWriteRequest(path, new byte[] { 1 }).WithOwner("nfscinder-nosuchuser", null)));

            Assert.Equal("CommandFailed", ex.ErrorId);
            Assert.Contains("nfscinder-nosuchuser", ex.Message);
            Assert.False(File.Exists(path));
            AssertNoTempFiles();
        }

        [Fact]
        public void UnknownOwner_OnExistingFile_LeavesItAlone()
        {
            string path = PathOf("exports");
            Existing(path, "old\n", "nobody:nogroup", "0600");
            string before = Identity(path);

            Assert.Throws<NfsCinderException>(() =>
                Write(new FileWriteRequest(path, new byte[] { 1 }).WithOwner(null, "nfscinder-nosuchgroup").WithBackup(false)));

            Assert.Equal("old\n", File.ReadAllText(path));
            Assert.Equal(before, Identity(path));
            AssertNoTempFiles();
        }

        [Fact]
        public void Timeout_LeavesNoTempFile()
        {
            // Opening a FIFO that has no writer blocks cmp, so the script hangs until timeout(1) stops it.
            string path = PathOf("fifo");
            _runner.Run(CommandSpec.Argv("mkfifo", "--", path));
            var run = new OneSecondHost(_runner);

            var ex = Assert.Throws<NfsCinderException>(() =>
                RemoteFile.Write(run, new FileWriteRequest(path, new byte[] { 1 }), Now));

            Assert.Equal("CommandTimedOut", ex.ErrorId);
            AssertNoTempFiles();
        }

        // ---- reading ------------------------------------------------------------------------------

        [Fact]
        public void BinaryContent_RoundTrips()
        {
            string path = PathOf("blob");
            byte[] content = { 0, 1, 0xFF, 0xFE, 0xC3, 0x28, (byte)'\n', 0, 0xED, 0xA0, 0x80, (byte)'p', (byte)'r', (byte)'e', (byte)'s', (byte)'e', (byte)'n', (byte)'t', (byte)'\n', 0 };

            Assert.True(Write(new FileWriteRequest(path, content)).ContentChanged);

            Assert.Equal(content, File.ReadAllBytes(path));
            Assert.Equal(content, RemoteFile.Read(_runner, path));
            Assert.False(Write(new FileWriteRequest(path, content)).Changed);
        }

        [Fact]
        public void Read_MissingFile_IsNull()
        {
            Assert.Null(RemoteFile.Read(_runner, PathOf("absent")));
        }

        [Fact]
        public void Read_EmptyFile_IsEmptyArray()
        {
            string path = PathOf("empty");
            File.WriteAllBytes(path, Array.Empty<byte>());
            byte[]? content = RemoteFile.Read(_runner, path);
            Assert.NotNull(content);
            Assert.Empty(content);
        }

        [Fact]
        public void EmptyContent_CanBeWritten()
        {
            string path = PathOf("empty");
            Existing(path, "something\n", "root:root", "0644");
            Assert.True(Write(new FileWriteRequest(path, Array.Empty<byte>()).WithBackup(false)).ContentChanged);
            Assert.Empty(RemoteFile.Read(_runner, path)!);
        }

        [Fact]
        public void Read_HostilePath()
        {
            string path = PathOf("a b;$(id)'`x`");
            File.WriteAllText(path, "ok");
            Assert.Equal("ok", Encoding.UTF8.GetString(RemoteFile.Read(_runner, path)!));
            Assert.True(Write(path, "changed").ContentChanged);
            Assert.Equal("changed", File.ReadAllText(path));
            AssertNoTempFiles();
        }

        // ---- request validation -------------------------------------------------------------------

        [Theory]
        [InlineData("")]
        [InlineData("etc/exports")]
        [InlineData("./exports")]
        [InlineData("/etc/")]
        [InlineData("/etc/exp\norts")]
        public void Request_RejectsBadPaths(string path)
        {
            Assert.Throws<ArgumentException>(() => new FileWriteRequest(path, new byte[] { 1 }));
        }

        [Theory]
        [InlineData("999")]
        [InlineData("rw")]
        [InlineData("u+x")]
        [InlineData("64")]
        [InlineData("1777 ")]
        [InlineData("07777x")]
        public void Request_RejectsBadModes(string mode)
        {
            Assert.Throws<ArgumentException>(() => new FileWriteRequest("/etc/exports", new byte[] { 1 }).WithMode(mode));
        }

        [Theory]
        [InlineData("a;b")]
        [InlineData("$(id)")]
        [InlineData("-root")]
        [InlineData("root:root")]
        [InlineData("a b")]
        [InlineData("")]
        public void Request_RejectsBadNames_BeforeAnythingRuns(string name)
        {
            long count = _runner.CommandCount;
            Assert.Throws<ArgumentException>(() => new FileWriteRequest("/etc/exports", new byte[] { 1 }).WithOwner(name, null));
            Assert.Throws<ArgumentException>(() => new FileWriteRequest("/etc/exports", new byte[] { 1 }).WithOwner(null, name));
            Assert.Equal(count, _runner.CommandCount);
        }

        [Theory]
        [InlineData("0640", "640")]
        [InlineData("640", "640")]
        [InlineData("2775", "2775")]
        [InlineData("0000", "0")]
        [InlineData("00644", "644")]
        public void Request_NormalizesModes(string mode, string expected)
        {
            Assert.Equal(expected, new FileWriteRequest("/etc/exports", new byte[] { 1 }).WithMode(mode).Mode);
        }

        // The runner, every command bounded by one second.
        private sealed class OneSecondHost : ICommandHost
        {
            private readonly CommandRunner _runner;
            internal OneSecondHost(CommandRunner runner) => _runner = runner;
            public string DisplayName => _runner.DisplayName;
            public CommandResult Run(CommandSpec spec) => _runner.Run(spec.WithTimeout(TimeSpan.FromSeconds(1)));
            public System.Threading.CancellationToken Cancellation => System.Threading.CancellationToken.None;
        }
    }
}
