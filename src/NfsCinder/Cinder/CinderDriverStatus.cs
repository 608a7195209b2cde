
namespace NfsCinder.Cinder
{
    /// <summary>How far one volume driver process got since the service started.</summary>
    public enum CinderDriverStatus
    {
        /// <summary>Started, no outcome logged yet.</summary>
        Starting,

        /// <summary>"Driver initialization completed successfully."</summary>
        Initialized,

        /// <summary>Cinder gave up retrying: the backend refuses every volume operation until fixed and restarted.</summary>
        Failed,
    }
}
