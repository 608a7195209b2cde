using System;
using System.Collections.Generic;
using System.Linq;

namespace NfsCinder.Cinder
{
    /// <summary>
    /// The files a backend change writes, in the order they must reach the host: the shares
    /// file first, since cinder.conf must never name a file that is not there yet; then
    /// cinder.conf. Only files whose content or metadata differ are in it. The user approves each
    /// file on its own (<see cref="Decide"/>); a cinder.conf that would name a new shares file
    /// whose writing was declined is not written either.
    /// </summary>
    internal sealed class CinderWritePlan
    {
        private CinderWritePlan(CinderBackendChange change, IReadOnlyList<CinderFileWrite> steps)
        {
            Change = change;
            Steps = steps;
        }

        public CinderBackendChange Change { get; }

        /// <summary>The writes, in order; empty when the host already has it all.</summary>
        public IReadOnlyList<CinderFileWrite> Steps { get; }

        /// <summary>True when a real run would write something.</summary>
        public bool Planned => Steps.Count > 0;

        /// <summary>Set-CinderNfsBackend's plan: the backend's shares file (when the change gives one) and cinder.conf (when edited).</summary>
        public static CinderWritePlan ForBackend(CinderBackendChange change, CinderConfiguration config, CinderHostState state, string configFile, string backendName, CinderLayout layout)
        {
            var steps = new List<CinderFileWrite>();
            if (change.SharesFile is { } sharesFile && change.SharesText is { } sharesText)
            {
                var shares = CinderFileWrite.Shares(sharesFile, sharesText,
                    $"Write the shares of backend '{backendName}' ({string.Join(", ", CinderSharesFile.Parse(sharesText).Shares)}) as root:cinder 0640", state.File(sharesFile) is null);
                if (Differs(state, shares)) steps.Add(shares);
            }
            if (change.ConfigChanged) steps.Add(CinderFileWrite.Config(configFile, config.Document.Render(), $"Configure NFS backend '{backendName}' ({layout})"));
            return new CinderWritePlan(change, steps);
        }

        /// <summary>Add- and Remove-CinderNfsShare's plan: the backend's shares file alone.</summary>
        public static CinderWritePlan ForShares(CinderBackendChange change, CinderHostState state, string what, string backendName)
        {
            string sharesFile = change.SharesFile ?? throw new ArgumentException("The change names no shares file.", nameof(change));
            var shares = CinderFileWrite.Shares(sharesFile, change.SharesText ?? "", $"{what} (backend '{backendName}')", state.File(sharesFile) is null);
            return new CinderWritePlan(change, Differs(state, shares) ? new[] { shares } : Array.Empty<CinderFileWrite>());
        }

        private static bool Differs(CinderHostState state, CinderFileWrite write) =>
            !(state.File(write.Path) is { } before && before.Matches(write.Request));

        /// <summary>
        /// The writes the user approved, in order. <paramref name="approve"/> is asked once per
        /// file (ShouldProcess). Under -WhatIf every step is shown, so a declined new shares file
        /// does not hide cinder.conf's change; at a prompt it does, and cinder.conf is left.
        /// </summary>
        public CinderWriteDecision Decide(Func<CinderFileWrite, bool> approve, bool isWhatIf)
        {
            var approved = new List<CinderFileWrite>();
            bool newSharesDeclined = false;
            string? left = null;
            foreach (var step in Steps)
            {
                if (step.IsConfig && newSharesDeclined)
                {
                    left = $"{step.Path} left as it is: it would name {Change.SharesFile}, whose writing was declined.";
                    continue;
                }
                if (approve(step)) approved.Add(step);
                else if (!step.IsConfig && step.IsNew && !isWhatIf) newSharesDeclined = true;
            }
            return new CinderWriteDecision(this, approved, left);
        }
    }
}
