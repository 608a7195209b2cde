namespace NfsCinder.Ssh
{
    /// <summary>The optional marker at the start of a known_hosts line.</summary>
    internal enum KnownHostsMarker
    {
        /// <summary>A plain host key line.</summary>
        None,

        /// <summary><c>@cert-authority</c>: a CA key, never a plain host key.</summary>
        CertAuthority,

        /// <summary><c>@revoked</c>: the key must never be accepted.</summary>
        Revoked,
    }
}
