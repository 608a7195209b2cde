using System.Collections.Generic;
using System.Linq;
using NfsCinder.Sessions;

namespace NfsCinder.Cinder
{
    /// <summary>An NFS backend of Cinder on a volume host: cinder.conf settings and the shares file.</summary>
    public sealed class CinderNfsBackend
    {
        internal CinderNfsBackend(NfsCinderSession session, string backendName, CinderLayout layout, string sharesFile, CinderNfsShare[] shares,
            IDictionary<string, string> options, string mountPointBase, bool changed, string[] backupPaths, bool restarted)
        {
            Session = session;
            ComputerName = session.ComputerName;
            BackendName = backendName;
            Layout = layout;
            SharesFile = sharesFile;
            Shares = shares;
            Options = new SortedDictionary<string, string>(options);
            MountPoints = shares.Select(s => CinderBackendEditor.MountPointOf(s.Share, mountPointBase)).ToArray();
            Changed = changed;
            BackupPaths = backupPaths;
            Restarted = restarted;
        }

        /// <summary>The Cinder volume host.</summary>
        public string ComputerName { get; }

        /// <summary>Backend name (its section and its volume_backend_name).</summary>
        public string BackendName { get; }

        /// <summary>MultiBackend or Default.</summary>
        public CinderLayout Layout { get; }

        /// <summary>Always /etc/cinder/cinder.conf.</summary>
        public string ConfigFile => CinderFiles.ConfigFile;

        /// <summary>nfs_shares_config.</summary>
        public string SharesFile { get; }

        /// <summary>The shares Cinder mounts.</summary>
        public CinderNfsShare[] Shares { get; }

        /// <summary>The backend's other settings in cinder.conf (nfs_*, nas_*, volume_backend_name).</summary>
        public IReadOnlyDictionary<string, string> Options { get; }

        /// <summary>Where Cinder mounts each share: nfs_mount_point_base/md5(share).</summary>
        public string[] MountPoints { get; }

        /// <summary>True when this command changed cinder.conf or the shares file.</summary>
        public bool Changed { get; }

        /// <summary>Copies of the files this command replaced.</summary>
        public string[] BackupPaths { get; }

        /// <summary>True when this command restarted the volume service.</summary>
        public bool Restarted { get; }

        /// <summary>The volume host's session.</summary>
        public NfsCinderSession Session { get; }
    }

    /// <summary>Paths Cinder uses.</summary>
    internal static class CinderFiles
    {
        internal const string ConfigFile = "/etc/cinder/cinder.conf";
        internal const string DefaultSharesFile = "/etc/cinder/nfsshares";
        internal const string DefaultMountPointBase = "/var/lib/cinder/mnt";

        /// <summary>cinder.conf parsed, and the shares files read with it in the same round trip.</summary>
        internal sealed class Snapshot
        {
            private readonly IReadOnlyDictionary<string, Files.RemoteFileContent?> _files;

            public Snapshot(IniDocument config, IReadOnlyDictionary<string, Files.RemoteFileContent?> files)
            {
                Config = config;
                _files = files;
            }

            public IniDocument Config { get; }

            /// <summary>A file read with the config; null when it does not exist (or was not read).</summary>
            public Files.RemoteFileContent? File(string path) => _files.TryGetValue(path, out var file) ? file : null;

            /// <summary>True when the path was part of the read (so null from File means absent).</summary>
            public bool WasRead(string path) => _files.ContainsKey(path);
        }
    }
}
