using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using NfsCinder.Diagnosis;
using Xunit;

namespace NfsCinder.Tests
{
    /// <summary>The host-side log reader run through a real /bin/sh on the lab's captured logs.</summary>
    public class LogCollectorTests
    {
        private static string Run(params string[] files)
        {
            return RunWith(64L * 1024 * 1024, files);
        }

        private static string RunWith(long maxBytes, params string[] files)
        {
            var spec = LogCollector.Query(files, maxBytes);
            var psi = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, UseShellExecute = false };
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add(spec.ScriptBody!);
            psi.ArgumentList.Add(spec.ScriptName!);
            foreach (string a in spec.Arguments) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            string output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            Assert.Equal(0, p.ExitCode);
            return output;
        }

        private static string Lab(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "logs", "lab", name);

        [Fact]
        public void HostSideFilter_GivesTheSameFindings_AsScanningTheWholeFile()
        {
            if (!File.Exists("/bin/sh")) return;
            string log = Lab("cinder1-cinder-volume.log");
            string output = Run(log, "/nonexistent/nova-compute.log");
            var findings = LogCollector.Parse(output, null, out var unreadable, out var read);

            Assert.Equal(new[] { log }, read);
            Assert.Empty(unreadable);
            var whole = LogSignatures.ScanText(log, File.ReadAllText(log));
            Assert.Equal(whole.Select(f => f.Signature).OrderBy(x => x), findings.Select(f => f.Signature).OrderBy(x => x));
            // Same evidence, except that the lvm worker's lines are not NFS findings: the
            // DriverNotInitialized evidence is the NfsDriver worker's (pid 1352), not lvm's last give-up.
            Assert.Equal(whole.Single(f => f.Signature == "RevertedToNonSecure").ToString(), findings.Single(f => f.Signature == "RevertedToNonSecure").ToString());
            var notInitialized = findings.Single(f => f.Signature == "DriverNotInitialized");
            Assert.Contains(" 1352 ERROR ", notInitialized.Evidence);
            Assert.True(notInitialized.Count < whole.Single(f => f.Signature == "DriverNotInitialized").Count);
            // pid 514 failed once (root-squashed chmod) and then initialized: not counted.
            string[] all = output.Split('\n');
            Assert.Contains(all, l => l.Contains(" 514 ERROR cinder.volume.manager") && l.Contains("Failed to initialize driver"));
            Assert.Equal(all.Count(l => l.Contains(" 1352 ERROR cinder.volume.manager") && l.Contains("Failed to initialize driver")), notInitialized.Count);
            // Only anchor lines travel: a fraction of the file.
            Assert.True(output.Length < new FileInfo(log).Length / 3, $"{output.Length} bytes sent");
        }

        [Fact]
        public void BigFile_ReadsItsTail_WithTrueLineNumbers()
        {
            if (!File.Exists("/bin/sh")) return;
            string log = Lab("cinder1-cinder-volume.log");
            var findings = LogCollector.Parse(RunWith(40000, log), null, out _, out _);
            var whole = LogSignatures.ScanText(log, File.ReadAllText(log)).ToDictionary(f => f.Signature);
            // The tail holds the last start (mount.nfs missing): same evidence line numbers as the whole file.
            var mountNfs = Assert.Single(findings, f => f.Signature == "MountNfsMissing");
            Assert.Equal(whole["MountNfsMissing"].LineNumber, mountNfs.LineNumber);
            Assert.DoesNotContain(findings, f => f.Signature == "RevertedToNonSecure"); // earlier than the tail
        }

        [Fact]
        public void Since_DropsOlderLines()
        {
            if (!File.Exists("/bin/sh")) return;
            string log = Lab("cinder1-cinder-volume.log");
            var findings = LogCollector.Parse(Run(log), new DateTime(2026, 11, 24, 16, 22, 0), out _, out _);
            Assert.Contains(findings, f => f.Signature == "MountNfsMissing");
            Assert.DoesNotContain(findings, f => f.Signature == "RevertedToNonSecure"); // logged at 16:20:48
        }
    }
}
