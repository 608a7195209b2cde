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

        public static CommandSpec Query() => CommandSpec.Script("read-exports", NfsScripts.ReadExports).For("Reading the exports files");

        public static ExportsState Read(NfsCinderSession session, RunContext context) => Parse(session.Run(Query(), context).StandardOutput);

        /// <summary>Sections are cut on their marker lines exactly, so file bytes survive as they are.</summary>
        public static ExportsState Parse(string output)
        {
            const string lead = "\n" + NfsScripts.SectionPrefix;
            var sections = new List<KeyValuePair<string, string>>();
            int at = output.IndexOf(lead, StringComparison.Ordinal);
            while (at >= 0)
            {
                int nameStart = at + lead.Length;
                int nameEnd = output.IndexOf("@@\n", nameStart, StringComparison.Ordinal);
                if (nameEnd < 0) break;
                int bodyStart = nameEnd + 3;
                int next = output.IndexOf(lead, bodyStart - 1, StringComparison.Ordinal);
                string body = next < 0 ? output.Substring(bodyStart) : output.Substring(bodyStart, Math.Max(0, next - bodyStart));
                sections.Add(new KeyValuePair<string, string>(output.Substring(nameStart, nameEnd - nameStart), body));
                at = next;
            }
            string? hostName = sections.FirstOrDefault(s => s.Key == "hostname").Value?.Trim();
            var files = new Dictionary<string, ExportsDocument>(StringComparer.Ordinal);
            foreach (var section in sections.Where(s => s.Key.StartsWith("file:", StringComparison.Ordinal)))
            {
                string path = section.Key.Substring(5);
                files[path] = ExportsDocument.Parse(section.Value, path);
            }
            string live = sections.FirstOrDefault(s => s.Key == "live").Value ?? "";
            return new ExportsState(string.IsNullOrEmpty(hostName) ? null : hostName, files, ExportfsOutput.ParseVerbose(live));
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
