using System.Collections.Generic;

namespace NfsCinder.Nfs
{
    /// <summary>A word after the path, kept so that an edited line can keep the others as written.</summary>
    internal sealed class ExportLineItem
    {
        internal ExportLineItem(ExportLineItemKind kind, string text, IReadOnlyList<string> options, ExportClient? client)
        {
            Kind = kind;
            Text = text;
            Options = options;
            Client = client;
        }

        public ExportLineItemKind Kind { get; }

        /// <summary>The source text of the word (empty for <see cref="ExportLineItemKind.ImplicitClient"/>).</summary>
        public string Text { get; }

        /// <summary>For <see cref="ExportLineItemKind.DefaultOptions"/>: the options of the word.</summary>
        public IReadOnlyList<string> Options { get; }

        public ExportClient? Client { get; }
    }
}
