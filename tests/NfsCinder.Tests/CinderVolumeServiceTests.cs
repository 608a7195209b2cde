using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NfsCinder.Cinder;
using NfsCinder.Execution;
using NfsCinder.Hosts;
using Xunit;

namespace NfsCinder.Tests
{
    /// <summary>
    /// The restart wait's reading of its scripts: a host that had no volume log before the
    /// restart (a fresh cinder-volume) must still have its drivers waited for, once the log appears.
    /// </summary>
    public sealed class CinderVolumeServiceTests : IDisposable
    {
        private readonly CommandRunner _runner = new CommandRunner(new LocalTransport("localhost"), TimeSpan.FromSeconds(30));
        private readonly string _dir = Directory.CreateTempSubdirectory("nfscinder-volume-service-").FullName;

        public void Dispose() => Directory.Delete(_dir, true);

        [Fact]
        public void RestartOutput_WithALog_GivesItsPathSizeAndTheUnitsPids()
        {
            var (log, offset, oldPids) = CinderVolumeService.ParseRestartOutput("/var/log/cinder/cinder-volume.log\t52311\t326 361 \n");
            Assert.Equal("/var/log/cinder/cinder-volume.log", log);
            Assert.Equal("52311", offset);
            Assert.Equal(new[] { 326, 361 }, oldPids.OrderBy(p => p));
        }

        [Fact]
        public void RestartOutput_WithoutALogYet_IsEmptyLogAtOffsetZero()
        {
            // What the restart script prints on a host whose cinder-volume has never logged: the
            // line starts with the tab. Trimming it once made "0" the log's path, and the wait
            // then looked for a file named 0 until its timeout.
            var (log, offset, oldPids) = CinderVolumeService.ParseRestartOutput("\t0\t\n");
            Assert.Equal(("", "0"), (log, offset));
            Assert.Empty(oldPids);
            Assert.Equal("", CinderVolumeService.ParseRestartOutput("").Log);
        }

        [Fact]
        public void DriversOfThisStart_LeaveOutTheProcessesTheRestartStopped()
        {
            // Real lab capture, from the offset the restart script recorded: the old LVM worker
            // (pid 361) retried its start just after that moment, then died on SIGTERM without a
            // last word. Counted, it stayed "Starting" and the wait ran to its 300 s timeout.
            string log = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "logs", "lab", "cinder1-restart-race.log"));
            Assert.Contains(CinderVolumeLog.Drivers(CinderVolumeLog.Parse(log)), d => d.Pid == 361 && !d.Settled);

            var drivers = CinderVolumeService.DriversOfThisStart(log, new HashSet<int> { 326, 361 });
            Assert.Equal(new[] { "LVMVolumeDriver", "NfsDriver" }, drivers.Select(d => d.Driver));
            Assert.All(drivers, d => Assert.True(d.Settled));
            Assert.Equal(CinderDriverStatus.Failed, drivers[0].Status);
            Assert.Equal(CinderDriverStatus.Initialized, drivers[1].Status);
        }

        [Theory]
        [InlineData("file /var/log/cinder/volume.log", "/var/log/cinder/volume.log", false)]
        [InlineData("pending", null, true)]
        [InlineData("none", null, false)]
        [InlineData("", null, false)]
        public void LogFileSection_SaysWhichLogOrWhetherOneMayAppear(string line, string? log, bool mayAppear)
        {
            Assert.Equal((log, mayAppear), CinderVolumeService.ParseLogFile(new[] { line }));
        }

        [Fact]
        public void PollScript_ReadsTheGivenLogFromTheOffset()
        {
            string log = Path.Combine(_dir, "cinder-volume.log");
            string before = "2026-11-24 21:40:00.000 100 INFO cinder.volume.manager [-] Starting volume driver NfsDriver (1.4.0)\n";
            File.WriteAllText(log, before + "2026-11-24 21:45:21.397 537 INFO cinder.volume.manager [-] Starting volume driver NfsDriver (1.4.0)\n");
            var sections = Poll(log, before.Length.ToString());
            Assert.Equal(new[] { "file " + log }, sections["logfile"].ToArray());
            Assert.Single(sections["log"], l => l.Contains(" 537 "));
        }

        [Fact]
        public void PollScript_WithoutALog_LooksForOne_AndSaysNoneWhereThereIsNoCinderLogDirectory()
        {
            // This machine has no /var/log/cinder: the host logs elsewhere, nothing will appear.
            Assert.False(Directory.Exists("/var/log/cinder"));
            var sections = Poll("", "0");
            Assert.Equal(new[] { "none" }, sections["logfile"].ToArray());
        }

        [Fact]
        public void Unmounts_SayWhatTheRestartDidWithEachMount()
        {
            var stale = new CinderMount("/var/lib/cinder/mnt/aa", "nfs1:/old", null, CinderMountStatus.Stale, "rw,vers=4.2", null, "stale");
            var drifted = new CinderMount("/var/lib/cinder/mnt/bb", "nfs1:/b", "gold", CinderMountStatus.OptionsDiffer, "rw,vers=4.2", "vers=3", "differs");
            var busy = new CinderMount("/var/lib/cinder/mnt/cc", "nfs1:/c", "gold", CinderMountStatus.OptionsDiffer, "rw,vers=4.2", "vers=3", "differs");
            string output = "/var/log/cinder/cinder-volume.log\t100\t12 \nunmounted\t/var/lib/cinder/mnt/aa\nunmounted\t/var/lib/cinder/mnt/bb\n"
                + "busy\t/var/lib/cinder/mnt/cc\t4242(qemu-img) 4243(dd)\nfailed\t/somewhere/else\tnot asked\n";
            var results = CinderVolumeService.ParseUnmounts(output, new[] { stale, drifted, busy });
            Assert.Equal(3, results.Count);
            Assert.Equal((true, CinderMountStatus.Stale), (results[0].Unmounted, results[0].Reason));
            Assert.Contains("mount it again with vers=3", results[1].Detail);
            Assert.False(results[2].Unmounted);
            Assert.Contains("4242(qemu-img)", results[2].Detail);
            var state = new CinderServiceState("cinder-volume", true, "active", TimeSpan.FromSeconds(3), true, Array.Empty<CinderDriverState>(), results.ToArray());
            Assert.Equal(new[] { "/var/lib/cinder/mnt/bb" }, state.Remounted);
            Assert.Single(state.LeftMounted, l => l.StartsWith("/var/lib/cinder/mnt/cc: left mounted: in use by 4242(qemu-img)", StringComparison.Ordinal));
        }

        private System.Collections.Generic.Dictionary<string, System.Collections.Generic.List<string>> Poll(string log, string offset)
        {
            var result = _runner.Run(RemoteScripts.Spec("poll-cinder-volume", "cinder-volume", log, offset, CinderVolumeLog.RelevantLines));
            var sections = SectionedOutput.Parse(result.StandardOutput);
            return sections.Names.ToDictionary(n => n, n => sections.NonEmptyLines(n).ToList());
        }
    }
}
