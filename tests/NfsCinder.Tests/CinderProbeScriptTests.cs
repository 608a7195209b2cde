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
            var spec = RemoteScripts.Spec("probe-cinder-backend", new[] { path, Path.Combine(_dir, "nfs_shares"), "6", CinderVolumeLog.RelevantLines }.Concat(extraShares).ToArray());
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
        public void AShareNoFileNames_IsCheckedWhenGiven()
        {
            var probe = Run("[DEFAULT]\n[nas]\nnas_host = [::1]\nnas_share_path = /srv/x\n", "[::1]:/srv/x");
            Assert.NotNull(probe.Check("showmount", "::1"));
        }

        [Fact]
        public void AMissingConfig_IsAbsent()
        {
            var spec = RemoteScripts.Spec("probe-cinder-backend", Path.Combine(_dir, "none.conf"), Path.Combine(_dir, "nfs_shares"), "4", CinderVolumeLog.RelevantLines);
            var probe = CinderBackendProbe.Parse(_runner.Run(spec).StandardOutput);
            Assert.Null(probe.TextOf(Path.Combine(_dir, "none.conf")));
            Assert.Empty(probe.Checks);
        }
    }
}
