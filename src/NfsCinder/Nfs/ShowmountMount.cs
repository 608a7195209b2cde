using System;

namespace NfsCinder.Nfs
{
    /// <summary>One <c>client:path</c> line of <c>showmount -a</c>.</summary>
    internal sealed class ShowmountMount
    {
        /// <summary>Creates an entry.</summary>
        public ShowmountMount(string client, string path)
        {
            Client = client ?? throw new ArgumentNullException(nameof(client));
            Path = path ?? throw new ArgumentNullException(nameof(path));
        }

        /// <summary>The client's name or address as mountd recorded it.</summary>
        public string Client { get; }

        /// <summary>The path the client mounted.</summary>
        public string Path { get; }
    }
}
