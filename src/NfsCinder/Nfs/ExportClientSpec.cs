using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;

namespace NfsCinder.Nfs
{
    /// <summary>
    /// One client of an NFS export as written in /etc/exports: a host specification and its options,
    /// e.g. <c>10.0.0.0/24(rw,sync,no_subtree_check)</c>. Instances are always valid: the host and
    /// options pass the exports(5) checks, so the spec can be written to an exports file as is.
    /// </summary>
    public sealed class ExportClientSpec : IEquatable<ExportClientSpec>
    {
        /// <summary>Creates a client from a host specification and options such as <c>rw</c> or <c>anonuid=1000</c>.</summary>
        /// <param name="host">
        /// A host name, wildcard (<c>*</c>, <c>*.example.com</c>), IPv4 or IPv6 address, network
        /// (<c>10.0.0.0/24</c>, <c>10.0.0.0/255.255.255.0</c>, <c>2001:db8::/64</c>) or <c>@netgroup</c>.
        /// A bracketed IPv6 address (<c>[fe80::1]/64</c>) is accepted and written without brackets,
        /// because nfs-utils reads <c>[</c> as a wildcard character class.
        /// </param>
        /// <param name="options">The client's options, one per item; null or empty for none.</param>
        /// <exception cref="ArgumentException">The host or an option is not valid; the message says why and how to fix it.</exception>
        public ExportClientSpec(string host, IEnumerable<string>? options = null)
        {
            if (host is null) throw new ArgumentNullException(nameof(host));
            string normalised = ExportValidator.NormaliseHost(host);
            ExportValidationResult hostCheck = ExportValidator.ValidateHost(normalised);
            if (!hostCheck.IsValid)
            {
                throw new ArgumentException("Invalid export client host '" + Display(host) + "': " + string.Join(" ", hostCheck.Errors), nameof(host));
            }

            List<string> list = options?.ToList() ?? new List<string>();
            ExportValidationResult optionCheck = ExportValidator.ValidateOptionSyntax(list);
            if (!optionCheck.IsValid)
            {
                throw new ArgumentException("Invalid options for export client '" + normalised + "': " + string.Join(" ", optionCheck.Errors), nameof(options));
            }

            Host = normalised;
            Options = new ReadOnlyCollection<string>(list);
        }

        /// <summary>The host specification, e.g. <c>10.0.0.0/24</c> or <c>@trusted</c>.</summary>
        public string Host { get; }

        /// <summary>The options in the order given, e.g. <c>rw</c>, <c>sync</c>; empty when the client has none of its own.</summary>
        public IReadOnlyList<string> Options { get; }

