using System.Linq;
using System.Management.Automation;
using NfsCinder.Nfs;

namespace NfsCinder.Commands
{
    /// <summary>
    /// <para type="synopsis">Lists the NFS exports of servers from /etc/exports and /etc/exports.d, with whether each client is live and its effective options (exportfs -v).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "NfsExport")]
    [OutputType(typeof(NfsExport))]
    public sealed class GetNfsExportCommand : HostCmdletBase
    {
        /// <summary>Only these exported paths (wildcards allowed).</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.ExportPathCompleter))]
        public string[]? Path { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            string[]? paths = Path; // captured: the next pipeline record rebinds -Path
            ForEachTarget(session =>
            {
                // One round trip: every exports file, exportfs -v and the host's name.
                var state = ExportsState.Read(session.On(Context));
                foreach (NfsExport export in state.DescribeAll(session).Where(e => paths is null || paths.Any(p => WildcardPattern.Get(p, WildcardOptions.None).IsMatch(e.Path))))
                    WriteObject(export);
            });
        }
    }
}
