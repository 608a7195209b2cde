using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;

namespace NfsCinder.Ssh
{
    /// <summary>
    /// One well-formed line of an OpenSSH known_hosts file (sshd(8), "SSH_KNOWN_HOSTS FILE
    /// FORMAT"): <c>[marker] hostnames keytype base64-key [comment]</c>.
    /// </summary>
    internal sealed class KnownHostsEntry
    {
        private static readonly char[] FieldSeparators = { ' ', '\t' };
        private readonly HostPatternItem[] _patterns;

        private KnownHostsEntry(int lineNumber, KnownHostsMarker marker, HostPatternItem[] patterns, string keyType, byte[] keyBlob)
        {
            LineNumber = lineNumber;
            Marker = marker;
            _patterns = patterns;
            KeyType = keyType;
            KeyBlob = keyBlob;
        }

        /// <summary>1-based line number in the file.</summary>
        public int LineNumber { get; }

        /// <summary>The line's marker, if any.</summary>
        public KnownHostsMarker Marker { get; }

        /// <summary>The key type embedded in the key blob (equal to the line's keytype field).</summary>
        public string KeyType { get; }

        /// <summary>The decoded public key blob.</summary>
        public byte[] KeyBlob { get; }

        /// <summary>
        /// Parses one line. Returns null for comments, blank lines and malformed lines
        /// (unknown marker, missing fields, bad base64, key type not matching the blob).
        /// </summary>
        public static KnownHostsEntry? TryParse(string line, int lineNumber)
        {
            string trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] == '#') return null;

            string[] fields = trimmed.Split(FieldSeparators, StringSplitOptions.RemoveEmptyEntries);
            int index = 0;
            KnownHostsMarker marker = KnownHostsMarker.None;
            if (fields[0][0] == '@')
            {
                if (fields[0] == "@cert-authority") marker = KnownHostsMarker.CertAuthority;
                else if (fields[0] == "@revoked") marker = KnownHostsMarker.Revoked;
                else return null;
                index = 1;
            }
            if (fields.Length < index + 3) return null;

            HostPatternItem[]? patterns = ParsePatterns(fields[index]);
            if (patterns is null) return null;

            byte[] blob;
            string blobType;
            try
            {
                blob = Convert.FromBase64String(fields[index + 2]);
                blobType = KnownHostsFile.KeyTypeOf(blob);
            }
            catch (FormatException)
            {
                return null;
            }
            if (!string.Equals(blobType, fields[index + 1], StringComparison.Ordinal)) return null;

            return new KnownHostsEntry(lineNumber, marker, patterns, blobType, blob);
        }

        /// <summary>
        /// True when the hostnames field selects one of <paramref name="names"/> (already
        /// lower-cased): some pattern matches and no negated pattern matches.
        /// </summary>
        public bool AppliesTo(IReadOnlyList<string> names)
        {
            bool positive = false;
            foreach (HostPatternItem pattern in _patterns)
            {
                foreach (string name in names)
                {
                    if (!pattern.Matches(name)) continue;
                    if (pattern.Negated) return false;
                    positive = true;
                }
            }
            return positive;
        }

        /// <summary>True when this entry's key blob is byte for byte <paramref name="blob"/>.</summary>
        public bool HasKey(byte[] blob) => BytesEqual(KeyBlob, blob);

        internal static bool BytesEqual(byte[] a, byte[] b)
        {
            if (a.Length != b.Length) return false;
            int diff = 0;
            for (int i = 0; i < a.Length; i++) diff |= a[i] ^ b[i];
            return diff == 0;
        }

        private static HostPatternItem[]? ParsePatterns(string field)
        {
            var patterns = new List<HostPatternItem>();
            foreach (string raw in field.Split(','))
            {
                if (raw.Length == 0) continue;
                bool negated = raw[0] == '!';
                string text = negated ? raw.Substring(1) : raw;
                if (text.Length == 0) continue;
                HostPatternItem? item = HostPatternItem.Create(text, negated);
                if (item is null) return null;
                patterns.Add(item);
            }
            return patterns.Count == 0 ? null : patterns.ToArray();
        }

        /// <summary>One comma-separated item of a hostnames field: a glob or a hashed name.</summary>
        private sealed class HostPatternItem
        {
            private const string HashMagic = "|1|";
            private readonly string? _glob;
            private readonly byte[]? _salt;
            private readonly byte[]? _hash;

            private HostPatternItem(bool negated, string? glob, byte[]? salt, byte[]? hash)
            {
                Negated = negated;
                _glob = glob;
                _salt = salt;
                _hash = hash;
            }

            public bool Negated { get; }

            public static HostPatternItem? Create(string text, bool negated)
            {
                if (!text.StartsWith(HashMagic, StringComparison.Ordinal))
                    return new HostPatternItem(negated, text.ToLowerInvariant(), null, null);

                // |1|base64(salt)|base64(HMAC-SHA1(key: salt, data: host name))
                string[] parts = text.Substring(HashMagic.Length).Split('|');
                if (parts.Length != 2) return null;
                try
                {
                    byte[] salt = Convert.FromBase64String(parts[0]);
                    byte[] hash = Convert.FromBase64String(parts[1]);
                    if (salt.Length == 0 || hash.Length == 0) return null;
                    return new HostPatternItem(negated, null, salt, hash);
                }
                catch (FormatException)
                {
                    return null;
                }
            }

            public bool Matches(string name)
            {
                if (_glob != null) return Glob(_glob, name);
                using (var hmac = new HMACSHA1(_salt!))
                {
                    return BytesEqual(hmac.ComputeHash(Encoding.UTF8.GetBytes(name)), _hash!);
                }
            }

            /// <summary>OpenSSH match_pattern: '*' any run, '?' one character; both sides lower-case.</summary>
            private static bool Glob(string pattern, string text)
            {
                int p = 0, t = 0, star = -1, mark = 0;
                while (t < text.Length)
                {
                    if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
                    {
                        p++;
                        t++;
                    }
                    else if (p < pattern.Length && pattern[p] == '*')
                    {
                        star = p++;
                        mark = t;
                    }
                    else if (star >= 0)
                    {
                        p = star + 1;
                        t = ++mark;
                    }
                    else
                    {
                        return false;
                    }
                }
                while (p < pattern.Length && pattern[p] == '*') p++;
                return p == pattern.Length;
            }
        }
    }
}
