using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace NfsCinder.Nfs
{
    internal sealed partial class ExportsDocument
    {
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
                replacements[index] = RenderItems(index, items);
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
                    replacements[index] = HasClients(items) ? RenderItems(index, items) : null;
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
                replacements[index] = keep ? RenderItems(index, items) : null;
            }
            if (replacements.Count == 0) return false;
            return Commit(Rebuild(replacements, null));
        }

        private static bool HasClients(IEnumerable<ExportLineItem> items) => items.Any(i => i.Kind == ExportLineItemKind.Client);

        /// <summary>
        /// Re-renders an edited entry: path and remaining words as written (a word spanning a continuation
        /// is re-encoded), adjacent <c>-options</c> words merged (nfs-utils would read the second as a host),
        /// a <c>-options</c> word left without a client after it dropped, the trailing comment kept.
        /// </summary>
        private string RenderItems(int index, List<ExportLineItem> items)
        {
            ExportLine entry = _entries[index]!;
            var words = new List<string>();
            ExportLineItem? pendingDefaults = null;
            var mergedDefaults = new List<string>();

            void FlushDefaults()
            {
                if (pendingDefaults is null) return;
                words.Add(mergedDefaults.Count == pendingDefaults.Options.Count ? OneLine(pendingDefaults.Text, "-" + string.Join(",", mergedDefaults))
                    : "-" + string.Join(",", mergedDefaults));
                pendingDefaults = null;
                mergedDefaults.Clear();
            }

            for (int i = 0; i < items.Count; i++)
            {
                ExportLineItem item = items[i];
                switch (item.Kind)
                {
                    case ExportLineItemKind.DefaultOptions:
                        pendingDefaults ??= item;
                        mergedDefaults.AddRange(item.Options);
                        break;
                    case ExportLineItemKind.ImplicitClient:
                        FlushDefaults();
                        break;
                    default:
                        FlushDefaults();
                        words.Add(item.Client is null ? item.Text : OneLine(item.Text, item.Client.Token!.Value));
                        break;
                }
            }
            // A "-options" word with nothing after it would make an every-host export; drop it.

            string path = OneLine(entry.RawPath, EncodePath(entry.Path));
            return WithComment(path + "\t" + string.Join(" ", words), entry.TrailingComment);
        }

        private static string OneLine(string raw, string decoded) =>
            raw.IndexOf('\n') < 0 ? raw : decoded.IndexOfAny(new[] { ' ', '\t', '"', '#', '\\' }) < 0 ? decoded : EncodeWord(decoded);

        /// <summary>Canonical entry text: path, TAB, optional <c>-defaults</c>, then the clients separated by blanks.</summary>
        private string RenderCanonical(string exportPath, IReadOnlyList<ExportClientSpec> clients, IReadOnlyList<string> defaults)
        {
            var builder = new StringBuilder(EncodePath(exportPath)).Append('\t');
            if (defaults.Count > 0) builder.Append('-').Append(string.Join(",", defaults)).Append(' ');
            builder.Append(string.Join(" ", clients.Select(c => c.ToString())));
            string content = builder.ToString();
            VerifyRendering(content, exportPath, clients, defaults);
            return content;
        }

        /// <summary>
        /// The path as an exports word: in double quotes when it holds blanks (as exports(5) suggests), with
        /// a backslash written as <c>\134</c> so it cannot start an octal escape or continuation.
        /// </summary>
        internal static string EncodePath(string path) => EncodeWord(path);

        private static string EncodeWord(string value)
        {
            string escaped = value.Replace("\\", "\\134").Replace("\"", "\\042").Replace("\t", "\\011");
            return escaped.IndexOf(' ') >= 0 || escaped.IndexOf('#') == 0 ? "\"" + escaped + "\"" : escaped;
        }

        // Belt and braces: the rendered line must read back as exactly what was asked for.
        private void VerifyRendering(string content, string exportPath, IReadOnlyList<ExportClientSpec> clients, IReadOnlyList<string> defaults)
        {
            List<ExportsLogicalLine> lines = ExportsLexer.Split(content);
            ExportLine? line = lines.Count == 1 && lines[0].Tokens.Count > 0 ? ExportLine.Build(lines[0], content, SourcePath) : null;
            bool same = line != null && line.Errors.Count == 0 && line.Path == exportPath &&
                        line.DefaultOptions.SequenceEqual(defaults, StringComparer.Ordinal) &&
                        line.Clients.Count == clients.Count &&
                        line.Clients.Zip(clients, (have, want) => have.Origin == ExportClientOrigin.Explicit && have.Host == want.Host && have.Options.SequenceEqual(want.Options)).All(b => b);
            if (!same)
            {
                throw new InvalidOperationException("The exports line rendered for '" + exportPath + "' does not read back as the same export: " + content);
            }
        }
    }
}
