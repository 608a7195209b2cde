namespace NfsCinder.Nfs
{
    /// <summary>Why <c>showmount</c> failed, from its stderr (the RPC error text).</summary>
    internal enum ShowmountFailure
    {
        /// <summary>Nothing on stderr.</summary>
        None,

        /// <summary><c>RPC: Program not registered</c>: rpcbind answers but no mountd is registered.</summary>
        MountdNotRegistered,

        /// <summary><c>Unable to receive</c> / <c>Unable to send</c> / <c>Port mapper failure</c>: rpcbind (port 111) cannot be reached.</summary>
        RpcbindUnreachable,

        /// <summary><c>RPC: Unknown host</c>: the server name does not resolve.</summary>
        NameResolution,

        /// <summary><c>RPC: Timed out</c>: packets are dropped on the way (usually a firewall).</summary>
        TimedOut,

        /// <summary><c>Connection refused</c> outside the port mapper: mountd's registered port is closed or rejected.</summary>
        ConnectionRefused,

        /// <summary>Any other message.</summary>
        Other,
    }
}
