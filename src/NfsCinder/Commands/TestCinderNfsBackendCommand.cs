using System;
using System.Linq;
using System.Management.Automation;
using NfsCinder.Cinder;
using NfsCinder.Execution;

namespace NfsCinder.Commands
{
    /// <summary>
    /// <para type="synopsis">Verifies an NFS backend end to end on the Cinder volume host: config and shares file, their permissions, cinder-volume, each share reachable, mounted by Cinder and writable by the cinder user, the driver's start and its log.</para>
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "CinderNfsBackend")]
    [OutputType(typeof(CinderBackendCheck), typeof(bool))]
    public sealed class TestCinderNfsBackendCommand : CinderBackendCmdletBase
    {
        /// <summary>Backend name.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.CinderBackendNameCompleter))]
        public string BackendName { get; set; } = "nfs";

        /// <summary>Seconds each share's server gets to answer showmount, and each mount to answer the write test.</summary>
        [Parameter] [ValidateRange(1, 300)] public int ShareTimeoutSec { get; set; } = 10;

        /// <summary>Return only $true (no check failed) or $false, per host.</summary>
        [Parameter] public SwitchParameter Quiet { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            string backendName = BackendName; // captured: the next pipeline record rebinds -BackendName
            ForEachTarget(session =>
            {
                // One round trip: cinder.conf and the probe together; a second only when the
                // host's quick guess of the shares file or mount base differs from the real parse.
                var timeout = TimeSpan.FromSeconds(ShareTimeoutSec);
                string output = session.Run(CinderBackendProbe.QueryWithConfig(CinderFiles.ConfigFile, backendName, timeout), Context).StandardOutput;
                var (confText, guessedShares, guessedBase) = CinderBackendProbe.ParseConfigPart(output);
                var conf = IniDocument.Parse(confText ?? throw ConfigMissing(session));
                var checks = CinderBackendChecks.Evaluate(conf, backendName, (sharesFile, mountBase) =>
                    sharesFile == guessedShares && mountBase == guessedBase
                        ? CinderBackendProbe.Parse(output)
                        : CinderBackendProbe.Parse(session.Run(CinderBackendProbe.Query(sharesFile, mountBase, timeout), Context).StandardOutput),
                    timeout);
                foreach (var check in checks)
                {
                    check.ComputerName = session.ComputerName;
                    check.BackendName = backendName;
                    check.Session = session;
                    WriteVerbose($"[{session.ComputerName}] {check}");
                }
                if (Quiet) WriteObject(checks.All(c => c.Status != CheckStatus.Fail));
                else WriteObject(checks, enumerateCollection: true);
            });
        }
    }
}
