using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace NfsCinder.Nfs
{
    /// <summary>
    /// An exports(5) file (/etc/exports or /etc/exports.d/*.exports) that can be edited without
    /// disturbing anything else: <see cref="Render"/> gives back the original text byte for byte until
    /// an edit, and an edit rewrites only the entry lines it concerns. Reading follows nfs-utils
    /// (xio.c and getexportent()) closely; see <see cref="ExportLine"/> and <see cref="ExportsLexer"/>.
    /// </summary>
    internal sealed class ExportsDocument
    {
        private string _text = "";
        private List<ExportsLogicalLine> _lines = new List<ExportsLogicalLine>();
        private List<ExportLine?> _entries = new List<ExportLine?>();

        private ExportsDocument(string sourcePath)
        {
            SourcePath = sourcePath;
        }

        /// <summary>The file the text came from (used in messages and <see cref="ExportLine.SourcePath"/>).</summary>
        public string SourcePath { get; }

        /// <summary>The export entries in file order.</summary>
        public IReadOnlyList<ExportLine> Exports { get; private set; } = Array.Empty<ExportLine>();

        /// <summary>The line break used for added lines: the file's first one, or LF.</summary>
        public string Newline { get; private set; } = "\n";

        /// <summary>Syntax errors, each as <c>file:line: message</c>.</summary>
        public IReadOnlyList<string> Errors { get; private set; } = Array.Empty<string>();

        /// <summary>Surprising constructs nfs-utils accepts, each as <c>file:line: message</c>.</summary>
        public IReadOnlyList<string> Warnings { get; private set; } = Array.Empty<string>();

        /// <summary>Reads exports text. Never throws on content: problems land in <see cref="Errors"/> and <see cref="Warnings"/>.</summary>
        public static ExportsDocument Parse(string text, string path)
        {
            if (text is null) throw new ArgumentNullException(nameof(text));
            if (path is null) throw new ArgumentNullException(nameof(path));
            var document = new ExportsDocument(path);
            document.Load(text);
            return document;
        }

        /// <summary>The document text: the parsed text itself when nothing was changed.</summary>
        public string Render() => _text;

        /// <summary>The first entry for exactly this path (after decoding quotes and octal escapes), or null.</summary>
        public ExportLine? Find(string exportPath)
        {
            if (exportPath is null) throw new ArgumentNullException(nameof(exportPath));
            return Exports.FirstOrDefault(e => string.Equals(e.Path, exportPath, StringComparison.Ordinal));
        }

        /// <summary>All entries for this path (a path may appear on several lines).</summary>
        public IReadOnlyList<ExportLine> FindAll(string exportPath)
        {
            if (exportPath is null) throw new ArgumentNullException(nameof(exportPath));
            return Exports.Where(e => string.Equals(e.Path, exportPath, StringComparison.Ordinal)).ToList().AsReadOnly();
        }

        private void Load(string text)
        {
            _text = text;
            _lines = ExportsLexer.Split(text);
            _entries = _lines.Select(l => l.Tokens.Count > 0 ? ExportLine.Build(l, text, SourcePath) : null).ToList();
            Exports = _entries.Where(e => e != null).Select(e => e!).ToList().AsReadOnly();

            int firstBreak = text.IndexOf('\n');
            Newline = firstBreak > 0 && text[firstBreak - 1] == '\r' ? "\r\n" : "\n";

            var errors = new List<string>();
            var warnings = new List<string>();
            bool crlf = false;
            for (int i = 0; i < _lines.Count; i++)
            {
                ExportsLogicalLine line = _lines[i];
                string where = SourcePath + ":" + line.FirstLine + ": ";
                ExportLine? entry = _entries[i];
                errors.AddRange((entry?.Errors ?? line.Errors).Select(e => where + e));
                warnings.AddRange((entry?.Warnings ?? line.Warnings).Select(w => where + w));
                if (line.Terminator == "\r\n")
                {
                    crlf = true;
                    if (line.Tokens.Count == 0 && line.Comment is null)
                    {
                        warnings.Add(where + "a blank line ending in CRLF: nfs-utils stops reading the file here and ignores every export below. Convert the file to LF line endings.");
                    }
                }
            }
            if (crlf)
            {
                warnings.Insert(0, SourcePath + ": the file has CRLF (Windows) line endings; nfs-utils reads the CR as part of the text. Convert it to LF line endings.");
            }
            Errors = errors.AsReadOnly();
            Warnings = warnings.AsReadOnly();
        }

        /// <summary>
        /// Makes <paramref name="exportPath"/> export to exactly <paramref name="clients"/>. The first line
        /// for the path is rewritten canonically (path, TAB, <c>-defaults</c>, clients; a trailing comment
        /// is kept) and any further lines for it are removed; without a line, one is appended at the end.
        /// A line that already says the same is left untouched.
        /// </summary>
        /// <returns>Whether the text changed.</returns>
        /// <exception cref="ArgumentException">The path, a client or a default option is not valid; nothing was changed.</exception>
        public bool Upsert(string exportPath, IReadOnlyList<ExportClientSpec> clients, IReadOnlyList<string>? defaultOptions = null)
        {
            ExportValidator.ValidatePath(exportPath).ThrowIfInvalid(nameof(exportPath));
            if (clients is null) throw new ArgumentNullException(nameof(clients));
            if (clients.Count == 0)
            {
                throw new ArgumentException("At least one client is required: an exports line without clients is exported to every host.", nameof(clients));
            }
            if (clients.Any(c => c is null)) throw new ArgumentException("A client is null.", nameof(clients));
            string? duplicate = clients.GroupBy(c => c.Host, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).FirstOrDefault();
            if (duplicate != null)
            {
                throw new ArgumentException("The client '" + duplicate + "' is given more than once. Give each host once, with all its options.", nameof(clients));
            }
            var defaults = (defaultOptions ?? Array.Empty<string>()).ToList();
            ExportValidator.ValidateOptionSyntax(defaults).ThrowIfInvalid(nameof(defaultOptions));

            string content = ExportLineRenderer.RenderCanonical(exportPath, clients, defaults, SourcePath);
            List<int> indexes = IndexesOf(exportPath);
            if (indexes.Count == 0) return Commit(Rebuild(new Dictionary<int, string?>(), content));

            ExportLine existing = _entries[indexes[0]]!;
            if (indexes.Count == 1 && SaysTheSame(existing, clients, defaults)) return false;

            var replacements = new Dictionary<int, string?>();
            replacements[indexes[0]] = ExportLineRenderer.WithComment(content, existing.TrailingComment);
            foreach (int index in indexes.Skip(1)) replacements[index] = null;
            return Commit(Rebuild(replacements, null));
        }

        /// <summary>Removes every line for <paramref name="exportPath"/>, continuation lines included; comment lines stay.</summary>
        /// <returns>Whether the text changed.</returns>
        public bool Remove(string exportPath)
        {
            if (exportPath is null) throw new ArgumentNullException(nameof(exportPath));
            List<int> indexes = IndexesOf(exportPath);
            if (indexes.Count == 0) return false;
            return Commit(Rebuild(indexes.ToDictionary(i => i, i => (string?)null), null));
        }

        /// <summary>
        /// Adds <paramref name="client"/> to the export of <paramref name="exportPath"/>, or replaces the
        /// client with the same host (host names compare ignoring case, as in nfs-utils). A new client goes
        /// at the end of the path's first line and so also gets that line's <c>-defaults</c>. Other clients,
        /// default options and comments on the line are kept as written; further occurrences of the same
        /// host for this path are removed.
        /// </summary>
        /// <returns>Whether the text changed (false when the client is already there exactly so).</returns>
        /// <exception cref="InvalidOperationException">No line exports the path; use <see cref="Upsert"/>.</exception>
        public bool SetClient(string exportPath, ExportClientSpec client)
        {
            ExportValidator.ValidatePath(exportPath).ThrowIfInvalid(nameof(exportPath));
            if (client is null) throw new ArgumentNullException(nameof(client));
            List<int> indexes = IndexesOf(exportPath);
            if (indexes.Count == 0)
            {
                throw new InvalidOperationException("No line in " + SourcePath + " exports '" + exportPath + "'. Use Upsert to add the export.");
            }

            var occurrences = new List<(int Line, ExportLineItem Item)>();
            foreach (int index in indexes)
            {
                foreach (ExportLineItem item in _entries[index]!.Items)
                {
                    if (item.Kind == ExportLineItemKind.Client && string.Equals(item.Client!.Host, client.Host, StringComparison.OrdinalIgnoreCase))
                    {
                        occurrences.Add((index, item));
                    }
                }
            }

            if (occurrences.Count == 1)
            {
                ExportClient have = occurrences[0].Item.Client!;
                if (have.Origin == ExportClientOrigin.Explicit && string.Equals(have.Host, client.Host, StringComparison.Ordinal) &&
                    have.HasOptionList == (client.Options.Count > 0) && have.Options.SequenceEqual(client.Options, StringComparer.Ordinal))
                {
                    return false;
                }
            }

            var replacements = new Dictionary<int, string?>();
            string token = client.ToString();
            if (occurrences.Count == 0)
            {
                int index = indexes[0];
                List<ExportLineItem> items = _entries[index]!.Items.ToList();
                // Insert before a trailing "-options" that stands for an implicit every-host client, so that
                // client keeps its options and the new one does not inherit them.
                int at = items.Count;
                if (at >= 2 && items[at - 1].Kind == ExportLineItemKind.ImplicitClient && items[at - 2].Kind == ExportLineItemKind.DefaultOptions) at -= 2;
                items.Insert(at, new ExportLineItem(ExportLineItemKind.Client, token, Array.Empty<string>(), null));
                replacements[index] = ExportLineRenderer.RenderItems(_entries[index]!, items);
            }
            else
            {
                ExportLineItem first = occurrences[0].Item;
                foreach (int index in occurrences.Select(o => o.Line).Distinct())
                {
                    var items = new List<ExportLineItem>();
                    foreach (ExportLineItem item in _entries[index]!.Items)
                    {
                        if (item == first) items.Add(new ExportLineItem(ExportLineItemKind.Client, token, Array.Empty<string>(), null));
                        else if (!occurrences.Any(o => o.Item == item)) items.Add(item);
                    }
                    replacements[index] = HasClients(items) ? ExportLineRenderer.RenderItems(_entries[index]!, items) : null;
                }
            }
            return Commit(Rebuild(replacements, null));
        }

        /// <summary>
        /// Removes the client <paramref name="host"/> (ignoring case; <c>*</c> also matches a host-less
        /// <c>(options)</c> word) from every line of <paramref name="exportPath"/>. A line left without
        /// clients is removed, since an exports line without clients is exported to every host.
        /// </summary>
        /// <returns>Whether the text changed.</returns>
        public bool RemoveClient(string exportPath, string host)
        {
            if (exportPath is null) throw new ArgumentNullException(nameof(exportPath));
            if (host is null) throw new ArgumentNullException(nameof(host));
            string wanted = ExportValidator.NormaliseHost(host);
            var replacements = new Dictionary<int, string?>();
            foreach (int index in IndexesOf(exportPath))
            {
                ExportLine entry = _entries[index]!;
                List<ExportLineItem> items = entry.Items
                    .Where(i => !(i.Kind == ExportLineItemKind.Client && string.Equals(i.Client!.Host, wanted, StringComparison.OrdinalIgnoreCase)))
                    .ToList();
                if (items.Count == entry.Items.Count) continue;
                bool keep = HasClients(items) || items.Any(i => i.Kind == ExportLineItemKind.ImplicitClient);
                replacements[index] = keep ? ExportLineRenderer.RenderItems(entry, items) : null;
            }
            if (replacements.Count == 0) return false;
            return Commit(Rebuild(replacements, null));
        }

        private static bool HasClients(IEnumerable<ExportLineItem> items) => items.Any(i => i.Kind == ExportLineItemKind.Client);

        private List<int> IndexesOf(string exportPath)
        {
            var result = new List<int>();
            for (int i = 0; i < _entries.Count; i++)
            {
                if (_entries[i] != null && string.Equals(_entries[i]!.Path, exportPath, StringComparison.Ordinal)) result.Add(i);
            }
            return result;
        }

        private bool Commit(string text)
        {
            if (string.Equals(text, _text, StringComparison.Ordinal)) return false;
            Load(text);
            return true;
        }

        /// <summary>
        /// The text with some logical lines replaced (new content, original line break kept) or
        /// removed (null), and optionally one line appended on a line of its own.
        /// </summary>
        private string Rebuild(IDictionary<int, string?> replacements, string? append)
        {
            var builder = new StringBuilder(_text.Length + (append?.Length ?? 0) + 2);
            for (int i = 0; i < _lines.Count; i++)
            {
                ExportsLogicalLine line = _lines[i];
                if (replacements.TryGetValue(i, out string? content))
                {
                    if (content != null) builder.Append(content).Append(line.Terminator);
                }
                else
                {
                    builder.Append(_text, line.Start, line.End - line.Start + line.Terminator.Length);
                }
            }
            if (append != null)
            {
                if (builder.Length > 0 && builder[builder.Length - 1] != '\n') builder.Append(Newline);
                builder.Append(append).Append(Newline);
            }
            return builder.ToString();
        }

        private static bool SaysTheSame(ExportLine line, IReadOnlyList<ExportClientSpec> clients, IReadOnlyList<string> defaults)
        {
            if (line.Errors.Count > 0) return false;
            List<ExportLineItem> defaultItems = line.Items.Where(i => i.Kind == ExportLineItemKind.DefaultOptions).ToList();
            if (defaults.Count == 0 ? defaultItems.Count != 0
                : defaultItems.Count != 1 || line.Items[0] != defaultItems[0] || !defaultItems[0].Options.SequenceEqual(defaults, StringComparer.Ordinal))
            {
                return false;
            }
            if (line.Clients.Count != clients.Count) return false;
            for (int i = 0; i < clients.Count; i++)
            {
                ExportClient have = line.Clients[i];
                if (have.Origin != ExportClientOrigin.Explicit || have.HasOptionList != (clients[i].Options.Count > 0)) return false;
                if (!string.Equals(have.Host, clients[i].Host, StringComparison.Ordinal)) return false;
                if (!have.Options.SequenceEqual(clients[i].Options, StringComparer.Ordinal)) return false;
            }
            return true;
        }
    }
}
