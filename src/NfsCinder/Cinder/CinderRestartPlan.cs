using System;
using System.Collections.Generic;
using System.Linq;

namespace NfsCinder.Cinder
{
    /// <summary>
    /// A restart of cinder-volume and the Cinder mounts that must go first: os-brick skips a share
    /// that is already mounted, so a mount whose options are no longer the configured ones, or of
    /// a share no backend lists (stale), only changes when it is unmounted before the restart.
    /// </summary>
    internal sealed class CinderRestartPlan
    {
        private CinderRestartPlan(IReadOnlyList<CinderMount> renew) => Renew = renew;

        /// <summary>The mounts to take down before the restart.</summary>
        public IReadOnlyList<CinderMount> Renew { get; }

        /// <summary>From what the host will have: its configuration, its shares files, its mounts; <paramref name="formerBases"/> are mount point bases the change moved away from.</summary>
        public static CinderRestartPlan For(CinderConfiguration live, Func<string, string?> sharesText, CinderHostState state, params string?[] formerBases) =>
            new CinderRestartPlan(CinderMounts.Survey(live, sharesText, state.Mounts, formerBases.Where(b => b is not null).Select(b => b!), state.Known)
                .Where(m => m.NeedsRenewal).ToList());

        /// <summary>No mount renewed (Restart-CinderVolumeService -KeepMounts).</summary>
        public static CinderRestartPlan KeepingMounts() => new CinderRestartPlan(Array.Empty<CinderMount>());

        /// <summary>
        /// True when a mount to renew is the backend's own business: a share of it whose options
        /// changed, or a stale mount under its mount point base (now or before this change).
        /// Another backend's drifted mount does not make a second run of this backend's cmdlet restart.
        /// </summary>
        public bool Concerns(string backendName, params string?[] bases) =>
            Renew.Any(m => m.BackendName == backendName
                || m.Status == CinderMountStatus.Stale && bases.Any(b => b is not null && m.MountPoint.StartsWith(b.TrimEnd('/') + "/", StringComparison.Ordinal)));

        /// <summary>
        /// Whether a backend cmdlet's -Restart restarts: when a file changed, when a mount of the
        /// backend must be renewed, or (under -WhatIf) when a real run would write.
        /// </summary>
        public bool IsWanted(bool changed, bool isWhatIf, bool planned, string backendName, params string?[] bases) =>
            changed || Concerns(backendName, bases) || isWhatIf && planned;

        /// <summary>What the restart does, in the words of the ShouldProcess prompt.</summary>
        public string Action => "Restart cinder-volume" + (Renew.Count == 0 ? "" : $", unmounting first {string.Join(", ", Renew.Select(m => m.MountPoint))}");
    }
}
