using System.Linq;
using System.Management.Automation;
using NfsCinder.Nfs;

namespace NfsCinder.Commands
{
    /// <summary>
    /// <para type="synopsis">Asks an NFS server what it exports (showmount -e), from a session's host, within a bounded time; a failure says why (mountd, rpcbind, name resolution) and what to try.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "NfsRemoteExport")]
    [OutputType(typeof(NfsRemoteExport))]
    public sealed class GetNfsRemoteExportCommand : HostCmdletBase
    {

        /// <summary>The NFS server, as the session's host reaches it. From the pipeline: an NfsExport's Server.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Server { get; set; } = "";

        /// <summary>Seconds before showmount is stopped and reported.</summary>
        [Parameter]
        [ValidateRange(1, 300)]
        public int TimeoutSec { get; set; } = 15;

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (!NfsServerName.IsValid(Server))
                ThrowTerminatingError(InvalidArgument("InvalidServer", $"-Server '{Server}' is not a host name or IP address.", Server));
            string server = Server; // captured: the next pipeline record rebinds -Server
            ForEachTarget(session =>
            {
                var result = Showmount.Run(session.On(Context), new[] { "showmount", "-e", "--no-headers", server }, server, TimeoutSec);
                foreach (var export in ShowmountOutput.ParseExports(result).Exports)
                    WriteObject(new NfsRemoteExport(session, server, export.Path, export.Clients.ToArray()));
            });
        }
    }
}
