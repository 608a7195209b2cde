using System;
using System.Collections.Generic;
using System.Linq;
using NfsCinder.Execution;
using NfsCinder.Files;
using NfsCinder.Nfs;

namespace NfsCinder.Cinder
{
    /// <summary>
    /// What the backend cmdlets decide from, read in one round trip
    /// (Scripts/read-cinder-host.sh): cinder.conf, the shares files it names, the mount table
    /// and the installed Cinder's version.
    /// </summary>
    internal sealed class CinderHostState
    {
        private readonly Dictionary<string, RemoteFileContent?> _files;

        private CinderHostState(string configFile, Dictionary<string, RemoteFileContent?> files, IReadOnlyList<MountTableEntry> mounts, Version? cinderVersion)
        {
            ConfigFile = configFile;
            _files = files;
            Mounts = mounts;
            CinderVersion = cinderVersion;
            var conf = files.TryGetValue(configFile, out var c) ? c : null;
            ConfigUnreadable = conf?.Unreadable;
            Config = conf is null || conf.Unreadable is not null ? null : new CinderConfiguration(IniDocument.Parse(conf.Text));
        }

        public string ConfigFile { get; }

        /// <summary>cinder.conf as read; null when the host has none.</summary>
        public CinderConfiguration? Config { get; }

        /// <summary>The host's NFS mounts.</summary>
        public IReadOnlyList<MountTableEntry> Mounts { get; }

        /// <summary>The installed Cinder's version, or null when no package metadata says.</summary>
        public Version? CinderVersion { get; }

        /// <summary>Why cinder.conf exists but could not be read, or null.</summary>
        public string? ConfigUnreadable { get; }

        /// <summary>A file read with the config; null when absent or not read.</summary>
        public RemoteFileContent? File(string path) => _files.TryGetValue(path, out var file) ? file : null;

        /// <summary>The text of a file read with the config; null when absent (or not read, or unreadable: see <see cref="Known"/>).</summary>
        public string? Text(string path) => File(path) is { Unreadable: null } file ? file.Text : null;

        /// <summary>True when the read tells what the path holds: absent, or read; false when not read or unreadable.</summary>
        public bool Known(string path) => _files.TryGetValue(path, out var file) && file?.Unreadable is null;

        /// <summary>The shares files the configuration uses that this read did not cover (a path the host's reference scan wrote otherwise, such as $state_path/...).</summary>
        public IReadOnlyList<string> NotRead => Config is null ? Array.Empty<string>() : Config.SharesFilesInUse.Where(p => !_files.ContainsKey(p)).ToList();

        /// <summary>Why a file is there but could not be read, or null.</summary>
        public string? Unreadable(string path) => File(path)?.Unreadable;

        /// <summary>Adds the files of a second read.</summary>
        public void Add(CinderHostState other)
        {
            foreach (var file in other._files) if (file.Key != ConfigFile) _files[file.Key] = file.Value;
        }

        /// <summary>The read: cinder.conf, Cinder's default shares file, the extra paths, and every file cinder.conf names.</summary>
        public static CommandSpec Query(string configFile, IEnumerable<string> extraPaths) =>
            RemoteScripts.Spec("read-cinder-host", new[] { CinderNfsOptions.SharesConfig }.Concat(
                    new[] { configFile, CinderNfsOptions.Find(CinderNfsOptions.SharesConfig)!.CinderDefault! }.Concat(extraPaths).Distinct(StringComparer.Ordinal)).ToArray())
                .For($"Reading {configFile} and its shares files");

        public static CinderHostState Parse(string output, string configFile)
        {
            var sections = SectionedOutput.Parse(output);
            return new CinderHostState(configFile, RemoteFile.ParseFiles(sections.Lines("files")),
                MountTable.ParseProcMounts(string.Join("\n", sections.Lines("mounts"))),
                CinderBackendProbe.ParseVersion(sections.FirstLine("cinder-version")));
        }
    }
}
