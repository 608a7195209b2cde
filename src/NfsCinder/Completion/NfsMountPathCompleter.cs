using System;
using System.Collections.Generic;
using System.Linq;
using NfsCinder.Execution;
using NfsCinder.Nfs;
using NfsCinder.Sessions;

namespace NfsCinder.Completion
{
    /// <summary>Completes the NFS mount points on the host.</summary>
    public sealed class NfsMountPathCompleter : HostValueCompleter
    {
        internal override IEnumerable<string> Values(NfsCinderSession session, RunContext context)
        {
            string mounts = session.Run(CommandSpec.Argv("cat", "/proc/self/mounts").WithTimeout(TimeSpan.FromSeconds(5)).For("Reading the mount table"), context).StandardOutput;
            return MountTable.ParseProcMounts(mounts).Where(m => m.FsType.StartsWith("nfs", StringComparison.Ordinal)).Select(m => m.MountPoint).ToList();
        }
    }
}
