using System;

namespace NfsCinder.Nfs
{
    /// <summary>A <c>client:/path</c> pair from an <c>exporting</c> / <c>unexporting</c> line.</summary>
    internal sealed class ExportTarget
    {
        /// <summary>Creates a pair.</summary>
        public ExportTarget(string client, string path)
        {
            Client = client ?? throw new ArgumentNullException(nameof(client));
            Path = path ?? throw new ArgumentNullException(nameof(path));
        }

        /// <summary>The client as exportfs printed it (<c>*</c>, <c>10.0.0.0/24</c>, <c>@group</c>, an IPv6 address ...).</summary>
        public string Client { get; }

        /// <summary>The exported directory.</summary>
        public string Path { get; }

        /// <inheritdoc />
        public override string ToString() => Client + ":" + Path;
    }
}
