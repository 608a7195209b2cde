using NfsCinder.Sessions;

namespace NfsCinder.Cinder
{
    /// <summary>One verification of an NFS backend on a Cinder volume host, with what to do when it is not Pass.</summary>
    public sealed class CinderBackendCheck
    {
        internal CinderBackendCheck(string check, string? target, CheckStatus status, string detail, string? remedy = null)
        {
            Check = check;
            Target = target;
            Status = status;
            Detail = detail;
            Remedy = status == CheckStatus.Pass ? null : remedy;
        }

        /// <summary>The Cinder volume host.</summary>
        public string ComputerName { get; internal set; } = "";

        /// <summary>The backend checked.</summary>
        public string BackendName { get; internal set; } = "";

        /// <summary>Stable check name: Configuration, SharesFile, SharesFilePermissions, VolumeService, ShareReachable, ShareMounted, MountOptions, CinderCanWrite, StaleMounts, DriverStarted, VolumeLog.</summary>
        public string Check { get; }

        /// <summary>The share, file or unit the check is about.</summary>
        public string? Target { get; }

        /// <summary>Pass, Warn or Fail.</summary>
        public CheckStatus Status { get; }

        /// <summary>What was found.</summary>
        public string Detail { get; }

        /// <summary>What to do (a cmdlet call where one fixes it); null on Pass.</summary>
        public string? Remedy { get; }

        /// <summary>The volume host's session.</summary>
        public NfsCinderSession? Session { get; internal set; }

        /// <inheritdoc />
        public override string ToString() => $"{Status} {Check}{(Target is null ? "" : " " + Target)}: {Detail}";
    }
}
