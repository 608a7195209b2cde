using System;
using System.IO;
using System.Linq;
using NfsCinder.Cinder;
using NfsCinder.Execution;
using Xunit;

namespace NfsCinder.Tests
{
    /// <summary>
    /// Scripts/probe-cinder-backend.sh run for real through the local runner on cinder.conf files
    /// in a temporary folder: it returns the files as they are and checks every share candidate;
    /// their meaning is C#'s to decide.
    /// </summary>
    public sealed class CinderProbeScriptTests : IDisposable
    {
        private readonly CommandRunner _runner = new CommandRunner(new LocalTransport("localhost"), TimeSpan.FromSeconds(60));
        private readonly string _dir = Directory.CreateTempSubdirectory("nfscinder-probe-").FullName;

        public void Dispose() => Directory.Delete(_dir, true);

        private CinderBackendProbe Run(string conf, params string[] extraShares)
        {
            string path = Path.Combine(_dir, "cinder.conf");
            File.WriteAllText(path, conf);
            // The probe as Test-CinderNfsBackend sends it, with this folder's shares file besides Cinder's default.
            var spec = CinderBackendProbe.Query(path, TimeSpan.FromSeconds(6), new[] { Path.Combine(_dir, "nfs_shares") }, extraShares);
            return CinderBackendProbe.Parse(_runner.Run(spec).StandardOutput);
        }

        [Fact]
        public void ReturnsTheConfigAndEveryFileItNames_AndChecksEachServerOnce()
        {
            File.WriteAllText(Path.Combine(_dir, "gold"), "# gold\n127.0.0.1:/srv/a -o vers=4.1\n127.0.0.1:/srv/b\n");
            File.WriteAllText(Path.Combine(_dir, "silver"), "localhost:/srv/c\n");
            string conf = $"[DEFAULT]\nenabled_backends = gold,silver\n[gold]\nnfs_shares_config = {_dir}/gold\n[silver]\nnfs_shares_config={_dir}/silver\n";
            var probe = Run(conf);
            Assert.Equal(conf, probe.TextOf(Path.Combine(_dir, "cinder.conf")));
            Assert.Contains("127.0.0.1:/srv/b", probe.TextOf(Path.Combine(_dir, "gold")));
            Assert.True(probe.Files.ContainsKey(Path.Combine(_dir, "nfs_shares")));
            Assert.Null(probe.Files[Path.Combine(_dir, "nfs_shares")]);
            Assert.Equal(new[] { "127.0.0.1", "localhost" }, probe.Checks.Where(c => c.Kind == "showmount").Select(c => c.Target).OrderBy(t => t));
            Assert.True(probe.CheckSeconds >= 2 && probe.CheckSeconds <= 6);
        }

        [Fact]
        public void AFileNamedWithOslosOtherSeparatorOrInQuotes_IsReadInTheSameTrip()
        {
            File.WriteAllText(Path.Combine(_dir, "gold"), "127.0.0.1:/srv/a\n");
            File.WriteAllText(Path.Combine(_dir, "silver"), "localhost:/srv/c\n");
            // oslo.config takes ':' for '=' and strips one pair of outer quotes (Cinder/IniDocument).
            var probe = Run($"[gold]\nnfs_shares_config: {_dir}/gold\n[silver]\nnfs_shares_config = \"{_dir}/silver\"\n");
            Assert.Equal("127.0.0.1:/srv/a\n", probe.TextOf(Path.Combine(_dir, "gold")));
            Assert.Equal("localhost:/srv/c\n", probe.TextOf(Path.Combine(_dir, "silver")));
            Assert.Equal(new[] { "127.0.0.1", "localhost" }, probe.Checks.Where(c => c.Kind == "showmount").Select(c => c.Target).OrderBy(t => t));
        }

        [Fact]
        public void AShareNoFileNames_IsCheckedWhenGiven()
        {
            var probe = Run("[DEFAULT]\n[nas]\nnas_host = [::1]\nnas_share_path = /srv/x\n", "[::1]:/srv/x");
            Assert.NotNull(probe.Check("showmount", "::1"));
        }

        [Fact]
        public void AMissingConfig_IsAbsent()
        {
            var spec = CinderBackendProbe.Query(Path.Combine(_dir, "none.conf"), TimeSpan.FromSeconds(4), new[] { Path.Combine(_dir, "nfs_shares") });
            var probe = CinderBackendProbe.Parse(_runner.Run(spec).StandardOutput);
            Assert.Null(probe.TextOf(Path.Combine(_dir, "none.conf")));
            Assert.Empty(probe.Checks);
        }
    }
}
