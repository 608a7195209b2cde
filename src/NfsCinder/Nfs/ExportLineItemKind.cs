namespace NfsCinder.Nfs
{
    /// <summary>The kind of a word after the path.</summary>
    internal enum ExportLineItemKind
    {
        /// <summary>A <c>-options</c> word.</summary>
        DefaultOptions,

        /// <summary>A client word.</summary>
        Client,

        /// <summary>Marks an <see cref="ExportClientOrigin.Implicit"/> client; has no text.</summary>
        ImplicitClient,
    }
}
