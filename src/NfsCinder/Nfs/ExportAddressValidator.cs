using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NfsCinder.Values;

namespace NfsCinder.Nfs
{
    /// <summary>
    /// IPv4 and IPv6 addresses and networks (<c>addr/prefix</c>, <c>addr/dotted-mask</c>,
    /// <c>addr/ipv6-mask</c>) in an exports client. Addresses are read by the module's one rule,
    /// <see cref="IPAddressSyntax"/> (inet_pton: no short or octal forms, no brackets or zones).
    /// Deciding whether a client is an address at all is the host check's job; this class only
    /// checks the form of text already classified as one.
    /// </summary>
    internal static class ExportAddressValidator
    {
        /// <summary>Checks a single IPv4 address such as <c>192.168.1.10</c>.</summary>
        public static ExportValidationResult ValidateIPv4(string address)
        {
            if (IPAddressSyntax.TryParseIPv4(address, out _)) return ExportValidationResult.Valid;
            return Error("The host '" + address + "' is not a valid IPv4 address. Write four decimal numbers 0-255 without leading zeros, e.g. 192.168.1.10.");
        }

        /// <summary>Checks a single IPv6 address such as <c>2001:db8::10</c> (no brackets, no zone).</summary>
        public static ExportValidationResult ValidateIPv6(string address)
        {
            if (IPAddressSyntax.TryParseIPv6(address, out _)) return ExportValidationResult.Valid;
            return Error("The host '" + address + "' is not a valid IPv6 address. Write it like 2001:db8::10, without brackets or zone (%).");
        }

        /// <summary>
        /// Checks a network: an IPv4 address with a prefix length or a contiguous dotted mask, or an
        /// IPv6 address with a prefix length or a contiguous IPv6 mask. Host bits set, and networks
        /// that match every address, are warnings: exportfs accepts them, but they rarely mean what
        /// was intended.
        /// </summary>
        public static ExportValidationResult ValidateNetwork(string network)
        {
            var errors = new List<string>();
            var warnings = new List<string>();
            int slash = network?.IndexOf('/') ?? -1;
            if (slash < 0)
            {
                errors.Add("The network '" + network + "' has no '/'. Write address/prefix, e.g. 10.0.0.0/24 or 2001:db8::/64.");
            }
            else
            {
                CheckNetwork(network!, slash, errors, warnings);
            }
            return new ExportValidationResult(errors, warnings);
        }

        private static void CheckNetwork(string host, int slash, List<string> errors, List<string> warnings)
        {
            string address = host.Substring(0, slash);
            string mask = host.Substring(slash + 1);
            if (mask.IndexOf('/') >= 0)
            {
                errors.Add("The network '" + host + "' has more than one '/'. Write address/prefix, e.g. 10.0.0.0/24.");
                return;
            }
            if (IPAddressSyntax.TryParseIPv4(address, out uint v4))
            {
                uint maskBits;
                if (mask.IndexOf('.') >= 0)
                {
                    if (!IPAddressSyntax.TryParseIPv4(mask, out maskBits))
                    {
                        errors.Add("The netmask '" + mask + "' of '" + host + "' is not a valid dotted IPv4 mask such as 255.255.255.0.");
                        return;
                    }
                    uint inverted = ~maskBits;
                    if ((inverted & (inverted + 1)) != 0)
                    {
                        errors.Add("The netmask '" + mask + "' of '" + host + "' is not contiguous (its one bits must all come first). Use a prefix length, e.g. " + address + "/24.");
                        return;
                    }
                }
                else
                {
                    if (!TryParsePrefix(mask, 32, out int prefix))
                    {
                        errors.Add("The prefix length '" + mask + "' of '" + host + "' is not a number from 0 to 32.");
                        return;
                    }
                    maskBits = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
                }
                if ((v4 & ~maskBits) != 0)
                {
                    uint network = v4 & maskBits;
                    string networkText = string.Join(".", new[] { network >> 24, (network >> 16) & 255, (network >> 8) & 255, network & 255 }.Select(b => b.ToString(CultureInfo.InvariantCulture)));
                    warnings.Add("The network '" + host + "' has host bits set; nfs-utils matches the whole network " + networkText + "/" + mask + ". Write it that way to avoid confusion.");
                }
                if (maskBits == 0) warnings.Add("The network '" + host + "' matches every IPv4 address. Give a narrower network.");
                return;
            }

            if (IPAddressSyntax.TryParseIPv6(address, out byte[] v6))
            {
                byte[] maskBytes;
                if (mask.IndexOf(':') >= 0)
                {
                    if (!IPAddressSyntax.TryParseIPv6(mask, out maskBytes) || !IsContiguous(maskBytes))
                    {
                        errors.Add("The IPv6 mask '" + mask + "' of '" + host + "' is not a valid contiguous mask. Use a prefix length, e.g. " + address + "/64.");
                        return;
                    }
                }
                else
                {
                    if (!TryParsePrefix(mask, 128, out int prefix))
                    {
                        errors.Add("The prefix length '" + mask + "' of '" + host + "' is not a number from 0 to 128.");
                        return;
                    }
                    maskBytes = new byte[16];
                    for (int i = 0; i < 16; i++)
                    {
                        int bits = Math.Max(0, Math.Min(8, prefix - i * 8));
                        maskBytes[i] = (byte)(0xFF << (8 - bits));
                    }
                }
                if (Enumerable.Range(0, 16).Any(i => (v6[i] & ~maskBytes[i]) != 0))
                {
                    warnings.Add("The network '" + host + "' has host bits set; nfs-utils matches the whole network. Write the network address with its prefix.");
                }
                if (maskBytes.All(b => b == 0)) warnings.Add("The network '" + host + "' matches every IPv6 address. Give a narrower network.");
                return;
            }

            errors.Add("The network '" + host + "' does not start with a valid IPv4 or IPv6 address. Write address/prefix, e.g. 10.0.0.0/24 or 2001:db8::/64.");
        }

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

        private static ExportValidationResult Error(string message) => new ExportValidationResult(new[] { message }, Array.Empty<string>());
    }
}
