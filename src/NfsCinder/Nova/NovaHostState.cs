using System;
using NfsCinder.Cinder;
using NfsCinder.Execution;
using NfsCinder.Files;

namespace NfsCinder.Nova
{
    /// <summary>What the nova.conf cmdlets decide from, read in one round trip (Scripts/read-nova-host.sh).</summary>
    internal sealed class NovaHostState
    {
        private NovaHostState(string configFile, RemoteFileContent? file, string? pythonBaseDir)
        {
            ConfigFile = configFile;
            File = file;
            Config = file is { Unreadable: null } ? new NovaConfiguration(IniDocument.Parse(file.Text), pythonBaseDir) : null;
        }

        public string ConfigFile { get; }

        /// <summary>nova.conf as read (with owner, group and mode); null when the host has none.</summary>
        public RemoteFileContent? File { get; }

        /// <summary>What nova.conf means; null when absent or unreadable.</summary>
        public NovaConfiguration? Config { get; }

        /// <summary>Why nova.conf is there but could not be read, or null.</summary>
        public string? Unreadable => File?.Unreadable;

        public static CommandSpec Query(string configFile) =>
            RemoteScripts.Spec("read-nova-host", configFile).For($"Reading {configFile}");

        public static NovaHostState Parse(string output, string configFile)
        {
            var sections = SectionedOutput.Parse(output);
            if (!sections.Has("end")) throw new FormatException("The answer ended before its last section.");
            var files = RemoteFile.ParseFiles(sections.Lines("files"));
            if (!files.TryGetValue(configFile, out var file)) throw new FormatException($"No answer for {configFile}.");
            return new NovaHostState(configFile, file, sections.FirstLine("pybasedir"));
        }
    }
}
