using System;
using System.IO;
using System.Linq;
using NfsCinder.Cinder;
using NfsCinder.Diagnosis;
using Xunit;

namespace NfsCinder.Tests
{
    /// <summary>
    /// cinder-volume.log as the lab's real cinder-volume 21.3.1 wrote it (Fixtures/logs/lab): five
    /// starts with Debian's broken lvm backend beside an NFS backend, a root-squashed chmod on the
    /// first start, a root-owned export (secure-mode fallback) and mount.nfs removed.
    /// </summary>
    public class CinderVolumeLogTests
    {
        private static string LabLog() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "logs", "lab", "cinder1-cinder-volume.log"));

        [Fact]
        public void Parse_ReadsOsloPrefix()
        {
            var entries = CinderVolumeLog.Parse(LabLog());
            Assert.True(entries.Count > 900, $"{entries.Count} entries");
            var first = entries[0];
            Assert.Equal(new DateTime(2026, 11, 24, 16, 14, 43), first.Time.AddTicks(-(first.Time.Ticks % TimeSpan.TicksPerSecond)));
            Assert.Equal(328, first.Pid);
        }

        [Fact]
        public void Drivers_TieOutcomeToThePidOfEachBackend()
        {
            var drivers = CinderVolumeLog.Drivers(CinderVolumeLog.Parse(LabLog()));

            // Every start runs one LVM and one NFS worker; the lvm one always gives up (no volume group in the lab).
            Assert.All(drivers.Where(d => d.Driver == "LVMVolumeDriver"), d => Assert.Equal(CinderDriverStatus.Failed, d.Status));
            Assert.Contains("Volume group \"pkgosvg0\" not found", drivers.First(d => d.Driver == "LVMVolumeDriver" && d.Pid == 511).LastError);

            var nfs = drivers.Where(d => d.Driver == "NfsDriver").ToDictionary(d => d.Pid);
            // First start: the root-squashed chmod of .cinderSecureEnvIndicator fails once, the retry succeeds.
            Assert.Equal(CinderDriverStatus.Initialized, nfs[514].Status);
            Assert.Equal(2, nfs[514].Attempts);
            Assert.Equal(1, nfs[514].FailedAttempts);
            Assert.Contains("chmod of", nfs[514].LastError!.Replace("changing permissions of", "chmod of"));
            Assert.Contains("Operation not permitted", nfs[514].LastError);
            // Root-owned export: initializes, in non-secure mode.
            Assert.Equal(CinderDriverStatus.Initialized, nfs[888].Status);
            Assert.Equal(0, nfs[888].FailedAttempts);
            // mount.nfs moved away: still retrying when the log was captured.
            Assert.Equal(CinderDriverStatus.Starting, nfs[1352].Status);
            Assert.True(nfs[1352].FailedAttempts >= 3);
            Assert.Contains("No mounted NFS shares found", nfs[1352].LastError);
        }

        [Fact]
        public void ErrorsOf_CountsEachErrorOnce_NotItsTracebackLines()
        {
            var entries = CinderVolumeLog.Parse(LabLog());
            var errors = CinderVolumeLog.ErrorsOf(entries, new[] { 514 });
            Assert.Single(errors);
            Assert.StartsWith("Failed to initialize driver", CinderVolumeLog.StripRequestContext(errors[0].Message));
        }

        [Fact]
        public void Drivers_OnlyRelevantLines_GiveTheSameAnswer()
        {
            // The restart wait greps RelevantLines on the host: the reader must not need anything else.
            var grep = new System.Text.RegularExpressions.Regex(CinderVolumeLog.RelevantLines);
            string filtered = string.Join("\n", LabLog().Split('\n').Where(l => grep.IsMatch(l)));
            Assert.Equal(
                CinderVolumeLog.Drivers(CinderVolumeLog.Parse(LabLog())).Select(d => d.ToString() + d.LastError),
                CinderVolumeLog.Drivers(CinderVolumeLog.Parse(filtered)).Select(d => d.ToString() + d.LastError));
        }

        [Fact]
        public void LabLog_GivesTheRealSignatures()
        {
            var findings = LogSignatures.ScanText("cinder-volume.log", LabLog()).ToDictionary(f => f.Signature);
            Assert.Equal(2, findings["SecureIndicatorFailed"].Count);
            Assert.Equal(2, findings["RevertedToNonSecure"].Count);
            Assert.Contains("/var/lib/cinder/mnt/03b143bf81fef404e67bd5d94d9e2313", findings["RevertedToNonSecure"].Evidence);
            Assert.True(findings.ContainsKey("MountNfsMissing"));
            Assert.Contains("Install-NfsClient", findings["MountNfsMissing"].Fix);
            Assert.True(findings.ContainsKey("NoMountedShares"));
            Assert.True(findings.ContainsKey("DriverNotInitialized"));
        }

        [Fact]
        public void LabKernelJournal_FindsTheNfsDenial_NotTheOthers()
        {
            string text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "logs", "lab", "compute1-kernel-journal.log"));
            var finding = Assert.Single(LogSignatures.ScanText("journal", text));
            Assert.Equal("SelinuxNfsDenied", finding.Signature);
            Assert.Equal(3, finding.Count);
            Assert.Contains("tcontext=system_u:object_r:nfs_t:s0", finding.Evidence);
            Assert.Equal("Enable-VirtUseNfs -Session $compute", finding.Fix);
        }
    
        [Fact]
        public void Drivers_AreToldTheirBackend_ByTheParentsForkOrder()
        {
            // Real lab capture: enabled_backends = lvm,gold,silver; the parent (529) logs each
            // backend as it creates it and forks its worker: 535, 539, 543.
            string log = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "logs", "lab", "cinder1-two-nfs-backends-per-share-versions.log"));
            var drivers = CinderVolumeLog.Drivers(CinderVolumeLog.Parse(log));
            Assert.Equal(new[] { "lvm:LVMVolumeDriver:535", "gold:NfsDriver:539", "silver:NfsDriver:543" },
                drivers.OrderBy(d => d.Pid).Select(d => $"{d.BackendName}:{d.Driver}:{d.Pid}"));
            Assert.Equal("NfsDriver [gold] (pid 539): Initialized", drivers.Single(d => d.Pid == 539).ToString());
        }

        [Fact]
        public void AWorkerForkedAgain_KeepsItsBackend()
        {
            string log = string.Join("\n",
                "2026-12-02 10:00:00.000 100 INFO cinder.volume.manager [-] Image-volume cache disabled for host cinder1@gold.",
                "2026-12-02 10:00:01.000 101 INFO cinder.volume.manager [-] Starting volume driver NfsDriver (1.4.0)",
                "2026-12-02 10:00:02.000 100 INFO cinder.volume.manager [-] Image-volume cache disabled for host cinder1@silver.",
                "2026-12-02 10:00:03.000 102 INFO cinder.volume.manager [-] Starting volume driver NfsDriver (1.4.0)",
                "2026-12-02 10:01:00.000 100 INFO oslo_service.service [-] Child 101 exited with status 1",
                "2026-12-02 10:01:01.000 140 INFO cinder.volume.manager [-] Starting volume driver NfsDriver (1.4.0)");
            var drivers = CinderVolumeLog.Drivers(CinderVolumeLog.Parse(log));
            Assert.Equal(new[] { "gold", "silver", "gold" }, drivers.Select(d => d.BackendName));
        }

        [Fact]
        public void ResolveShare_NamesTheExportBehindCindersMountPoint()
        {
            // The log names /var/lib/cinder/mnt/<md5>; the host's mount table (captured with the
            // root-owned share mounted) turns it back into 10.40.0.1:/nfs/rootowned.
            var probe = CinderBackendProbe.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "cinder", "probe", "root-owned-export.txt")));
            var finding = LogSignatures.ScanText("cinder-volume.log", probe.LogText).Single(f => f.Signature == "SecureIndicatorFailed");
            Assert.Contains("<export path>", finding.Fix);
            var mounts = probe.Mounts;
            var resolved = LogCollector.ResolveShare(finding, mounts);
            Assert.Equal("New-NfsExport -Session $nfs -Path /nfs/rootowned -Client <cinder host> -Owner cinder -Group cinder -Apply", resolved.Fix);
            Assert.Equal(finding.Evidence, resolved.Evidence);
        }
    }
}
