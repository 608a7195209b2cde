using System.Linq;
using System.Management.Automation;
using NfsCinder.Sessions;

namespace NfsCinder.Commands
{
    /// <summary>
    /// <para type="synopsis">Lists the sessions open in this PowerShell process.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "NfsCinderSession", DefaultParameterSetName = NameSet)]
    [OutputType(typeof(NfsCinderSession))]
    public sealed class GetNfsCinderSessionCommand : PSCmdlet
    {
        private const string NameSet = "Name";
        private const string IdSet = "Id";

        /// <summary>Session names (wildcards allowed).</summary>
        [Parameter(Position = 0, ParameterSetName = NameSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.SessionNameCompleter))]
        public string[]? Name { get; set; }

        /// <summary>Host names (wildcards allowed).</summary>
        [Parameter(ParameterSetName = NameSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? ComputerName { get; set; }

        /// <summary>Session ids.</summary>
        [Parameter(Mandatory = true, ParameterSetName = IdSet)]
        public int[] Id { get; set; } = new int[0];

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var sessions = SessionRegistry.All().AsEnumerable();
            if (ParameterSetName == IdSet)
            {
                foreach (int id in Id)
                {
                    var match = sessions.FirstOrDefault(s => s.Id == id);
                    if (match is null)
                        WriteError(new ErrorRecord(new ItemNotFoundException($"No session has id {id}. Get-NfsCinderSession lists the open ones."), "SessionNotFound", ErrorCategory.ObjectNotFound, id));
                    else WriteObject(match);
                }
                return;
            }
            if (Name is not null) sessions = sessions.Where(s => Matches(Name, s.Name));
            if (ComputerName is not null) sessions = sessions.Where(s => Matches(ComputerName, s.ComputerName));
            foreach (var session in sessions) WriteObject(session);
        }

        private static bool Matches(string[] patterns, string value) =>
            patterns.Any(p => WildcardPattern.Get(p, WildcardOptions.IgnoreCase).IsMatch(value));
    }
}
