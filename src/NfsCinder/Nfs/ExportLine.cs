using System;
using System.Collections.Generic;
using System.Linq;
using NfsCinder.Values;

namespace NfsCinder.Nfs
{
    /// <summary>
    /// One export entry of an exports(5) file: a path, optional <c>-default</c> options and clients,
    /// on one logical line. The client list follows nfs-utils' getexportent() to the letter,
    /// including its traps, which are reported in <see cref="Warnings"/>.
    /// </summary>
    internal sealed class ExportLine
    {
        private ExportLine(string path, string rawPath, IReadOnlyList<string> defaultOptions, IReadOnlyList<ExportClient> clients,
            IReadOnlyList<ExportLineItem> items, string sourcePath, int lineNumber, int lineCount, string rawText,
            string? trailingComment, IReadOnlyList<string> errors, IReadOnlyList<string> warnings)
        {
            Path = path;
            RawPath = rawPath;
            DefaultOptions = defaultOptions;
            Clients = clients;
            Items = items;
            SourcePath = sourcePath;
            LineNumber = lineNumber;
            LineCount = lineCount;
            RawText = rawText;
            TrailingComment = trailingComment;
            Errors = errors;
            Warnings = warnings;
        }

        /// <summary>The exported directory, decoded (quotes removed, <c>\040</c> turned into a blank).</summary>
        public string Path { get; }

        /// <summary>The path word exactly as written.</summary>
        public string RawPath { get; }

        /// <summary>All <c>-options</c> words of the line, in order.</summary>
        public IReadOnlyList<string> DefaultOptions { get; }

        /// <summary>The clients nfs-utils exports this path to, in order.</summary>
        public IReadOnlyList<ExportClient> Clients { get; }

        /// <summary>The words after the path, in order.</summary>
        internal IReadOnlyList<ExportLineItem> Items { get; }

        /// <summary>The file the line was read from.</summary>
        public string SourcePath { get; }

        /// <summary>1-based number of the line's first physical line.</summary>
        public int LineNumber { get; }

        /// <summary>Physical lines the entry spans (more than one with backslash continuations).</summary>
        public int LineCount { get; }

        /// <summary>The exact source text, continuations included, without the final line break.</summary>
        public string RawText { get; }

        /// <summary>The <c>#</c> comment ending the line, if any.</summary>
        public string? TrailingComment { get; }

        /// <summary>Syntax errors that make exportfs reject the entry.</summary>
        public IReadOnlyList<string> Errors { get; }

        /// <summary>Things that parse but probably do not do what was meant.</summary>
        public IReadOnlyList<string> Warnings { get; }

        /// <inheritdoc/>
        public override string ToString() => RawText;

