using System.Collections.Generic;

namespace NfsCinder.Nfs
{
    /// <summary>What <c>showmount -a</c> listed.</summary>
    internal sealed class ShowmountMountList
    {
        /// <summary>Creates a list.</summary>
        public ShowmountMountList(string? server, IReadOnlyList<ShowmountMount> mounts)
        {
            Server = server;
            Mounts = mounts;
        }

        /// <summary>The server named in the <c>All mount points on X:</c> header; null without a header.</summary>
        public string? Server { get; }

        /// <summary>The mounts in the order printed (mountd's rmtab; NFSv4 mounts are not listed).</summary>
        public IReadOnlyList<ShowmountMount> Mounts { get; }
    }
}
