using System;
using System.Linq;
using NfsCinder.Sessions;

namespace NfsCinder.Cinder
{
    /// <summary>The state of the volume service after a restart.</summary>
    public sealed class CinderServiceState
    {
        internal CinderServiceState(string unit, bool active, string state, TimeSpan waited, bool changed, CinderDriverState[] drivers,
            CinderUnmountResult[]? unmounts = null)
        {
            Unmounts = unmounts ?? Array.Empty<CinderUnmountResult>();
            Drivers = drivers;
            Unit = unit;
            Active = active;
            State = state;
            Waited = waited;
            Changed = changed;
        }

        /// <summary>The volume host.</summary>
        public string ComputerName => Session?.ComputerName ?? "";

        /// <summary>openstack-cinder-volume, cinder-volume or devstack@c-vol.</summary>
        public string Unit { get; }

        /// <summary>True when systemd reports the unit active.</summary>
        public bool Active { get; }

        /// <summary>systemctl is-active's answer.</summary>
        public string State { get; }

        /// <summary>Each backend's driver process as the volume log tells this start (empty when the host logs elsewhere).</summary>
        public CinderDriverState[] Drivers { get; }

        /// <summary>Cinder's mounts taken down while the service was stopped (options changed, or stale), and those left because they were busy or failed.</summary>
        public CinderUnmountResult[] Unmounts { get; }

        /// <summary>Mount points unmounted so that the NfsDriver mounts them again with the configured options.</summary>
        public string[] Remounted => Unmounts.Where(u => u.Unmounted && u.Reason == CinderMountStatus.OptionsDiffer).Select(u => u.MountPoint).ToArray();

        /// <summary>Mount points left as they were (busy or failed), with the reason.</summary>
        public string[] LeftMounted => Unmounts.Where(u => !u.Unmounted).Select(u => $"{u.MountPoint}: {u.Detail}").ToArray();

        /// <summary>How long the restart took to come up.</summary>
        public TimeSpan Waited { get; }

        /// <summary>True when this command restarted it.</summary>
        public bool Changed { get; }

        /// <summary>The volume host's session, set by the cmdlet that ran the restart.</summary>
        public NfsCinderSession Session { get; internal set; } = null!;
    }
}
