using System.Collections.Generic;

namespace NfsCinder.Nfs
{
    /// <summary>What <c>showmount -e</c> listed.</summary>
    internal sealed class ShowmountExportList
    {
        /// <summary>Creates a list.</summary>
        public ShowmountExportList(string? server, IReadOnlyList<ShowmountExport> exports)
        {
            Server = server;
            Exports = exports;
        }

        /// <summary>The server named in the <c>Export list for X:</c> header; null with <c>--no-headers</c>.</summary>
        public string? Server { get; }

        /// <summary>The exports in the order printed.</summary>
        public IReadOnlyList<ShowmountExport> Exports { get; }
    }
}
