namespace NfsCinder.Nfs
{
    /// <summary>State of one service after Install-NfsServer / Install-NfsClient.</summary>
    public sealed class NfsServiceState
    {
        internal NfsServiceState(string name, bool enabled, bool active)
        {
            Name = name;
            Enabled = enabled;
            Active = active;
        }

        /// <summary>Unit or init script name.</summary>
        public string Name { get; }

        /// <summary>Starts at boot.</summary>
        public bool Enabled { get; }

        /// <summary>Running now.</summary>
        public bool Active { get; }

        /// <inheritdoc />
        public override string ToString() => $"{Name} ({(Active ? "active" : "inactive")}, {(Enabled ? "enabled" : "disabled")})";
    }
}
