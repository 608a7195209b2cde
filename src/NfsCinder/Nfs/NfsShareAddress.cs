using System;
using System.Linq;
using System.Text;
using NfsCinder.Values;

namespace NfsCinder.Nfs
{
    /// <summary>
    /// An NFS share as a client, fstab and Cinder's shares file name it: <c>server:/path</c>, an
    /// IPv6 server in brackets (<c>[fd40::1]:/path</c>). The one owner of that format: splitting
    /// a source, writing one from its parts, and Cinder's mount point for it, which is the md5 of
    /// <see cref="Text"/> exactly as written (os-brick's <c>get_mount_point</c>).
    /// </summary>
    internal sealed class NfsShareAddress : IEquatable<NfsShareAddress>
    {
        // Characters refused in a share's path: whitespace and what would need quoting in the
        // files it is written to (shares file, fstab) or confuse mount's option parsing.
        private const string RefusedPathCharacters = ",#'\"\\;$`";

        private NfsShareAddress(string server, string exportPath, string text)
        {
            Server = server;
            ExportPath = exportPath;
            Text = text;
        }

        /// <summary>The server: a host name or address, without IPv6 brackets.</summary>
        public string Server { get; }

        /// <summary>The exported path on the server.</summary>
        public string ExportPath { get; }

        /// <summary>The share as written (<c>server:/path</c> or <c>[v6]:/path</c>).</summary>
        public string Text { get; }

        /// <summary>True when the server is an IPv6 address (written in brackets).</summary>
        public bool IsIPv6 => IsIPv6Server(Server);

        /// <summary>The share from a server (name, IPv4, IPv6 with or without brackets) and an absolute path.</summary>
        public static NfsShareAddress FromParts(string server, string exportPath)
        {
            string bare = BareServer(server);
            CheckPath(exportPath, exportPath);
            return new NfsShareAddress(bare, exportPath, Format(bare, exportPath));
        }

        /// <summary>Checks a server (name, IPv4, IPv6 with or without brackets) and returns it without brackets.</summary>
        public static string BareServer(string server)
        {
            HostValue.CheckText(server, "The NFS server");
            string bare = server.StartsWith("[", StringComparison.Ordinal) && server.EndsWith("]", StringComparison.Ordinal) ? server.Substring(1, server.Length - 2) : server;
            CheckServer(bare, server);
            return bare;
        }

        /// <summary>Parses <c>server:/path</c> or <c>[v6]:/path</c>; throws ArgumentException saying what is wrong.</summary>
        public static NfsShareAddress Parse(string text)
        {
            if (text is null || text.Length == 0) throw new ArgumentException("The share is empty; give server:/path.");
            HostValue.CheckText(text, "The share");
            string server, path;
            if (text.StartsWith("[", StringComparison.Ordinal))
            {
                int close = text.IndexOf("]:", StringComparison.Ordinal);
                if (close < 0) throw new ArgumentException($"'{text}' is not a share of the form [IPv6 address]:/path.");
                server = text.Substring(1, close - 1);
                path = text.Substring(close + 2);
                if (!IsIPv6Address(server)) throw new ArgumentException($"'{text}': '{server}' in brackets is not an IPv6 address.");
            }
            else
            {
                int separator = text.IndexOf(":/", StringComparison.Ordinal);
                if (separator <= 0) throw new ArgumentException($"'{text}' is not a share of the form server:/path.");
                server = text.Substring(0, separator);
                path = text.Substring(separator + 1);
                if (server.IndexOf(':') >= 0)
                    throw new ArgumentException(IsIPv6Address(server)
                        ? $"'{text}': write an IPv6 server in brackets, [{server}]:{path}, so its colons are not read as the separator."
                        : $"'{text}' is not a share of the form server:/path.");
                CheckServer(server, text);
            }
            CheckPath(path, text);
            return new NfsShareAddress(server, path, text);
        }

        /// <summary>Parses without throwing; the error says what is wrong.</summary>
        public static bool TryParse(string text, out NfsShareAddress? share, out string? error)
        {
            try { share = Parse(text); error = null; return true; }
            catch (ArgumentException ex) { share = null; error = ex.Message; return false; }
        }

