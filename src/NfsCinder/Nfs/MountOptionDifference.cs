namespace NfsCinder.Nfs
{
    /// <summary>One mount option the live mount does not carry as asked.</summary>
    internal sealed class MountOptionDifference
    {
        internal MountOptionDifference(string option, string requested, string? live)
        {
            Option = option;
            Requested = requested;
            Live = live;
        }

        /// <summary>The option's name (vers, soft, timeo, ...).</summary>
        public string Option { get; }

        /// <summary>What was asked, as name or name=value.</summary>
        public string Requested { get; }

        /// <summary>What the kernel shows for it, or null when it shows nothing.</summary>
        public string? Live { get; }

        /// <inheritdoc />
        public override string ToString() => $"{Requested} (live: {Live ?? "not set"})";
    }
}
