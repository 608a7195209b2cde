using System;
using System.Linq;
using NfsCinder.Sessions;

namespace NfsCinder.Nfs
{
    /// <summary>An NFS mount on a client host, with its df figures when the server answered.</summary>
    public sealed class NfsMount
    {
        internal NfsMount(NfsCinderSession session, MountTableEntry entry, DfRow? usage, bool responding, bool persistent, bool changed)
        {
            Session = session;
            ComputerName = session.ComputerName;
            Server = entry.Server;
            ExportPath = entry.ExportPath;
            MountPath = entry.MountPoint;
            FsType = entry.FsType;
            Version = entry.Version;
            Options = entry.Options.ToArray();
            Soft = entry.IsSoft;
            SizeBytes = usage?.SizeBytes;
            UsedBytes = usage?.UsedBytes;
            AvailableBytes = usage?.AvailableBytes;
            UsePercent = usage?.UsePercent;
            Responding = responding;
            Persistent = persistent;
            Changed = changed;
        }

        internal NfsMount(NfsCinderSession session, string server, string exportPath, string mountPath, bool persistent, bool changed)
        {
            Session = session;
            ComputerName = session.ComputerName;
            Server = server;
            ExportPath = exportPath;
            MountPath = mountPath;
            FsType = "";
            Options = Array.Empty<string>();
            Persistent = persistent;
            Changed = changed;
        }

        /// <summary>Host that has the mount (the NFS client).</summary>
        public string ComputerName { get; }

        /// <summary>NFS server as the client names it.</summary>
        public string Server { get; }

        /// <summary>Exported directory on the server.</summary>
        public string ExportPath { get; }

        /// <summary>server:/path, as mount shows it.</summary>
        public string Source => NfsShareAddress.Format(Server, ExportPath);

        /// <summary>Where it is mounted on the client.</summary>
        public string MountPath { get; }

        /// <summary>nfs or nfs4.</summary>
        public string FsType { get; }

        /// <summary>NFS protocol version in use (vers=).</summary>
        public string? Version { get; }

        /// <summary>Mount options in effect.</summary>
        public string[] Options { get; }

        /// <summary>Soft mount: I/O fails after retries instead of waiting for the server forever.</summary>
        public bool Soft { get; }

        /// <summary>Size of the exported filesystem, when the server answered.</summary>
        public long? SizeBytes { get; }

        /// <summary>Used bytes, when the server answered.</summary>
        public long? UsedBytes { get; }

        /// <summary>Available bytes, when the server answered.</summary>
        public long? AvailableBytes { get; }

        /// <summary>df's use%, when the server answered.</summary>
        public int? UsePercent { get; }

        /// <summary>False when df on the mount did not answer in time: the server is dead or unreachable.</summary>
        public bool Responding { get; }

        /// <summary>True when /etc/fstab has a line for this mount point.</summary>
        public bool Persistent { get; }

        /// <summary>True when this command mounted, dismounted or changed fstab.</summary>
        public bool Changed { get; }

        /// <summary>The client's session, so the mount pipes into Dismount-NfsShare.</summary>
        public NfsCinderSession Session { get; }

        /// <inheritdoc />
        public override string ToString() => $"{Source} on {MountPath}";
    }
}
