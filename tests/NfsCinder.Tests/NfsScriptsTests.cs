using System;
using System.IO;
using System.Linq;
using NfsCinder.Execution;
using NfsCinder.Nfs;
using NfsCinder.Selinux;
using Xunit;

namespace NfsCinder.Tests
{
    /// <summary>
    /// The NFS, SELinux and identity scripts run for real through the local runner, their output
    /// read by the same parsers the cmdlets use.
    /// </summary>
    public sealed class NfsScriptsTests : IDisposable
    {
        private readonly CommandRunner _runner = new CommandRunner(new LocalTransport("localhost"), TimeSpan.FromSeconds(60));
        private readonly string _dir = Directory.CreateTempSubdirectory("nfscinder-scripts-").FullName;

        public void Dispose() => Directory.Delete(_dir, true);


        [Fact]
        public void ReadExports_StatsEachDirectory_AndLeavesAMissingOneEmpty()
        {
            if (!OperatingSystem.IsLinux()) return;
            string missing = Path.Combine(_dir, "no such dir");
            var state = ExportsState.Parse(_runner.Run(ExportsState.Query(_dir, missing)).StandardOutput);
            Assert.Equal(Environment.MachineName.Length > 0, state.HostName is not null);
            Assert.Equal(new[] { _dir, missing }.OrderBy(d => d), state.Directories.Keys.OrderBy(d => d));
            Assert.NotNull(state.Directories[_dir]);
            Assert.Null(state.Directories[missing]);
            if (File.Exists("/etc/exports"))
                Assert.Equal(File.ReadAllText("/etc/exports"), state.Files["/etc/exports"].Render());
        }

        [Fact]
        public void ReadNfsMounts_ReadsFstabAsItIs()
        {
            if (!OperatingSystem.IsLinux()) return;
            var state = MountState.Parse(_runner.Run(MountState.Query(TimeSpan.FromSeconds(5))).StandardOutput);
            string fstab = File.Exists("/etc/fstab") ? File.ReadAllText("/etc/fstab") : "";
            Assert.Equal(fstab.TrimEnd('\n').Length == 0 ? "" : fstab.TrimEnd('\n') + "\n", state.FstabText);
            int nfsMounts = File.ReadAllLines("/proc/mounts").Count(l => l.Split(' ') is { Length: > 2 } f && (f[2] == "nfs" || f[2] == "nfs4"));
            Assert.Equal(nfsMounts, state.Mounts.Count);
        }

        [Fact]
        public void PrepareAndExport_MakesTheDirectory_ThenSaysNothingChanged()
        {
            if (!OperatingSystem.IsLinux()) return;
            string dir = Path.Combine(_dir, "a b", "$(id)");
            CommandSpec Prepare(string mode) => RemoteScripts.Spec("prepare-and-export", dir, "", "", mode, "1", "0");

            var first = _runner.Run(Prepare("750"));
            Assert.Equal(new[] { "@@dir created", "@@dir changed" }, first.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.True(Directory.Exists(dir));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute,
                File.GetUnixFileMode(dir));

            var second = _runner.Run(Prepare("750"));
            Assert.Equal(new[] { "@@dir exists" }, second.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        [Fact]
        public void ReadSebool_WithoutSelinuxTools_SaysNotInstalled()
        {
            if (!OperatingSystem.IsLinux()) return;
            var (mode, value, persistent) = SeBooleanProbe.Parse(_runner.Run(SeBooleanProbe.Read("virt_use_nfs")).StandardOutput);
            bool tools = Environment.GetEnvironmentVariable("PATH")!.Split(':').Any(p => File.Exists(Path.Combine(p, "getenforce")));
            if (!tools) Assert.Equal((Hosts.SELinuxMode.NotInstalled, (bool?)null, (bool?)null), (mode, value, persistent));
        }

        [Fact]
        public void Identity_PrintsTheUidAndTheSudoState()
        {
            if (!OperatingSystem.IsLinux()) return;
            string[] lines = _runner.Run(RemoteScripts.Spec("identity")).StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(2, lines.Length);
            Assert.True(int.TryParse(lines[0], out _), lines[0]);
            Assert.Contains(lines[1], new[] { "sudo-nopasswd", "sudo-password", "sudo-missing" });
        }
    }
}