        /// <summary>
        /// Parses a client as written in /etc/exports: <c>host</c>, <c>host(opt,opt)</c> or <c>host()</c>.
        /// </summary>
        /// <param name="spec">For example <c>10.0.0.0/24(rw,sync)</c>, <c>*.example.com(ro)</c>, <c>@netgroup(rw)</c>.</param>
        /// <exception cref="ArgumentException">The text is not a valid client; the message names the problem and the fix.</exception>
        public static ExportClientSpec Parse(string spec)
        {
            if (spec is null) throw new ArgumentNullException(nameof(spec));
            if (spec.Length == 0)
            {
                throw new ArgumentException("An export client is empty. Give a host, e.g. 10.0.0.0/24(rw,sync,no_subtree_check).", nameof(spec));
            }
            if (Values.HostValue.Problem(spec, "The export client") is { } unprintable) throw new ArgumentException(unprintable, nameof(spec));
            for (int i = 0; i < spec.Length; i++)
            {
                char c = spec[i];
                if (char.IsWhiteSpace(c))
                {
                    int open = spec.IndexOf('(');
                    if (open > i && spec.Substring(0, i).Trim().Length > 0 && spec.Substring(i, open - i).Trim().Length == 0)
                    {
                        string host = spec.Substring(0, i);
                        throw new ArgumentException("The export client '" + spec + "' has a blank between the host and '(': exports(5) would then apply the options to every host (*) " +
                            "and give '" + host + "' only the defaults. Write '" + host + spec.Substring(open) + "'.", nameof(spec));
                    }
                    throw new ArgumentException("The export client '" + spec + "' contains whitespace at position " + i + "; a client is one word such as host(rw,sync).", nameof(spec));
                }
            }

            for (int i = 0; i < spec.Length; i++)
            {
                char c = spec[i];
                bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-.*?[]^:/@_=+,()".IndexOf(c) >= 0;
                if (!allowed)
                {
                    throw new ArgumentException("The export client '" + spec + "' contains " + Values.HostValue.Describe(c) + " at position " + i +
                        ". A client is host(option,option) made of letters, digits and - . * ? [ ] ^ : / @ _ = + , ( ).", nameof(spec));
                }
            }

            int openParen = spec.IndexOf('(');
            if (openParen < 0)
            {
                if (spec.IndexOf(')') >= 0)
                {
                    throw new ArgumentException("The export client '" + spec + "' has ')' without '('; write host(option,option).", nameof(spec));
                }
                return new ExportClientSpec(spec);
            }
            if (openParen == 0)
            {
                throw new ArgumentException("The export client '" + spec + "' has no host before '(': exports(5) would apply the options to every host. " +
                    "Write '*" + spec + "' if every host is really meant, otherwise put the host name in front.", nameof(spec));
            }
            int closeParen = spec.IndexOf(')', openParen);
            if (closeParen < 0)
            {
                throw new ArgumentException("The export client '" + spec + "' opens '(' but never closes it; write host(option,option).", nameof(spec));
            }
            if (closeParen != spec.Length - 1)
            {
                throw new ArgumentException("The export client '" + spec + "' has text after ')': '" + spec.Substring(closeParen + 1) +
                    "'. The option list must end the client; separate clients with a blank.", nameof(spec));
            }
            if (spec.IndexOf('(', openParen + 1) >= 0)
            {
                throw new ArgumentException("The export client '" + spec + "' has a second '(' inside its option list; write host(option,option).", nameof(spec));
            }

            string inner = spec.Substring(openParen + 1, closeParen - openParen - 1);
            var options = new List<string>();
            if (inner.Length > 0)
            {
                string[] parts = inner.Split(',');
                for (int i = 0; i < parts.Length; i++)
                {
                    if (parts[i].Length == 0)
                    {
                        throw new ArgumentException("The export client '" + spec + "' has an empty option (a doubled, leading or trailing comma); write host(option,option).", nameof(spec));
                    }
                    options.Add(parts[i]);
                }
            }
            return new ExportClientSpec(spec.Substring(0, openParen), options);
        }

        /// <summary>The client as written in /etc/exports: <c>host(opt,opt)</c>, or just <c>host</c> without options.</summary>
        public override string ToString() => Options.Count == 0 ? Host : Host + "(" + string.Join(",", Options) + ")";

        /// <summary>True when <paramref name="other"/> has the same host (ignoring case, as nfs-utils does) and the same options in the same order.</summary>
        public bool Equals(ExportClientSpec? other) =>
            other != null && string.Equals(Host, other.Host, StringComparison.OrdinalIgnoreCase) && Options.SequenceEqual(other.Options, StringComparer.Ordinal);

        /// <summary>True when <paramref name="obj"/> is an equal <see cref="ExportClientSpec"/>.</summary>
        public override bool Equals(object? obj) => Equals(obj as ExportClientSpec);

        /// <summary>A hash code consistent with <see cref="Equals(ExportClientSpec)"/>.</summary>
        public override int GetHashCode()
        {
            int hash = StringComparer.OrdinalIgnoreCase.GetHashCode(Host);
            foreach (string option in Options) hash = unchecked(hash * 31 + StringComparer.Ordinal.GetHashCode(option));
            return hash;
        }

        private static string Display(string s)
        {
            var builder = new System.Text.StringBuilder(s.Length);
            foreach (char c in s)
            {
                if (char.IsControl(c)) builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                else builder.Append(c);
            }
            return builder.ToString();
        }
    }
}
