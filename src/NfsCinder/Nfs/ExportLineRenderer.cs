using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace NfsCinder.Nfs
{
    /// <summary>
    /// Writes the entry lines <see cref="ExportsDocument"/> edits: the canonical line for a new or
    /// replaced export, an edited entry re-rendered from its items, and words encoded so that
    /// nfs-utils reads them back as they were meant.
    /// </summary>
    internal static class ExportLineRenderer
    {
        /// <summary>
        /// Re-renders an edited entry: path and remaining words as written (a word spanning a continuation
        /// is re-encoded), adjacent <c>-options</c> words merged (nfs-utils would read the second as a host),
        /// a <c>-options</c> word left without a client after it dropped, the trailing comment kept.
        /// </summary>
        internal static string RenderItems(ExportLine entry, List<ExportLineItem> items)
        {
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

        internal static string WithComment(string content, string? comment) => comment is null ? content : content + " " + comment;

        /// <summary>Canonical entry text: path, TAB, optional <c>-defaults</c>, then the clients separated by blanks.</summary>
        internal static string RenderCanonical(string exportPath, IReadOnlyList<ExportClientSpec> clients, IReadOnlyList<string> defaults, string sourcePath)
        {
            var builder = new StringBuilder(EncodePath(exportPath)).Append('\t');
            if (defaults.Count > 0) builder.Append('-').Append(string.Join(",", defaults)).Append(' ');
            builder.Append(string.Join(" ", clients.Select(c => c.ToString())));
            string content = builder.ToString();
            VerifyRendering(content, exportPath, clients, defaults, sourcePath);
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
        private static void VerifyRendering(string content, string exportPath, IReadOnlyList<ExportClientSpec> clients, IReadOnlyList<string> defaults, string sourcePath)
        {
            List<ExportsLogicalLine> lines = ExportsLexer.Split(content);
            ExportLine? line = lines.Count == 1 && lines[0].Tokens.Count > 0 ? ExportLine.Build(lines[0], content, sourcePath) : null;
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