        /// <summary>Builds the entry from a logical line that has at least one word.</summary>
        internal static ExportLine Build(ExportsLogicalLine line, string text, string sourcePath)
        {
            var errors = new List<string>(line.Errors);
            var warnings = new List<string>(line.Warnings);
            List<ExportsToken> tokens = line.Tokens;
            ExportsToken pathToken = tokens[0];
            string path = pathToken.Value;
            if (!AbsolutePath.IsAbsolute(path))
            {
                errors.Add("the export path '" + path + "' is not absolute: the first word of an entry must be a path starting with '/'.");
            }

            var defaults = new List<string>();
            var items = new List<ExportLineItem>();
            var clients = new List<ExportClient>();
            bool hasDefaults = false;

            void AddImplicit()
            {
                var client = new ExportClient("*", Array.Empty<string>(), false, defaults.ToArray(), ExportClientOrigin.Implicit, null);
                clients.Add(client);
                items.Add(new ExportLineItem(ExportLineItemKind.ImplicitClient, "", Array.Empty<string>(), client));
                warnings.Add(hasDefaults
                    ? "the line ends with a '-options' word and no client after it: nfs-utils exports '" + path + "' to every host (*) with those options. Put a client after the options or remove them."
                    : "no client is given for '" + path + "': nfs-utils exports it to every host (*) with default options. Name the clients, e.g. 10.0.0.0/24(ro,sync,no_subtree_check).");
            }

            int i = 1;
            bool first = true;
            while (true)
            {
                if (i == tokens.Count)
                {
                    if (first) AddImplicit();
                    break;
                }
                ExportsToken token = tokens[i++];
                if (token.Value.StartsWith("-", StringComparison.Ordinal))
                {
                    List<string> options = ExportOptionCatalog.SplitList(token.Value.Substring(1));
                    defaults.AddRange(options);
                    hasDefaults = true;
                    items.Add(new ExportLineItem(ExportLineItemKind.DefaultOptions, Slice(text, token), options.AsReadOnly(), null));
                    if (i == tokens.Count)
                    {
                        AddImplicit();
                        break;
                    }
                    ExportsToken next = tokens[i++];
                    if (next.Value.StartsWith("-", StringComparison.Ordinal))
                    {
                        warnings.Add("'" + next.Value + "' directly follows the default options '" + token.Value +
                            "': nfs-utils reads it as a host name, not as more options. Merge them into one word: '" +
                            token.Value + "," + next.Value.Substring(1) + "'.");
                    }
                    token = next;
                }
                ExportLineItem? previous = items.Count > 0 ? items[items.Count - 1] : null;
                ExportClient client = ParseClient(token, path, defaults.ToArray(), hasDefaults, previous, errors, warnings);
                clients.Add(client);
                items.Add(new ExportLineItem(ExportLineItemKind.Client, Slice(text, token), Array.Empty<string>(), client));
                first = false;
            }

            return new ExportLine(path, Slice(text, pathToken), defaults.AsReadOnly(), clients.AsReadOnly(), items.AsReadOnly(), sourcePath,
                line.FirstLine, line.LineCount, text.Substring(line.Start, line.End - line.Start), line.Comment,
                errors.Distinct().ToList().AsReadOnly(), warnings.Distinct().ToList().AsReadOnly());
        }

        internal static string Slice(string text, ExportsToken token) => text.Substring(token.Start, token.End - token.Start);

        private static ExportClient ParseClient(ExportsToken token, string path, IReadOnlyList<string> defaults, bool hasDefaults,
            ExportLineItem? previous, List<string> errors, List<string> warnings)
        {
            string word = token.Value;
            int open = word.IndexOf('(');
            if (open < 0)
            {
                if (!hasDefaults)
                {
                    warnings.Add("no options for client '" + word + "' of '" + path + "': nfs-utils warns and uses its defaults (ro, sync, root_squash, no_subtree_check...). Write them out, e.g. '" + word + "(ro,sync,no_subtree_check)'.");
                }
                return new ExportClient(word, Array.Empty<string>(), false, defaults, ExportClientOrigin.Explicit, token);
            }

            string inner = word.Substring(open + 1);
            int close = inner.IndexOf(')');
            if (close < 0 || close != inner.Length - 1)
            {
                errors.Add("bad option list in '" + word + "': the options must be closed by one ')' ending the word, with no blank inside (exportfs: syntax error: bad option list).");
                inner = close < 0 ? inner : inner.Substring(0, close);
            }
            else
            {
                inner = inner.Substring(0, close);
            }
            List<string> options = ExportOptionCatalog.SplitList(inner);

            if (open > 0)
            {
                return new ExportClient(word.Substring(0, open), options.AsReadOnly(), true, defaults, ExportClientOrigin.Explicit, token);
            }

            ExportClient? bare = previous?.Client;
            if (bare != null && bare.Origin == ExportClientOrigin.Explicit && !bare.HasOptionList && bare.Token != null)
            {
                warnings.Add("'" + bare.Host + " " + word + "': the blank before '(' makes nfs-utils export '" + path + "' to every host (*) with (" + inner +
                    ") and give '" + bare.Host + "' only the default options. Remove the blank: '" + bare.Host + word + "'.");
            }
            else
            {
                warnings.Add("'" + word + "' has no host name: nfs-utils applies (" + inner + ") to every host (*). Write '*" + word + "' if that is really meant, otherwise put the host name in front.");
            }
            return new ExportClient("*", options.AsReadOnly(), true, defaults, ExportClientOrigin.OptionsWithoutHost, token);
        }
    }
}
