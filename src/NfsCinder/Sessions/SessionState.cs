namespace NfsCinder.Sessions
{
    /// <summary>State of a session's connection.</summary>
    public enum SessionState
    {
        /// <summary>Connected, or local.</summary>
        Opened,

        /// <summary>The connection dropped; the next command reconnects.</summary>
        Disconnected,

        /// <summary>Removed; it can no longer be used.</summary>
        Closed,
    }
}
