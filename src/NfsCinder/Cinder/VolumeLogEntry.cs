using System;

namespace NfsCinder.Cinder
{
    /// <summary>One oslo.log line of cinder-volume.log: "2026-11-24 16:16:18.305 514 ERROR cinder.volume.manager [req] message".</summary>
    internal sealed class VolumeLogEntry
    {
        internal VolumeLogEntry(DateTime time, int pid, string level, string logger, string message)
        {
            Time = time;
            Pid = pid;
            Level = level;
            Logger = logger;
            Message = message;
        }

        internal DateTime Time { get; }
        internal int Pid { get; }
        internal string Level { get; }
        internal string Logger { get; }
        internal string Message { get; }
        internal bool IsError => Level == "ERROR" || Level == "CRITICAL";
    }
}
