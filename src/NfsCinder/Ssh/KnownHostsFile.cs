using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace NfsCinder.Ssh
{
    /// <summary>
    /// An OpenSSH known_hosts file: comments, <c>@cert-authority</c> / <c>@revoked</c> markers,
    /// comma-separated patterns with <c>*</c>, <c>?</c> and <c>!</c>, <c>[host]:port</c> and hashed
    /// (<c>|1|salt|hmac</c>) names. Host names compare case-insensitively; keys byte for byte.
    /// </summary>
    internal sealed class KnownHostsFile
    {
        private readonly List<KnownHostsEntry> _entries;

        private KnownHostsFile(string path, List<KnownHostsEntry> entries)
        {
            Path = path;
            _entries = entries;
        }

        /// <summary>The file this instance was read from (or is meant for).</summary>
        public string Path { get; }

        /// <summary>Reads and parses <paramref name="path"/>; a missing file gives an empty instance.</summary>
        public static KnownHostsFile Load(string path)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (FileNotFoundException)
            {
                return new KnownHostsFile(path, new List<KnownHostsEntry>());
            }
            catch (DirectoryNotFoundException)
            {
                return new KnownHostsFile(path, new List<KnownHostsEntry>());
            }
            return Parse(text, path);
        }

        /// <summary>Parses known_hosts text; malformed lines are skipped.</summary>
        public static KnownHostsFile Parse(string text, string path)
        {
            if (text is null) throw new ArgumentNullException(nameof(text));
            if (path is null) throw new ArgumentNullException(nameof(path));
            var entries = new List<KnownHostsEntry>();
            string[] lines = text.Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                KnownHostsEntry? entry = KnownHostsEntry.TryParse(lines[i], i + 1);
                if (entry != null) entries.Add(entry);
            }
            return new KnownHostsFile(path, entries);
        }

        /// <summary>
        /// Checks the key <paramref name="keyBlob"/> presented by <paramref name="host"/>:<paramref name="port"/>.
        /// A key on any <c>@revoked</c> line is Revoked whatever that line's host patterns
        /// ("must not ever be accepted"); <c>@cert-authority</c> lines are ignored.
        /// </summary>
        /// <exception cref="FormatException">The blob does not start with an SSH key type string.</exception>
        public HostKeyCheck Check(string host, int port, byte[] keyBlob)
        {
            if (keyBlob is null) throw new ArgumentNullException(nameof(keyBlob));
            string keyType = KeyTypeOf(keyBlob);
            string fingerprint = Fingerprint(keyBlob);
            IReadOnlyList<string> names = CandidateNames(host, port);

            var knownFingerprints = new List<string>();
            var knownTypes = new List<string>();
            int? knownLine = null, changedLine = null, revokedLine = null;
            foreach (KnownHostsEntry entry in _entries)
            {
                if (entry.Marker == KnownHostsMarker.Revoked)
                {
                    if (revokedLine is null && entry.HasKey(keyBlob)) revokedLine = entry.LineNumber;
                    continue;
                }
                if (entry.Marker != KnownHostsMarker.None || !entry.AppliesTo(names)) continue;

                if (!knownTypes.Contains(entry.KeyType)) knownTypes.Add(entry.KeyType);
                if (!string.Equals(entry.KeyType, keyType, StringComparison.Ordinal)) continue;

                string entryFingerprint = Fingerprint(entry.KeyBlob);
                if (!knownFingerprints.Contains(entryFingerprint)) knownFingerprints.Add(entryFingerprint);
                if (entry.HasKey(keyBlob)) knownLine ??= entry.LineNumber;
                else changedLine ??= entry.LineNumber;
            }

            HostKeyMatch match;
            int? line;
            if (revokedLine != null) (match, line) = (HostKeyMatch.Revoked, revokedLine);
            else if (knownLine != null) (match, line) = (HostKeyMatch.Known, knownLine);
            else if (changedLine != null) (match, line) = (HostKeyMatch.Changed, changedLine);
            else (match, line) = (HostKeyMatch.Unknown, null);
            return new HostKeyCheck(match, keyType, fingerprint, knownFingerprints, knownTypes, line);
        }

        /// <summary>Distinct key types of the plain (unmarked) entries that apply to the host, in file order.</summary>
        public IReadOnlyList<string> KnownKeyTypes(string host, int port)
        {
            IReadOnlyList<string> names = CandidateNames(host, port);
            var types = new List<string>();
            foreach (KnownHostsEntry entry in _entries)
            {
                if (entry.Marker == KnownHostsMarker.None && entry.AppliesTo(names) && !types.Contains(entry.KeyType))
                    types.Add(entry.KeyType);
            }
            return types;
        }

        /// <summary>
        /// Appends <c>&lt;HostPattern&gt; &lt;type&gt; &lt;base64&gt;</c> to <paramref name="path"/>. On Linux
        /// and macOS a missing parent directory is created with mode 0700 and a missing file
        /// with mode 0600.
        /// </summary>
        public static void Append(string path, string host, int port, byte[] keyBlob)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            if (keyBlob is null) throw new ArgumentNullException(nameof(keyBlob));
            ValidateHostForAppend(host);
            string line = HostPattern(host, port) + " " + KeyTypeOf(keyBlob) + " " + Convert.ToBase64String(keyBlob) + "\n";

            string fullPath = System.IO.Path.GetFullPath(path);
            bool unix = IsUnix();
            string? directory = System.IO.Path.GetDirectoryName(fullPath);
            if (directory != null && !Directory.Exists(directory))
            {
                var missing = new List<string>();
                for (string? d = directory; d != null && !Directory.Exists(d); d = System.IO.Path.GetDirectoryName(d))
                    missing.Add(d);
                Directory.CreateDirectory(directory);
                if (unix)
                {
                    for (int i = missing.Count - 1; i >= 0; i--) Chmod("700", missing[i]);
                }
            }

            bool existed = File.Exists(fullPath);
            using (var stream = new FileStream(fullPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read))
            {
                if (!existed && unix) Chmod("600", fullPath);
                bool needsNewline = false;
                if (stream.Length > 0)
                {
                    stream.Seek(-1, SeekOrigin.End);
                    needsNewline = stream.ReadByte() != '\n';
                }
                stream.Seek(0, SeekOrigin.End);
                byte[] bytes = new UTF8Encoding(false).GetBytes((needsNewline ? "\n" : "") + line);
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush();
            }
        }

        /// <summary><c>SHA256:</c> + unpadded base64 of SHA-256 over the blob, as <c>ssh-keygen -lf</c> prints it.</summary>
        public static string Fingerprint(byte[] keyBlob)
        {
            if (keyBlob is null) throw new ArgumentNullException(nameof(keyBlob));
            using (SHA256 sha = SHA256.Create())
            {
                return "SHA256:" + Convert.ToBase64String(sha.ComputeHash(keyBlob)).TrimEnd('=');
            }
        }

        /// <summary>The first SSH string of the blob (uint32 big-endian length, then bytes): the key type.</summary>
        /// <exception cref="FormatException">The blob does not start with a printable ASCII string.</exception>
        public static string KeyTypeOf(byte[] keyBlob)
        {
            if (keyBlob is null) throw new ArgumentNullException(nameof(keyBlob));
            if (keyBlob.Length < 4) throw new FormatException("The SSH key blob is shorter than 4 bytes.");
            uint length = ((uint)keyBlob[0] << 24) | ((uint)keyBlob[1] << 16) | ((uint)keyBlob[2] << 8) | keyBlob[3];
            if (length == 0 || length > (uint)(keyBlob.Length - 4))
                throw new FormatException("The SSH key blob's type string length is out of range.");
            for (int i = 4; i < 4 + (int)length; i++)
            {
                if (keyBlob[i] < 0x21 || keyBlob[i] > 0x7e)
                    throw new FormatException("The SSH key blob's type string is not printable ASCII.");
            }
            return Encoding.ASCII.GetString(keyBlob, 4, (int)length);
        }

        /// <summary>The known_hosts name for a host: <c>host</c> on port 22, else <c>[host]:port</c>.</summary>
        public static string HostPattern(string host, int port)
        {
            if (host is null) throw new ArgumentNullException(nameof(host));
            if (host.Length == 0) throw new ArgumentException("The host name is empty.", nameof(host));
            if (port < 1 || port > 65535) throw new ArgumentOutOfRangeException(nameof(port), port, "The port must be 1-65535.");
            return port == 22 ? host : "[" + host + "]:" + port.ToString(CultureInfo.InvariantCulture);
        }

        /// <summary>Lower-cased names an entry may match: <c>host</c> and <c>[host]:22</c>, or <c>[host]:port</c>.</summary>
        private static IReadOnlyList<string> CandidateNames(string host, int port)
        {
            string pattern = HostPattern(host, port).ToLowerInvariant();
            return port == 22 ? new[] { pattern, "[" + pattern + "]:22" } : new[] { pattern };
        }

        private static void ValidateHostForAppend(string host)
        {
            HostPattern(host, 22);
            foreach (char c in host)
            {
                if (char.IsWhiteSpace(c) || char.IsControl(c) || c == ',' || c == '*' || c == '?' || c == '!')
                    throw new ArgumentException("The host name contains a character known_hosts cannot carry: '" + host + "'.", nameof(host));
            }
            if (host[0] == '#' || host[0] == '@' || host[0] == '|' || host[0] == '[')
                throw new ArgumentException("The host name cannot start with '" + host[0] + "'.", nameof(host));
        }

        private static bool IsUnix() =>
            RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || RuntimeInformation.IsOSPlatform(OSPlatform.OSX);

        /// <summary>Runs <c>/bin/chmod mode -- path</c>; throws <see cref="IOException"/> when it fails.</summary>
        private static void Chmod(string mode, string path)
        {
            var startInfo = new ProcessStartInfo("/bin/chmod", mode + " -- " + QuoteProcessArgument(path))
            {
                UseShellExecute = false,
                CreateNoWindow = true,
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            using (Process process = Process.Start(startInfo) ?? throw new IOException("Could not start /bin/chmod."))
            {
                process.StandardOutput.ReadToEnd();
                string error = process.StandardError.ReadToEnd();
                process.WaitForExit();
                if (process.ExitCode != 0)
                    throw new IOException("chmod " + mode + " '" + path + "' failed (exit " + process.ExitCode.ToString(CultureInfo.InvariantCulture) + "): " + error.Trim());
            }
        }

        /// <summary>
        /// Quotes one argument for <see cref="ProcessStartInfo.Arguments"/>, which .NET splits
        /// with the MSVC rules on every platform: double quotes, backslashes doubled before a quote.
        /// </summary>
        internal static string QuoteProcessArgument(string argument)
        {
            var builder = new StringBuilder(argument.Length + 2);
            builder.Append('"');
            int backslashes = 0;
            foreach (char c in argument)
            {
                if (c == '\\')
                {
                    backslashes++;
                    continue;
                }
                builder.Append('\\', c == '"' ? backslashes * 2 + 1 : backslashes);
                builder.Append(c);
                backslashes = 0;
            }
            builder.Append('\\', backslashes * 2);
            builder.Append('"');
            return builder.ToString();
        }
    }
}
