using NfsCinder.Sessions;

namespace NfsCinder.Nfs
{
    /// <summary>What exportfs -arv did on a server.</summary>
    public sealed class NfsExportSyncResult
    {
        internal NfsExportSyncResult(NfsCinderSession session, string[] exported, string[] unexported, string[] warnings, string[] errors)
        {
            Session = session;
            ComputerName = session.ComputerName;
            Exported = exported;
            Unexported = unexported;
            Warnings = warnings;
            Errors = errors;
        }

        /// <summary>The server.</summary>
        public string ComputerName { get; }

        /// <summary>client:path pairs exported (exportfs prints "exporting").</summary>
        public string[] Exported { get; }

        /// <summary>client:path pairs no longer exported.</summary>
        public string[] Unexported { get; }

        /// <summary>exportfs warnings, with file and line.</summary>
        public string[] Warnings { get; }

        /// <summary>exportfs errors, with file and line.</summary>
        public string[] Errors { get; }

        /// <summary>The server's session.</summary>
        public NfsCinderSession Session { get; }
    }
}
