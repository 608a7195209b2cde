using System;
using System.Linq;
using System.Management.Automation;
using NfsCinder.Nfs;

namespace NfsCinder.Commands
{
    /// <summary>
    /// <para type="synopsis">Lists the NFS mounts of hosts with server, export, options and df figures; a dead server shows as Responding = False instead of a hang.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "NfsMount")]
    [OutputType(typeof(NfsMount))]
    public sealed class GetNfsMountCommand : HostCmdletBase
    {
        /// <summary>Only mounts at these paths (wildcards allowed).</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.NfsMountPathCompleter))]
        public string[]? MountPath { get; set; }

        /// <summary>Seconds each mount may take to answer df before it counts as not responding.</summary>
        [Parameter]
        [ValidateRange(1, 300)]
        public int ResponseTimeoutSec { get; set; } = 5;

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            ForEachTarget(session =>
            {
                // One round trip: /proc/mounts, a bounded df per mount (in parallel), fstab.
                var state = MountState.Parse(session.Run(MountState.Query(TimeSpan.FromSeconds(ResponseTimeoutSec)), Context).StandardOutput);
                foreach (var entry in state.Mounts.Where(m => MountPath is null || MountPath.Any(p => WildcardPattern.Get(p, WildcardOptions.None).IsMatch(m.MountPoint))))
                {
                    bool responding = state.IsResponding(entry);
                    if (!responding)
                        WriteWarning($"[{session.DisplayName}] {entry.Source} on {entry.MountPoint} did not answer within {ResponseTimeoutSec} s: the NFS server is down or unreachable.");
                    WriteObject(new NfsMount(session, entry, state.UsageOf(entry), responding, state.Fstab.Find(entry.MountPoint) is not null, changed: false));
                }
            });
        }
    }
}
