namespace NfsCinder.Cinder
{
    /// <summary>How oslo.config types a Cinder option, so a value is checked as Cinder will read it.</summary>
    internal enum CinderOptionKind
    {
        /// <summary>StrOpt: any one-line text.</summary>
        Text,

        /// <summary>StrOpt holding an absolute path.</summary>
        Path,

        /// <summary>StrOpt holding a host name or address (an IPv6 address is written in brackets).</summary>
        Host,

        /// <summary>StrOpt holding NFS mount options (a comma list of name or name=value).</summary>
        MountOptions,

        /// <summary>StrOpt that is a secret (never shown).</summary>
        Secret,

        /// <summary>StrOpt with fixed choices.</summary>
        Choice,

        /// <summary>BoolOpt: true or false.</summary>
        Bool,

        /// <summary>IntOpt or PortOpt, within a range.</summary>
        Integer,

        /// <summary>max_over_subscription_ratio: a decimal of at least 1.0.</summary>
        Ratio,
    }
}
