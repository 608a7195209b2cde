namespace NfsCinder.Hosts
{
    /// <summary>How services are managed on the host.</summary>
    public enum InitSystem
    {
        /// <summary>Not recognised, for example a container whose PID 1 is not an init system.</summary>
        Unknown = 0,

        /// <summary>systemd is PID 1 (<c>/run/systemd/system</c> exists); use <c>systemctl</c>.</summary>
        Systemd,

        /// <summary>
        /// SysV rc scripts, driven by <c>service</c> and <c>chkconfig</c>/<c>update-rc.d</c>.
        /// Also reported for RHEL/CentOS 6, whose PID 1 is Upstart 0.6 but whose services are all SysV scripts.
        /// </summary>
        SysVinit,

        /// <summary>Upstart manages services through its own jobs (<c>initctl</c>), as on Ubuntu 14.04.</summary>
        Upstart,
    }
}
