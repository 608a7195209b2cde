namespace NfsCinder.Ssh
{
    /// <summary>The verdict on a presented host key.</summary>
    internal enum HostKeyMatch
    {
        /// <summary>An applicable line holds exactly this key.</summary>
        Known,

        /// <summary>Nothing on record for this host and key type.</summary>
        Unknown,

        /// <summary>The host has a key of this type on record, but a different one.</summary>
        Changed,

        /// <summary>The key appears on a <c>@revoked</c> line.</summary>
        Revoked,
    }
}
