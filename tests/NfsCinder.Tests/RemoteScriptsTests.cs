using System;
using System.IO;
using System.Linq;
using System.Reflection;
using NfsCinder.Execution;
using Xunit;

namespace NfsCinder.Tests
{
    /// <summary>The remote scripts shipped in the assembly: each composes, reads its data from positional parameters only, and says what it prints.</summary>
    public class RemoteScriptsTests
    {
        private static readonly string[] Names = typeof(RemoteScripts).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("NfsCinder.Scripts.", StringComparison.Ordinal) && !n.StartsWith("NfsCinder.Scripts.lib.", StringComparison.Ordinal))
            .Select(n => n.Substring("NfsCinder.Scripts.".Length, n.Length - "NfsCinder.Scripts.".Length - 3)).ToArray();

        [Fact]
        public void EveryScript_Composes_WithItsLibrariesInlined_AndAHeader()
        {
            Assert.Contains("probe-cinder-backend", Names);
            Assert.Contains("read-files", Names);
            foreach (string name in Names)
            {
                string body = RemoteScripts.Body(name);
                Assert.DoesNotContain("\r", body);
                Assert.DoesNotContain(". ./lib/", body);
                Assert.StartsWith("#!/bin/sh\n# ", body);
            }
            Assert.Contains("section() {", RemoteScripts.Body("probe-cinder-backend"));
        }

        [Fact]
        public void EveryScript_IsValidShell()
        {
            foreach (string name in Names)
            {
                var psi = new System.Diagnostics.ProcessStartInfo("/bin/sh") { RedirectStandardError = true };
                psi.ArgumentList.Add("-n");
                psi.ArgumentList.Add("-c");
                psi.ArgumentList.Add(RemoteScripts.Body(name));
                using var p = System.Diagnostics.Process.Start(psi)!;
                string error = p.StandardError.ReadToEnd();
                p.WaitForExit();
                Assert.True(p.ExitCode == 0, $"{name}.sh: {error}");
            }
        }

        [Fact]
        public void AnUnknownScript_SaysSo()
        {
            Assert.Contains("no script nope.sh", Assert.Throws<InvalidOperationException>(() => RemoteScripts.Body("nope")).Message);
        }
    }
}
