using System;
using System.Collections.Generic;
using System.Linq;
using NfsCinder.Execution;
using NfsCinder.Sessions;

namespace NfsCinder.Nfs
{
    /// <summary>One read of a server's exports files, live exports and name (one round trip).</summary>
    internal sealed class ExportsState
    {
        internal const string DefaultFile = "/etc/exports";

        private ExportsState(string? hostName, IReadOnlyDictionary<string, ExportsDocument> files, IReadOnlyList<ExportfsEntry> live)
        {
            HostName = hostName;
            Files = files;
            Live = live;
        }

        public string? HostName { get; }

        /// <summary>Every exports file by path, /etc/exports first.</summary>
        public IReadOnlyDictionary<string, ExportsDocument> Files { get; }

        public IReadOnlyList<ExportfsEntry> Live { get; }

        /// <summary>Directories stat-ed by the read (path → stat), for the export cmdlets' checks.</summary>
        public IReadOnlyDictionary<string, DirectoryStat?> Directories { get; private set; } = new Dictionary<string, DirectoryStat?>();

        public static CommandSpec Query(params string[] directories) => RemoteScripts.Spec("read-exports", directories).For("Reading the exports files");

        public static ExportsState Read(ICommandHost host, params string[] directories) =>
            Parse(host.Run(Query(directories)).StandardOutput);

        /// <summary>Parses the output of <see cref="Query"/>; a file's section keeps its bytes as they are.</summary>
        public static ExportsState Parse(string output)
        {
            var sections = SectionedOutput.Parse(output);
            string? hostName = sections.FirstLine("hostname")?.Trim();
            var files = new Dictionary<string, ExportsDocument>(StringComparer.Ordinal);
            foreach (string name in sections.Names.Where(n => n.StartsWith("file:", StringComparison.Ordinal)))
            {
                string path = name.Substring(5);
                files[path] = ExportsDocument.Parse(sections.Raw(name)!, path);
            }
            string live = sections.Raw("live") ?? "";
            var directories = sections.Names.Where(n => n.StartsWith("dir:", StringComparison.Ordinal))
                .ToDictionary(n => n.Substring(4), n => DirectoryStat.Parse(sections.Raw(n)!), StringComparer.Ordinal);
            return new ExportsState(string.IsNullOrEmpty(hostName) ? null : hostName, files, ExportfsOutput.ParseVerbose(live)) { Directories = directories };
        }

        /// <summary>The file and line that export a path, if any.</summary>
        public (ExportsDocument Document, ExportLine Line)? Find(string path)
        {
            foreach (var file in Files.Values)
            {
                ExportLine? line = file.Find(path);
                if (line is not null) return (file, line);
            }
            return null;
        }

        /// <summary>The document to edit for a path: the file already holding it, else the requested one.</summary>
        public ExportsDocument DocumentFor(string path, string? file)
        {
            var found = Find(path);
            if (found is not null) return found.Value.Document;
            string target = file ?? DefaultFile;
            return Files.TryGetValue(target, out var document) ? document : ExportsDocument.Parse("", target);
        }

        public NfsExport Describe(NfsCinderSession session, ExportLine line, bool changed, string? backupPath) =>
            new NfsExport(session, HostName, line.Path, line.Clients.Select(c => new NfsExportClient(c.Host, c.EffectiveOptions.ToArray(), LiveOptions(line.Path, c.Host))).ToArray(),
                line.SourcePath, line.LineNumber, changed, backupPath);

        public IEnumerable<NfsExport> DescribeAll(NfsCinderSession session) =>
            Files.Values.SelectMany(f => f.Exports).Select(line => Describe(session, line, changed: false, backupPath: null));

        private string[]? LiveOptions(string path, string host)
        {
            var entry = Live.FirstOrDefault(e => e.Path == path && string.Equals(e.Client, host, StringComparison.OrdinalIgnoreCase));
            return entry?.Options.ToArray();
        }
    }
}
