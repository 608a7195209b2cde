using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;

namespace NfsCinder.Nfs
{
    internal static partial class ExportValidator
    {
        private static bool IsContiguous(byte[] mask)
        {
            bool zeroSeen = false;
            foreach (byte b in mask)
            {
                for (int bit = 7; bit >= 0; bit--)
                {
                    bool one = (b >> bit & 1) == 1;
                    if (one && zeroSeen) return false;
                    if (!one) zeroSeen = true;
                }
            }
            return true;
        }

        private static bool TryParsePrefix(string text, int max, out int prefix)
        {
            prefix = -1;
            if (text.Length == 0 || text.Length > 3 || !text.All(c => c >= '0' && c <= '9')) return false;
            prefix = int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
            return prefix <= max;
        }

        /// <summary>Strict dotted quad: four decimal octets 0-255, no leading zeros (inet_pton rules).</summary>
        internal static bool TryParseIPv4(string text, out uint value)
        {
            value = 0;
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

        /// <summary>An IPv6 address without brackets or zone; an embedded IPv4 tail is allowed.</summary>
        internal static bool TryParseIPv6(string text, out byte[] bytes)
        {
            bytes = Array.Empty<byte>();
            if (text.Length < 2 || text.IndexOf(':') < 0) return false;
            if (!text.All(c => Uri.IsHexDigit(c) || c == ':' || c == '.')) return false;
            int lastColon = text.LastIndexOf(':');
            string tail = text.Substring(lastColon + 1);
            if (tail.IndexOf('.') >= 0 && !TryParseIPv4(tail, out _)) return false;
            if (!IPAddress.TryParse(text, out IPAddress? address) || address.AddressFamily != AddressFamily.InterNetworkV6) return false;
            bytes = address.GetAddressBytes();
            return true;
        }
    }
}
