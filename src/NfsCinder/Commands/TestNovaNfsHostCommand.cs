using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using NfsCinder.Cinder;
using NfsCinder.Execution;
using NfsCinder.Nova;
using NfsCinder.Sessions;

namespace NfsCinder.Commands
{
    /// <summary>
    /// <para type="synopsis">Verifies a compute host for Cinder's NFS volumes: nova.conf's NFS options, the NFS client, libvirt and qemu, SELinux and virt_use_nfs, nova's mount options against Cinder's backend, each share mounted as nova mounts it within a bound, and a dry attach: whether the kernel lets qemu's SELinux domain open files on each share, asked without starting a VM.</para>
    /// <para type="description">Give the backends to check against from the pipeline (Get-CinderNfsBackend -Session $cinder) or with -Backend. One read of each host, then one round trip that tests every share at once; hosts run in parallel. Nothing on the host changes: a share not mounted yet is mounted on a folder of its own and unmounted again.</para>
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "NovaNfsHost")]
    [OutputType(typeof(NovaHostCheck), typeof(bool))]
    public sealed class TestNovaNfsHostCommand : NovaCmdletBase
    {
        private readonly List<CinderNfsBackend> _backends = new List<CinderNfsBackend>();

        /// <summary>Compute hosts to verify; without one, this machine (Linux only).</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public override NfsCinderSession[]? Session { get => base.Session; set => base.Session = value; }

        /// <summary>The Cinder NFS backends whose shares the compute hosts must attach from (Get-CinderNfsBackend's output, from the pipeline).</summary>
        [Parameter(ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        public CinderNfsBackend[]? Backend { get; set; }

        /// <summary>Seconds all mounts of a host may take together: a dead server costs this once.</summary>
        [Parameter]
        [ValidateRange(2, 600)]
        public int TimeoutSec { get; set; } = 15;

        /// <summary>Return only $true (no check failed) or $false, per host.</summary>
        [Parameter] public SwitchParameter Quiet { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (Backend is not null) _backends.AddRange(Backend);
        }

        /// <inheritdoc />
        protected override void EndHostProcessing()
        {
            var backends = _backends.ToList();
            var shares = NovaHostChecks.SharesOf(backends);
            var bound = TimeSpan.FromSeconds(TimeoutSec);
            ForEachTarget(session =>
            {
                var state = Read(session);
                var checks = NovaHostChecks.Host(state, backends).ToList();
                if (shares.Count > 0)
                {
                    string? novaOptions = state.Config?.MountOptions;
                    var requests = shares.Select(s => new NovaShareTest.Request(s.Value.Share, NovaHostChecks.NovaMountOf(state, s.Value.Share),
                        NovaShareTest.MountOptionsFor(novaOptions, s.Value.MountOptions))).ToList();
                    var output = session.Run(NovaShareTest.Query(requests, state.QemuDomain, state.LibvirtContext, bound), Context).StandardOutput;
                    IReadOnlyList<NovaShareTest> tests;
                    try { tests = NovaShareTest.Parse(output); }
                    catch (FormatException ex) { throw Garbled(session, "mount test", ex); }
                    checks.AddRange(NovaHostChecks.Shares(state, shares, tests, bound));
                }
                foreach (var check in checks)
                {
                    check.ComputerName = session.ComputerName;
                    check.Session = session;
                    WriteVerbose($"[{session.DisplayName}] {check}");
                }
                if (Quiet) WriteObject(checks.All(c => c.Status != CheckStatus.Fail));
                else WriteObject(checks, enumerateCollection: true);
            });
        }
    }
}
