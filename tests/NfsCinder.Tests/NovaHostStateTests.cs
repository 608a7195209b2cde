using System;
using System.IO;
using NfsCinder.Execution;
using NfsCinder.Nova;
using Xunit;

namespace NfsCinder.Tests
{
    /// <summary>Scripts/read-nova-host.sh run for real through the local runner, on nova.conf files in a temporary folder.</summary>
    public sealed class NovaHostStateTests : IDisposable
    {
        private readonly CommandRunner _runner = new CommandRunner(new LocalTransport("localhost"), TimeSpan.FromSeconds(30));
        private readonly string _dir = Directory.CreateTempSubdirectory("nfscinder-nova-").FullName;
        private string Conf => Path.Combine(_dir, "nova.conf");

        public void Dispose() => Directory.Delete(_dir, true);

        private NovaHostState Read() => NovaHostState.Parse(_runner.Run(NovaHostState.Query(Conf)).StandardOutput, Conf);

        [Fact]
        public void ReadsTheShippedFile_WithItsOwnerAndMode()
        {
            File.WriteAllText(Conf, NovaConfigurationTests.Shipped());
            var state = Read();
            Assert.Equal(NovaConfigurationTests.Shipped(), state.File!.Text);
            Assert.Equal("root", state.File.Owner);
            Assert.Equal("/var/lib/nova/mnt", state.Config!.MountPointBase);
        }

        [Fact]
        public void AMissingFile_HasNoConfig()
        {
            var state = Read();
            Assert.Null(state.File);
            Assert.Null(state.Config);
        }

        [Fact]
        public void TheHostsNovaPackage_GivesTheDefaultBase()
        {
            // As the script prints it on a host whose python3 finds nova in dist-packages.
            var state = NovaHostState.Parse($"@@NFSCINDER:files@@\n{Conf}\nabsent\n@@NFSCINDER:pybasedir@@\n/usr/lib/python3/dist-packages\n@@NFSCINDER:end@@\n", Conf);
            Assert.Null(state.Config);
            File.WriteAllText(Conf, "[libvirt]\n");
            string output = _runner.Run(NovaHostState.Query(Conf)).StandardOutput.Replace("@@NFSCINDER:pybasedir@@\n", "@@NFSCINDER:pybasedir@@\n/usr/lib/python3/dist-packages\n");
            Assert.Equal("/usr/lib/python3/dist-packages/mnt", NovaHostState.Parse(output, Conf).Config!.MountPointBase);
        }

        [Fact]
        public void ACutAnswer_IsAFormatError() =>
            Assert.Throws<FormatException>(() => NovaHostState.Parse($"@@NFSCINDER:files@@\n{Conf}\nabsent\n", Conf));
    }
}
