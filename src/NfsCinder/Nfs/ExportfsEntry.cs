using System;
using System.Collections.Generic;

namespace NfsCinder.Nfs
{
    /// <summary>One export as listed by <c>exportfs -v</c> (or read from <c>/var/lib/nfs/etab</c>).</summary>
    internal sealed class ExportfsEntry
    {
        /// <summary>Creates an entry.</summary>
        public ExportfsEntry(string path, string client, IReadOnlyList<string> options)
        {
            Path = path ?? throw new ArgumentNullException(nameof(path));
            Client = client ?? throw new ArgumentNullException(nameof(client));
            Options = options ?? throw new ArgumentNullException(nameof(options));
        }

        /// <summary>The exported directory, as the server prints it (spaces are literal).</summary>
        public string Path { get; }

        /// <summary>The client: a host, <c>a.b.c.d/len</c>, <c>@netgroup</c>, a wildcard; <c>*</c> for exportfs's <c>&lt;world&gt;</c>.</summary>
        public string Client { get; }

        /// <summary>The effective options in the order printed; empty when exportfs printed none (no <c>-v</c>).</summary>
        public IReadOnlyList<string> Options { get; }

        /// <inheritdoc />
        public override string ToString() => $"{Path} {Client}({string.Join(",", Options)})";
    }
}
