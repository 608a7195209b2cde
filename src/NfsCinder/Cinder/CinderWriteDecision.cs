using System.Collections.Generic;
using System.Linq;
using NfsCinder.Files;

namespace NfsCinder.Cinder
{
    /// <summary>What the user approved of a <see cref="CinderWritePlan"/>, and what the host has once it is written.</summary>
    internal sealed class CinderWriteDecision
    {
        internal CinderWriteDecision(CinderWritePlan plan, IReadOnlyList<CinderFileWrite> approved, string? leftAsItIs)
        {
            Plan = plan;
            Approved = approved;
            LeftAsItIs = leftAsItIs;
        }

        public CinderWritePlan Plan { get; }

        /// <summary>The approved writes, in the plan's order.</summary>
        public IReadOnlyList<CinderFileWrite> Approved { get; }

        /// <summary>Why cinder.conf was not written although it changed, or null.</summary>
        public string? LeftAsItIs { get; }

        /// <summary>The requests to send, in order, in one round trip.</summary>
        public IReadOnlyList<FileWriteRequest> Requests => Approved.Select(a => a.Request).ToList();

        public bool ConfigWritten => Approved.Any(a => a.IsConfig);

        public bool SharesWritten => Approved.Any(a => !a.IsConfig);

        /// <summary>
        /// cinder.conf as the host has it after the writes: the edited one when written, else as
        /// read (a restart must work from what Cinder will read, not from what was declined).
        /// </summary>
        public CinderConfiguration LiveConfiguration(CinderConfiguration edited, CinderHostState state) =>
            ConfigWritten ? edited : new CinderConfiguration(IniDocument.Parse(state.File(state.ConfigFile)!.Text));

        /// <summary>A shares file's text as the host has it after the writes.</summary>
        public string? SharesNow(string path, CinderHostState state) =>
            SharesWritten && path == Plan.Change.SharesFile ? Plan.Change.SharesText : state.Text(path);
    }
}
