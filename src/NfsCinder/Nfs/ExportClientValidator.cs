using System;
using System.Collections.Generic;
using System.Linq;
using NfsCinder.Values;

namespace NfsCinder.Nfs
{
    /// <summary>
    /// The host part of an exports client - <c>*</c>, <c>@netgroup</c>, wildcards, networks,
    /// addresses, host names - checked the way nfs-utils classifies it, so a client that would never
    /// match (or would match more than meant) is caught before it is written. Addresses and networks
    /// are handed to <see cref="ExportAddressValidator"/>; options are not this class's concern.
    /// </summary>
    internal static class ExportClientValidator
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
                if (char.IsControl(c)) { errors.Add(HostValue.Problem(host, "The host")!); return Done(); }
                string hint = c == '(' || c == ')' ? " Options go in parentheses right after the host, e.g. host(rw); they are not part of the host."
                    : c > 126 && !char.IsControl(c) && !char.IsWhiteSpace(c) ? " Write internationalised names in their ASCII (xn--) form."
                    : "";
                errors.Add("The host '" + HostValue.Display(host) + "' contains " + HostValue.Describe(c) + " at position " + i + ". A host may only contain " + HostCharacters + "." + hint);
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
                if (close > 0 && IPAddressSyntax.TryParseIPv6(host.Substring(1, close - 1), out _))
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

            // Every check above returned at once, so errors and warnings are still empty here.
            if (host.IndexOf('/') >= 0) return ExportAddressValidator.ValidateNetwork(host);
            if (host.IndexOf(':') >= 0) return ExportAddressValidator.ValidateIPv6(host);
            if (IPAddressSyntax.LooksLikeIPv4(host)) return ExportAddressValidator.ValidateIPv4(host);

            ValidateHostName(host, errors);
            return Done();
        }

        /// <summary>True for host specs that match every client: <c>*</c>, empty, <c>0.0.0.0/0</c>, <c>::/0</c>.</summary>
        public static bool IsWorld(string host)
        {
            if (host is null || host.Length == 0 || host.All(c => c == '*')) return true;
            int slash = host.IndexOf('/');
            if (slash < 0) return false;
            string mask = host.Substring(slash + 1);
            return mask == "0" || mask == "0.0.0.0" || mask == "::";
        }

        /// <summary>Strips brackets from a bracketed IPv6 address or network (<c>[fe80::1]/64</c> gives <c>fe80::1/64</c>).</summary>
        public static string NormaliseHost(string host)
        {
            if (host is null || !host.StartsWith("[", StringComparison.Ordinal)) return host!;
            int close = host.IndexOf(']');
            if (close < 0) return host;
            string inner = host.Substring(1, close - 1);
            string rest = host.Substring(close + 1);
            if (!IPAddressSyntax.TryParseIPv6(inner, out _)) return host;
            if (rest.Length == 0 || rest.StartsWith("/", StringComparison.Ordinal)) return inner + rest;
            return host;
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
    }
}