        /// <summary>
        /// Splits any NFS source as the kernel's mount table shows it, valid or not: at the first
        /// <c>:</c>, or after the bracket of <c>[v6]:</c> (the server comes back without brackets).
        /// Without a <c>:</c> the server is empty.
        /// </summary>
        public static void Split(string source, out string server, out string exportPath)
        {
            if (source is null) throw new ArgumentNullException(nameof(source));
            if (source.StartsWith("[", StringComparison.Ordinal))
            {
                int close = source.IndexOf("]:", StringComparison.Ordinal);
                if (close > 0)
                {
                    server = source.Substring(1, close - 1);
                    exportPath = source.Substring(close + 2);
                    return;
                }
            }
            int colon = source.IndexOf(':');
            server = colon < 0 ? string.Empty : source.Substring(0, colon);
            exportPath = colon < 0 ? source : source.Substring(colon + 1);
        }

        /// <summary>A server as it is written before <c>:/path</c>: an IPv6 address in brackets, anything else as it is.</summary>
        public static string FormatServer(string server) =>
            IsIPv6Server(server) && !server.StartsWith("[", StringComparison.Ordinal) ? "[" + server + "]" : server;

        /// <summary>
        /// Writes a share or mount source from its parts as they are (no check): <c>server:/path</c>,
        /// an IPv6 server in brackets. For parts read from a host (exports, mount table); use
        /// <see cref="FromParts"/> for parts a user gave.
        /// </summary>
        public static string Format(string server, string exportPath) => FormatServer(server) + ":" + exportPath;

        /// <summary>True when a server (bare or in brackets) is an IPv6 address, which a share writes in brackets: it holds a ':'.</summary>
        public static bool IsIPv6Server(string server) => server.IndexOf(':') >= 0;

        /// <summary>Cinder's (and nova's) mount point for this share under a base: base/md5(text).</summary>
        public string MountPointUnder(string mountPointBase) => MountPointOf(Text, mountPointBase);

        /// <summary>os-brick's mount point for a share string, valid or not: base/md5(share).</summary>
        public static string MountPointOf(string share, string mountPointBase)
        {
            using var md5 = System.Security.Cryptography.MD5.Create();
            byte[] hash = md5.ComputeHash(Encoding.UTF8.GetBytes(share));
            return mountPointBase.TrimEnd('/') + "/" + string.Concat(hash.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
        }

        private static void CheckServer(string server, string given)
        {
            if (server.Length == 0) throw new ArgumentException($"'{given}' names no server.");
            if (server.IndexOf(':') >= 0)
            {
                if (!IsIPv6Address(server)) throw new ArgumentException($"'{given}': '{server}' is not an IPv6 address.");
                return;
            }
            if (IPAddressSyntax.LooksLikeIPv4(server) && !IPAddressSyntax.IsIPv4(server))
                throw new ArgumentException($"'{given}': '{server}' is not an IPv4 address (four numbers 0-255 without leading zeros, e.g. 192.168.1.10).");
            if (!NfsServerName.IsValid(server)) throw new ArgumentException($"'{given}': '{server}' is not a host name or IP address.");
        }

        private static void CheckPath(string path, string given)
        {
            HostValue.CheckText(path, "The export path");
            if (!AbsolutePath.IsAbsolute(path)) throw new ArgumentException($"'{given}': the export path must be absolute (start with /).");
            foreach (char c in path)
            {
                if (char.IsWhiteSpace(c) || RefusedPathCharacters.IndexOf(c) >= 0)
                    throw new ArgumentException($"'{given}': the export path contains {HostValue.Describe(c)}; give a path without whitespace, quotes or shell characters.");
            }
            if (AbsolutePath.Problem(path, "The export path") is { } common) throw new ArgumentException($"'{given}': {common}");
        }

        private static bool IsIPv6Address(string text) => IPAddressSyntax.IsIPv6(text);

        /// <inheritdoc />
        public bool Equals(NfsShareAddress? other) => other is not null && other.Text == Text;

        /// <inheritdoc />
        public override bool Equals(object? obj) => Equals(obj as NfsShareAddress);

        /// <inheritdoc />
        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);

        /// <inheritdoc />
        public override string ToString() => Text;
    }
}
