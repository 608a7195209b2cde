using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;

namespace NfsCinder.Nfs
{
    internal static partial class ExportValidator
    {
        private const string HostCharacters = "letters, digits and - . * ? [ ] : / @";

        /// <summary>
        /// Checks a client host specification the way nfs-utils' client_gettype() classifies it:
        /// <c>*</c>; <c>@netgroup</c>; wildcard names (<c>*</c>, <c>?</c>, <c>[a-z]</c>); networks
        /// (<c>addr/prefix</c>, <c>addr/dotted-mask</c>, IPv4 or IPv6); IPv4 and IPv6 addresses; RFC 1123
        /// host names. <c>gss/krb5</c> pseudo-hosts and bracketed IPv6 (which nfs-utils would take as a
        /// wildcard character class) are rejected with the form to use instead.
        /// </summary>
        public static ExportValidationResult ValidateHost(string host)
        {
            var errors = new List<string>();
            var warnings = new List<string>();
            ExportValidationResult Done() => new ExportValidationResult(errors, warnings);

            if (host is null || host.Length == 0)
            {
                errors.Add("The host is empty. Give a host name, address or network; '*' means every host.");
                return Done();
            }
            for (int i = 0; i < host.Length; i++)
            {
                char c = host[i];
                bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-.*?[]^:/@_".IndexOf(c) >= 0;
                if (allowed) continue;
                if (char.IsControl(c)) { errors.Add(Values.HostValue.Problem(host, "The host")!); return Done(); }
                string hint = c == '(' || c == ')' ? " Options go in parentheses right after the host, e.g. host(rw); they are not part of the host."
                    : c > 126 && !char.IsControl(c) && !char.IsWhiteSpace(c) ? " Write internationalised names in their ASCII (xn--) form."
                    : "";
                errors.Add("The host '" + Display(host) + "' contains " + Describe(c) + " at position " + i + ". A host may only contain " + HostCharacters + "." + hint);
                return Done();
            }

            if (host.All(c => c == '*')) return Done();

            if (host[0] == '@')
            {
                string group = host.Substring(1);
                if (group.Length == 0 || !group.All(c => char.IsLetterOrDigit(c) || c == '_' || c == '-' || c == '.'))
                {
                    errors.Add("The netgroup '" + host + "' is not valid: after '@' give a NIS netgroup name made of letters, digits, '_', '-' and '.'.");
                }
                return Done();
            }

            if (host.StartsWith("gss/", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add("The pseudo-host '" + host + "' is the obsolete gss/ client syntax. Export to real clients and require Kerberos with sec=krb5, sec=krb5i or sec=krb5p.");
                return Done();
            }

            if (host.IndexOf('_') >= 0)
            {
                errors.Add("The host '" + host + "' contains '_', which host names may not contain (RFC 1123); only netgroups (@name) may. Use the real DNS name.");
                return Done();
            }

            if (host[0] == '[')
            {
                int close = host.IndexOf(']');
                if (close > 0 && TryParseIPv6(host.Substring(1, close - 1), out _))
                {
                    string fixedHost = host.Substring(1, close - 1) + host.Substring(close + 1);
                    errors.Add("The host '" + host + "' puts an IPv6 address in brackets. nfs-utils reads '[' as a wildcard character class, so it would never match; write '" + fixedHost + "'.");
                    return Done();
                }
            }

            // client_gettype(): any of * ? [ makes a wildcard, checked before '/'.
            if (host.IndexOfAny(new[] { '*', '?', '[' }) >= 0 || host.IndexOf(']') >= 0)
            {
                ValidateWildcard(host, errors, warnings);
                return Done();
            }
            if (host.IndexOf('^') >= 0)
            {
                errors.Add("The host '" + host + "' contains '^', which is only allowed inside a [...] character class.");
                return Done();
            }
            if (host.IndexOf('@') >= 0)
            {
                errors.Add("The host '" + host + "' contains '@' after its start. Use '@name' for a netgroup, or a plain host name.");
                return Done();
            }

            int slash = host.IndexOf('/');
            if (slash >= 0)
            {
                ValidateNetwork(host, slash, errors, warnings);
                return Done();
            }

            if (host.IndexOf(':') >= 0)
            {
                if (!TryParseIPv6(host, out _))
                {
                    errors.Add("The host '" + host + "' is not a valid IPv6 address. Write it like 2001:db8::10, without brackets or zone (%).");
                }
                return Done();
            }

            if (host.All(c => char.IsDigit(c) || c == '.'))
            {
                if (!TryParseIPv4(host, out _))
                {
                    errors.Add("The host '" + host + "' is not a valid IPv4 address. Write four decimal numbers 0-255 without leading zeros, e.g. 192.168.1.10.");
                }
                return Done();
            }

            ValidateHostName(host, errors);
            return Done();
        }

        private static void ValidateHostName(string host, List<string> errors)
        {
            if (host.EndsWith(".", StringComparison.Ordinal))
            {
                errors.Add("The host name '" + host + "' ends with '.'. Write it without the trailing dot: '" + host.TrimEnd('.') + "'.");
                return;
            }
            if (host.Length > 253)
            {
                errors.Add("The host name '" + host + "' is longer than 253 characters (RFC 1123).");
                return;
            }
            string[] labels = host.Split('.');
            foreach (string label in labels)
            {
                if (label.Length == 0)
                {
                    errors.Add("The host name '" + host + "' has an empty label (a leading dot or '..').");
                    return;
                }
                if (label.Length > 63)
                {
                    errors.Add("The host name '" + host + "' has a label longer than 63 characters (RFC 1123).");
                    return;
                }
                if (!label.All(c => char.IsLetterOrDigit(c) || c == '-'))
                {
                    errors.Add("The host name '" + host + "' has the label '" + label + "' with characters other than letters, digits and '-'.");
                    return;
                }
                if (label[0] == '-' || label[label.Length - 1] == '-')
                {
                    errors.Add("The host name '" + host + "' has the label '" + label + "' starting or ending with '-' (RFC 1123 forbids it).");
                    return;
                }
            }
            if (labels.Length > 1 && labels[labels.Length - 1].All(char.IsDigit))
            {
                errors.Add("The host '" + host + "' is neither a valid IPv4 address nor a host name (its last label is numeric). Write an address as four decimal numbers, e.g. 192.168.1.10.");
            }
        }

        private static void ValidateWildcard(string host, List<string> errors, List<string> warnings)
        {
            if (host.IndexOf(':') >= 0 || host.IndexOf('/') >= 0)
            {
                errors.Add("The host '" + host + "' mixes wildcards with an address or network. Wildcards match host names only; give a network such as 192.168.1.0/24 or 2001:db8::/64.");
                return;
            }
            if (host.IndexOf('@') >= 0)
            {
                errors.Add("The host '" + host + "' mixes wildcards with '@'. Netgroups are written '@name' without wildcards.");
                return;
            }
            int depth = 0, classStart = -1;
            for (int i = 0; i < host.Length; i++)
            {
                char c = host[i];
                if (c == '[')
                {
                    if (depth > 0) { errors.Add("The wildcard '" + host + "' nests '[' inside a [...] class."); return; }
                    depth = 1;
                    classStart = i;
                }
                else if (c == ']')
                {
                    if (depth == 0) { errors.Add("The wildcard '" + host + "' has ']' without '['."); return; }
                    string content = host.Substring(classStart + 1, i - classStart - 1);
                    if (content.TrimStart('^').Length == 0) { errors.Add("The wildcard '" + host + "' has an empty [...] class."); return; }
                    if (content.Substring(1).IndexOf('^') >= 0 || content.IndexOfAny(new[] { '.', '*', '?' }) >= 0)
                    {
                        errors.Add("The wildcard '" + host + "' has the class [" + content + "]; a class may hold letters, digits, ranges like a-z and a leading '^'.");
                        return;
                    }
                    depth = 0;
                }
                else if (c == '^' && depth == 0)
                {
                    errors.Add("The wildcard '" + host + "' has '^' outside a [...] class.");
                    return;
                }
            }
            if (depth != 0)
            {
                errors.Add("The wildcard '" + host + "' opens '[' without closing ']'.");
                return;
            }
            string[] labels = host.Split('.');
            if (labels.Any(l => l.Length == 0))
            {
                errors.Add("The wildcard '" + host + "' has an empty label (a leading or trailing dot, or '..').");
                return;
            }
            bool looksNumeric = labels.Length > 1 && labels.All(l => l.All(c => char.IsDigit(c) || c == '*' || c == '?' || c == '[' || c == ']' || c == '-' || c == '^'));
            if (looksNumeric)
            {
                warnings.Add("The wildcard '" + host + "' looks like an IP address pattern, but nfs-utils matches wildcards against host names from reverse DNS, not addresses. Use a network such as 192.168.1.0/24.");
            }
        }

        private static void ValidateNetwork(string host, int slash, List<string> errors, List<string> warnings)
        {
            string address = host.Substring(0, slash);
            string mask = host.Substring(slash + 1);
            if (mask.IndexOf('/') >= 0)
            {
                errors.Add("The network '" + host + "' has more than one '/'. Write address/prefix, e.g. 10.0.0.0/24.");
                return;
            }
            if (TryParseIPv4(address, out uint v4))
            {
                uint maskBits;
                if (mask.IndexOf('.') >= 0)
                {
                    if (!TryParseIPv4(mask, out maskBits))
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

            if (TryParseIPv6(address, out byte[] v6))
            {
                byte[] maskBytes;
                if (mask.IndexOf(':') >= 0)
                {
                    if (!TryParseIPv6(mask, out maskBytes) || !IsContiguous(maskBytes))
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
    }
}
