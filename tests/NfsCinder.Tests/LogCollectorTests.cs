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
            Assert.Equal(whole.Select(f => f.ToString()), findings.Select(f => f.ToString()));
            // Only anchor lines travel: a fraction of the file.
            Assert.True(output.Length < new FileInfo(log).Length / 4, $"{output.Length} bytes sent");
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
