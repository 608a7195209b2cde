using System.Linq;
using NfsCinder.Sessions;

namespace NfsCinder.Nfs
{
    /// <summary>An NFS export of a server: its line in an exports file and whether it is live.</summary>
    public sealed class NfsExport
    {
        internal NfsExport(NfsCinderSession session, string? hostName, string path, NfsExportClient[] clients, string? sourceFile, int lineNumber, bool changed, string? backupPath)
        {
            Session = session;
            ComputerName = session.ComputerName;
            HostName = hostName;
            Path = path;
            Clients = clients;
            SourceFile = sourceFile;
            LineNumber = lineNumber;
            Changed = changed;
            BackupPath = backupPath;
        }

        /// <summary>Host the export is on (as the session reaches it).</summary>
        public string ComputerName { get; }

        /// <summary>The server's own name (uname -n).</summary>
        public string? HostName { get; }

        /// <summary>The name NFS clients mount from: the server's own name, or the session's host.</summary>
        public string Server => string.IsNullOrEmpty(HostName) ? ComputerName : HostName!;

        /// <summary>Exported directory.</summary>
        public string Path { get; }

        /// <summary>server:/path as an NFS client (and Cinder's shares file) names it; binds to Set-CinderNfsBackend -Share.</summary>
        public string Share => NfsShareAddress.Format(Server, Path);

        /// <summary>Clients with their options.</summary>
        public NfsExportClient[] Clients { get; }

        /// <summary>True when any client is exported now (exportfs -v).</summary>
        public bool IsLive => Clients.Any(c => c.IsLive);

        /// <summary>The exports file holding the line (null after removal).</summary>
        public string? SourceFile { get; }

        /// <summary>1-based line number in that file.</summary>
        public int LineNumber { get; }

        /// <summary>True when this command changed the file, the directory or the live exports.</summary>
        public bool Changed { get; }

        /// <summary>Copy of the exports file this command replaced, if it made one.</summary>
        public string? BackupPath { get; }

        /// <summary>The server's session, so the export pipes into the next cmdlet.</summary>
        public NfsCinderSession Session { get; }

        /// <inheritdoc />
        public override string ToString() => $"{Server}:{Path} {string.Join(" ", Clients.Select(c => c.ToString()))}";
    }
}
