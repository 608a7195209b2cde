using NfsCinder.Sessions;

namespace NfsCinder.Nfs
{
    /// <summary>An export as a client sees it through showmount -e.</summary>
    public sealed class NfsRemoteExport
    {
        internal NfsRemoteExport(NfsCinderSession session, string server, string path, string[] clients)
        {
            Session = session;
            ComputerName = session.ComputerName;
            Server = server;
            Path = path;
            Clients = clients;
        }

        /// <summary>Host showmount ran on (the would-be client).</summary>
        public string ComputerName { get; }

        /// <summary>The NFS server asked.</summary>
        public string Server { get; }

        /// <summary>Exported directory.</summary>
        public string Path { get; }

        /// <summary>Clients the server allows, as it lists them.</summary>
        public string[] Clients { get; }

        /// <summary>The session showmount ran in, so the result pipes into Mount-NfsShare.</summary>
        public NfsCinderSession Session { get; }

        /// <inheritdoc />
        public override string ToString() => $"{Server}:{Path}";
    }
}
