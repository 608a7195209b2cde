using NfsCinder.Sessions;

namespace NfsCinder.Nfs
{
    /// <summary>A client that mounted an export, from showmount -a on the server.</summary>
    public sealed class NfsMountedClient
    {
        internal NfsMountedClient(NfsCinderSession session, string client, string path)
        {
            Session = session;
            ComputerName = session.ComputerName;
            Client = client;
            Path = path;
        }

        /// <summary>The NFS server.</summary>
        public string ComputerName { get; }

        /// <summary>Client address or name.</summary>
        public string Client { get; }

        /// <summary>Export it mounted.</summary>
        public string Path { get; }

        /// <summary>The server's session.</summary>
        public NfsCinderSession Session { get; }
    }
}
