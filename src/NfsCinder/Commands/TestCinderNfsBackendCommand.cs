using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using NfsCinder.Cinder;
using NfsCinder.Diagnosis;
using NfsCinder.Execution;

namespace NfsCinder.Commands
{
    /// <summary>
    /// <para type="synopsis">Verifies NFS backends end to end on the Cinder volume host: configuration, shares file and its permissions, cinder-volume, each share reachable, mounted by Cinder with the configured options and writable by the cinder user, stale mounts, the driver's start and its log. All checks of all shares run at once, within one bound.</para>
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "CinderNfsBackend")]
    [OutputType(typeof(CinderBackendCheck), typeof(bool))]
    public sealed class TestCinderNfsBackendCommand : CinderBackendCmdletBase
    {
        /// <summary>Backend name; without it, every NFS backend of the host.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.CinderBackendNameCompleter))]
        public string? BackendName { get; set; }

        /// <summary>Seconds the whole test may take on the host: every check of every share (a server's answer, a mount's write test) runs at once within it, so a dead server costs this once.</summary>
        [Parameter]
        [Alias("ShareTimeoutSec")]
        [ValidateRange(2, 600)]
        public int TimeoutSec { get; set; } = 12;

        /// <summary>Return only $true (no check failed) or $false, per host.</summary>
        [Parameter] public SwitchParameter Quiet { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            string? backendName = BackendName; // captured: the next pipeline record rebinds -BackendName
            var timeout = TimeSpan.FromSeconds(TimeoutSec);
            ForEachTarget(session =>
            {
                // One round trip: the probe reads cinder.conf and the shares files and checks every
                // share they list. A second only for what no file the host found names: a
                // nas_host share, or a shares file whose path only Cinder's reading gives.
                var probe = CinderBackendProbe.Parse(session.Run(CinderBackendProbe.Query(CinderPaths.ConfigFile, timeout), Context).StandardOutput);
                if (probe.Files.TryGetValue(CinderPaths.ConfigFile, out var read) && read?.Unreadable is { } why)
                    throw new NfsCinderException("CinderConfigUnreadable", FailureCategory.PermissionDenied, session.DisplayName,
                        $"{CinderPaths.ConfigFile} exists but cannot be read: {why}.", "Run this with a session that may read it (root, or -UseSudo).");
                string confText = probe.TextOf(CinderPaths.ConfigFile) ?? throw ConfigMissing(session);
                var config = new CinderConfiguration(Cinder.IniDocument.Parse(confText));
                var names = backendName is not null ? new[] { backendName } : config.NfsBackends.Select(b => b.Name).DefaultIfEmpty("nfs").ToArray();
                var nasShares = names.Select(n => config.Find(n)?.NasShare).Where(s => s is not null && probe.Check("showmount", s.Server) is null).Select(s => s!.Share).Distinct().ToList();
                var notRead = config.SharesFilesInUse.Where(p => !probe.Files.ContainsKey(p)).ToList();
                if (nasShares.Count > 0 || notRead.Count > 0)
                    probe = CinderBackendProbe.Parse(session.Run(CinderBackendProbe.Query(CinderPaths.ConfigFile, timeout, notRead, nasShares), Context).StandardOutput);
                var checks = new List<CinderBackendCheck>();
                foreach (string name in names)
                {
                    foreach (var check in CinderBackendChecks.Evaluate(config, name, probe, timeout, CinderPaths.ConfigFile))
                    {
                        check.ComputerName = session.ComputerName;
                        check.BackendName = name;
                        check.Session = session;
                        WriteVerbose($"[{session.DisplayName}] {name}: {check}");
                        checks.Add(check);
                    }
                }
                if (Quiet) WriteObject(checks.All(c => c.Status != CheckStatus.Fail));
                else WriteObject(checks, enumerateCollection: true);
            });
        }
    }
}
