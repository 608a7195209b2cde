namespace NfsCinder.Nfs
{
    /// <summary>One client of an export, as written and as the kernel applies it.</summary>
    public sealed class NfsExportClient
    {
        internal NfsExportClient(string host, string[] options, string[]? effectiveOptions)
        {
            Host = host;
            Options = options;
            EffectiveOptions = effectiveOptions;
        }

        /// <summary>Host, address, network, wildcard or @netgroup.</summary>
        public string Host { get; }

        /// <summary>Options as written in the exports file (defaults included).</summary>
        public string[] Options { get; }

        /// <summary>Options the kernel applies now (exportfs -v), or null when this client is not exported.</summary>
        public string[]? EffectiveOptions { get; }

        /// <summary>True when exportfs -v shows this client for the export.</summary>
        public bool IsLive => EffectiveOptions is not null;

        /// <inheritdoc />
        public override string ToString() => Options.Length == 0 ? Host : $"{Host}({string.Join(",", Options)})";
    }
}
