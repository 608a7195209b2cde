using System.Text.RegularExpressions;

namespace NfsCinder.Nfs
{
    /// <summary>What may name an NFS server on a command line: a DNS name or an IPv4/IPv6 address.</summary>
    internal static class NfsServerName
    {
        private static readonly Regex Pattern = new Regex(@"^([A-Za-z0-9]([A-Za-z0-9\-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9\-]*[A-Za-z0-9])?)*|[0-9A-Fa-f:.]+)$");

        public static bool IsValid(string server) => Pattern.IsMatch(server);
    }
}
