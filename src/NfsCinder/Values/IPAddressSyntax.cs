using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;

namespace NfsCinder.Values
{
    /// <summary>
    /// The module's one rule for reading an IPv4 or IPv6 address written as text (an exports
    /// client, a share's server, a server given to a cmdlet). Parsing follows inet_pton, stricter
    /// than <see cref="IPAddress.TryParse(string, out IPAddress)"/>, which also takes short forms
    /// such as <c>10.1</c>, reads <c>010.0.0.1</c> as octal and accepts brackets, ports and zones:
    /// such forms are refused, so a file never holds an address whose meaning depends on the
    /// parser that reads it.
    /// </summary>
    internal static class IPAddressSyntax
    {
        /// <summary>Strict dotted quad: four decimal octets 0-255, no leading zeros (inet_pton rules).</summary>
        public static bool TryParseIPv4(string? text, out uint value)
        {
            value = 0;
            if (text is null) return false;
            string[] parts = text.Split('.');
            if (parts.Length != 4) return false;
            foreach (string part in parts)
            {
                if (part.Length == 0 || part.Length > 3 || !part.All(c => c >= '0' && c <= '9')) return false;
                if (part.Length > 1 && part[0] == '0') return false;
                int octet = int.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture);
                if (octet > 255) return false;
                value = (value << 8) | (uint)octet;
            }
            return true;
        }

        /// <summary>An IPv6 address without brackets or zone; an embedded IPv4 tail is allowed (and must be a strict dotted quad).</summary>
        public static bool TryParseIPv6(string? text, out byte[] bytes)
        {
            bytes = Array.Empty<byte>();
            if (text is null || text.Length < 2 || text.IndexOf(':') < 0) return false;
            if (!text.All(c => Uri.IsHexDigit(c) || c == ':' || c == '.')) return false;
            int lastColon = text.LastIndexOf(':');
            string tail = text.Substring(lastColon + 1);
            if (tail.IndexOf('.') >= 0 && !TryParseIPv4(tail, out _)) return false;
            if (!IPAddress.TryParse(text, out IPAddress? address) || address.AddressFamily != AddressFamily.InterNetworkV6) return false;
            bytes = address.GetAddressBytes();
            return true;
        }

        /// <summary>True for a strict dotted-quad IPv4 address.</summary>
        public static bool IsIPv4(string? text) => TryParseIPv4(text, out _);

        /// <summary>True for an IPv6 address without brackets or zone.</summary>
        public static bool IsIPv6(string? text) => TryParseIPv6(text, out _);

        /// <summary>
        /// True when the text can only be meant as an IPv4 address (digits and dots only): no DNS
        /// name is all-numeric, so such text must pass <see cref="IsIPv4"/>.
        /// </summary>
        public static bool LooksLikeIPv4(string text) => text.Length > 0 && text.All(c => (c >= '0' && c <= '9') || c == '.');
    }
}
