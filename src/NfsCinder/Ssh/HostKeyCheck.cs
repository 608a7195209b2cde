using System.Collections.Generic;

namespace NfsCinder.Ssh
{
    /// <summary>The result of <see cref="KnownHostsFile.Check"/>.</summary>
    internal sealed class HostKeyCheck
    {
        internal HostKeyCheck(HostKeyMatch match, string presentedKeyType, string presentedFingerprint,
            IReadOnlyList<string> knownFingerprints, IReadOnlyList<string> knownKeyTypes, int? lineNumber)
        {
            Match = match;
            PresentedKeyType = presentedKeyType;
            PresentedFingerprint = presentedFingerprint;
            KnownFingerprints = knownFingerprints;
            KnownKeyTypes = knownKeyTypes;
            LineNumber = lineNumber;
        }

        /// <summary>The verdict.</summary>
        public HostKeyMatch Match { get; }

        /// <summary>Key type read from the presented blob, e.g. <c>ssh-ed25519</c>.</summary>
        public string PresentedKeyType { get; }

        /// <summary><c>SHA256:...</c> fingerprint of the presented key, as <c>ssh-keygen -lf</c> prints it.</summary>
        public string PresentedFingerprint { get; }

        /// <summary>Fingerprints of this host's entries of the presented key type.</summary>
        public IReadOnlyList<string> KnownFingerprints { get; }

        /// <summary>All key types on record for this host.</summary>
        public IReadOnlyList<string> KnownKeyTypes { get; }

        /// <summary>1-based line of the matching (Known, Revoked) or first conflicting (Changed) entry.</summary>
        public int? LineNumber { get; }
    }
}
