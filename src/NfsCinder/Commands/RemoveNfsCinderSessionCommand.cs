using System.Linq;
using System.Management.Automation;
using NfsCinder.Sessions;

namespace NfsCinder.Commands
{
    /// <summary>
    /// <para type="synopsis">Closes sessions and forgets them.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "NfsCinderSession", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = SessionSet)]
    [OutputType(typeof(void))]
    public sealed class RemoveNfsCinderSessionCommand : PSCmdlet
    {
        private const string SessionSet = "Session";
        private const string IdSet = "Id";
        private const string NameSet = "Name";

        /// <summary>Sessions to close (from Get-NfsCinderSession or New-NfsCinderSession).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = SessionSet)]
        public NfsCinderSession[] Session { get; set; } = new NfsCinderSession[0];

        /// <summary>Ids of sessions to close.</summary>
        [Parameter(Mandatory = true, ParameterSetName = IdSet)]
        public int[] Id { get; set; } = new int[0];

        /// <summary>Names of sessions to close (wildcards allowed).</summary>
        [ArgumentCompleter(typeof(Completion.SessionNameCompleter))]
        [Parameter(Mandatory = true, ParameterSetName = NameSet)]
        [SupportsWildcards]
        public string[] Name { get; set; } = new string[0];

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var targets = ParameterSetName switch
            {
                IdSet => SessionRegistry.All().Where(s => Id.Contains(s.Id)).ToArray(),
                NameSet => SessionRegistry.All().Where(s => Name.Any(n => WildcardPattern.Get(n, WildcardOptions.IgnoreCase).IsMatch(s.Name))).ToArray(),
                _ => Session,
            };
            foreach (var session in targets)
            {
                if (!ShouldProcess($"session {session.Id} ({session.UserName}@{session.ComputerName})", "Close")) continue;
                SessionRegistry.Remove(session);
                session.Dispose();
                WriteVerbose($"Closed session {session.Id} to {session.ComputerName}.");
            }
        }
    }
}
