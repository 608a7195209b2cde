namespace NfsCinder.Cinder
{
    /// <summary>Outcome of one check of Test-CinderNfsBackend.</summary>
    public enum CheckStatus
    {
        /// <summary>As it should be.</summary>
        Pass,

        /// <summary>Works, but degraded or not checked (read the detail).</summary>
        Warn,

        /// <summary>Broken: volumes on this backend fail until it is fixed.</summary>
        Fail,
    }
}
