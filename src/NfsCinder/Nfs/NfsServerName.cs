using System.Text.RegularExpressions;
using NfsCinder.Values;

namespace NfsCinder.Nfs
{
    /// <summary>
    /// What may name an NFS server on a command line: a DNS name, a strict IPv4 address or an IPv6
    /// address without brackets, addresses read by the module's one rule (<see cref="IPAddressSyntax"/>).
    /// </summary>
    internal static class NfsServerName
    {
        private static readonly Regex DnsName = new Regex(@"^[A-Za-z0-9]([A-Za-z0-9\-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9\-]*[A-Za-z0-9])?)*$", RegexOptions.CultureInvariant);

        /// <summary>True for a DNS name, an IPv4 address (digits and dots must be one) or an IPv6 address (anything with a ':' must be one).</summary>
        public static bool IsValid(string server)
        {
            if (string.IsNullOrEmpty(server)) return false;
            if (server.IndexOf(':') >= 0) return IPAddressSyntax.IsIPv6(server);
            if (IPAddressSyntax.LooksLikeIPv4(server)) return IPAddressSyntax.IsIPv4(server);
            return DnsName.IsMatch(server);
        }
    }
}
