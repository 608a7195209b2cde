using System;
using System.Collections.Generic;

namespace NfsCinder.Nfs
{
    /// <summary>One line of <c>showmount -e</c>: an exported path and who may mount it.</summary>
    internal sealed class ShowmountExport
    {
        /// <summary>Creates an entry.</summary>
        public ShowmountExport(string path, IReadOnlyList<string> clients)
        {
            Path = path ?? throw new ArgumentNullException(nameof(path));
            Clients = clients ?? throw new ArgumentNullException(nameof(clients));
        }

        /// <summary>The exported path (spaces are literal).</summary>
        public string Path { get; }

        /// <summary>The client list split on commas; showmount's <c>(everyone)</c> is given as <c>*</c>.</summary>
        public IReadOnlyList<string> Clients { get; }
    }
}
