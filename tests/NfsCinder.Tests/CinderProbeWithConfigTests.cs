using System;
using System.IO;
using NfsCinder.Cinder;
using NfsCinder.Execution;
using Xunit;

namespace NfsCinder.Tests
{
    /// <summary>
    /// Test-CinderNfsBackend's one round trip: the host's awk guess of the shares file and
    /// mount base must agree with the C# reading of cinder.conf, or a second probe runs.
    /// The real script runs here through the local runner on real Debian cinder.conf files.
    /// </summary>
    public sealed class CinderProbeWithConfigTests : IDisposable
    {
        private readonly CommandRunner _runner = new CommandRunner(new LocalTransport("localhost"), TimeSpan.FromSeconds(60));
        private readonly string _dir = Directory.CreateTempSubdirectory("nfscinder-probe-").FullName;

        public void Dispose() => Directory.Delete(_dir, true);

        private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "cinder", name));

        private (string? Config, string Shares, string Base) Probe(string confText, string backend)
        {
            string conf = Path.Combine(_dir, "cinder.conf");
            File.WriteAllText(conf, confText);
            string output = _runner.Run(CinderBackendProbe.QueryWithConfig(conf, backend, TimeSpan.FromSeconds(2))).StandardOutput;
            return CinderBackendProbe.ParseConfigPart(output);
        }

        private static (string Shares, string Base) Expected(string confText, string backend)
        {
            var conf = IniDocument.Parse(confText);
            string section = CinderBackendEditor.Locate(conf, backend)!.Value.Section;
            return (conf.Get(section, "nfs_shares_config") ?? CinderFiles.DefaultSharesFile, CinderBackendEditor.MountPointBaseOf(conf, section));
        }

        [Fact]
        public void LabConfig_GuessMatchesTheRealReading_AndTheConfigComesBackExact()
        {
            var conf = IniDocument.Parse(Fixture("debian12-cinder.conf.lab"));
            CinderBackendEditor.Apply(conf, new CinderNfsBackendSpec("nfs", CinderLayout.MultiBackend, "/etc/cinder/nfsshares", new[] { new CinderNfsShare("nfs1:/nfs/cinder") }), _ => { });
            string text = conf.Render();
            var probed = Probe(text, "nfs");
            Assert.Equal(text, probed.Config);
            Assert.Equal(Expected(text, "nfs"), (probed.Shares, probed.Base));
        }

        [Fact]
        public void BackendSectionWithItsOwnPaths_AndStatePath()
        {
            string text = "[DEFAULT]\nstate_path = /var/lib/c2\nenabled_backends = fast\n# nfs_shares_config = /commented\n" +
                "[fast]\nvolume_driver = cinder.volume.drivers.nfs.NfsDriver\nnfs_shares_config=/etc/cinder/fast_shares\nnfs_mount_point_base = $state_path/fastmnt\n";
            var probed = Probe(text, "fast");
            Assert.Equal(("/etc/cinder/fast_shares", "/var/lib/c2/fastmnt"), (probed.Shares, probed.Base));
            Assert.Equal(Expected(text, "fast"), (probed.Shares, probed.Base));
        }

        [Fact]
        public void SeedLayout_DriverInDefault()
        {
            string text = "[DEFAULT]\nvolume_driver = cinder.volume.drivers.nfs.NfsDriver\nnfs_shares_config = /etc/cinder/nfsshares\n";
            var probed = Probe(text, "nfs");
            Assert.Equal(Expected(text, "nfs"), (probed.Shares, probed.Base));
        }

        [Fact]
        public void MissingConfig_SaysAbsent()
        {
            string output = _runner.Run(CinderBackendProbe.QueryWithConfig(Path.Combine(_dir, "none.conf"), "nfs", TimeSpan.FromSeconds(2))).StandardOutput;
            Assert.Null(CinderBackendProbe.ParseConfigPart(output).Config);
        }
    }
}
