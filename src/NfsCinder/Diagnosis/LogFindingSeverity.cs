namespace NfsCinder.Diagnosis
{
    /// <summary>How serious a log finding is.</summary>
    public enum LogFindingSeverity
    {
        /// <summary>Worth knowing; nothing is broken.</summary>
        Info,

        /// <summary>Degraded or about to fail (for example Cinder fell back to non-secure mode).</summary>
        Warning,

        /// <summary>An operation failed (for example a volume attach or a share mount).</summary>
        Error,
    }
}
