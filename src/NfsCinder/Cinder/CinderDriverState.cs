
namespace NfsCinder.Cinder
{
    /// <summary>One volume driver process (one backend) as cinder-volume.log tells its start.</summary>
    public sealed class CinderDriverState
    {
        internal CinderDriverState(int pid, string driver) { Pid = pid; Driver = driver; }

        /// <summary>Driver class name, such as NfsDriver or LVMVolumeDriver.</summary>
        public string Driver { get; }

        /// <summary>The backend this worker runs (its section in enabled_backends), or null when the log does not tell.</summary>
        public string? BackendName { get; internal set; }

        /// <summary>Process id of the backend's worker (oslo.log's second field).</summary>
        public int Pid { get; }

        /// <summary>Starting, Initialized or Failed.</summary>
        public CinderDriverStatus Status { get; internal set; }

        /// <summary>Initialization attempts (Cinder retries a failing driver a few times).</summary>
        public int Attempts { get; internal set; }

        /// <summary>Attempts that failed (also counted when a later one succeeded).</summary>
        public int FailedAttempts { get; internal set; }

        /// <summary>The last error this process logged, first line only; null when none.</summary>
        public string? LastError { get; internal set; }

        internal bool Settled => Status != CinderDriverStatus.Starting;

        /// <inheritdoc />
        public override string ToString() =>
            $"{Driver}{(BackendName is null ? "" : " [" + BackendName + "]")} (pid {Pid}): {Status}" + (FailedAttempts > 0 ? $" after {FailedAttempts} failed attempt(s)" : "");
    }
}
