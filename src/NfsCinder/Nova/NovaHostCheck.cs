using NfsCinder.Cinder;
using NfsCinder.Sessions;

namespace NfsCinder.Nova
{
    /// <summary>One verification of a compute host for Cinder's NFS volumes, with what to do when it is not Pass.</summary>
    public sealed class NovaHostCheck
    {
        internal NovaHostCheck(string check, string? target, CheckStatus status, string detail, string? remedy = null)
        {
            Check = check;
            Target = target;
            Status = status;
            Detail = detail;
            Remedy = status == CheckStatus.Pass ? null : remedy;
        }

        /// <summary>The compute host.</summary>
        public string ComputerName { get; internal set; } = "";

        /// <summary>Stable check name: NovaConfiguration, NfsClient, Hypervisor, SELinux, VirtUseNfs, MountOptions, ShareMountable, DryAttach.</summary>
        public string Check { get; }

        /// <summary>The share, backend or file the check is about.</summary>
        public string? Target { get; }

        /// <summary>The Cinder backends the share or options come from, when the check is about them.</summary>
        public string[] BackendName { get; internal set; } = System.Array.Empty<string>();

        /// <summary>Pass, Warn or Fail.</summary>
        public CheckStatus Status { get; }

        /// <summary>What was found.</summary>
        public string Detail { get; }

        /// <summary>What to do (a cmdlet call where one fixes it); null on Pass.</summary>
        public string? Remedy { get; }

        /// <summary>The compute host's session.</summary>
        public NfsCinderSession? Session { get; internal set; }

        /// <inheritdoc />
        public override string ToString() => $"{Status} {Check}{(Target is null ? "" : " " + Target)}: {Detail}";
    }
}
