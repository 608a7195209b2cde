using System.Linq;
using System.Management.Automation;
using NfsCinder.Cinder;

namespace NfsCinder.Commands
{
    /// <summary>
    /// <para type="synopsis">Reads NFS backends back from cinder.conf and their shares files, as Cinder reads them: every NFS backend of the host, or the one named.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CinderNfsBackend")]
    [OutputType(typeof(CinderNfsBackend))]
    public sealed class GetCinderNfsBackendCommand : CinderBackendCmdletBase
    {
        /// <summary>Backend name; without it, every NFS backend of the host (enabled or not, and the seed's [DEFAULT] one as DEFAULT).</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.CinderBackendNameCompleter))]
        public string? BackendName { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            string? backendName = BackendName; // captured: the next pipeline record rebinds -BackendName
            ForEachTarget(session =>
            {
                var state = ReadHost(session);
                var config = state.Config!;
                var backends = backendName is null ? config.NfsBackends
                    : new[] { config.Find(backendName) ?? throw BackendNotFound(session, backendName) };
                foreach (var backend in backends)
                {
                    WriteNotes(session, backend.Notes());
                    WriteObject(CinderNfsBackend.Describe(session, session.ComputerName, CinderPaths.ConfigFile, backend, state.Text(backend.SharesFile)));
                }
            });
        }
    }
}
