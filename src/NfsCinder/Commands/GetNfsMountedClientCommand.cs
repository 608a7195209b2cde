using System.Management.Automation;
using NfsCinder.Nfs;

namespace NfsCinder.Commands
{
    /// <summary>
    /// <para type="synopsis">Lists the clients that mounted exports of an NFS server (showmount -a on the server; NFSv3 mounts only, as mountd records them).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "NfsMountedClient")]
    [OutputType(typeof(NfsMountedClient))]
    public sealed class GetNfsMountedClientCommand : HostCmdletBase
    {
        /// <summary>Seconds before showmount is stopped and reported.</summary>
        [Parameter]
        [ValidateRange(1, 300)]
        public int TimeoutSec { get; set; } = 15;

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            ForEachTarget(session =>
            {
                string output = Showmount.Run(session.On(Context), new[] { "showmount", "-a", "--no-headers" }, "localhost", TimeoutSec);
                foreach (var mount in ShowmountOutput.ParseMountedClients(output).Mounts)
                    WriteObject(new NfsMountedClient(session, mount.Client, mount.Path));
            });
        }
    }
}
