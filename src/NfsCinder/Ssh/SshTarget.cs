using System;
using System.Globalization;

namespace NfsCinder.Ssh
{
    /// <summary>
    /// One -ComputerName value: host, host:port, or [IPv6 address]:port as OpenSSH and
    /// Ansible inventories write it. A bare IPv6 address (several colons) has no port.
    /// </summary>
    internal readonly struct SshTarget
    {
        private SshTarget(string given, string host, int port)
        {
            Given = given;
            Host = host;
            Port = port;
        }

        /// <summary>The value as the user wrote it (the session's default name).</summary>
        public string Given { get; }

        public string Host { get; }

        public int Port { get; }

        public static bool TryParse(string given, int defaultPort, out SshTarget target)
        {
            target = default;
            string value = given.Trim();
            if (value.Length == 0 || value.IndexOfAny(new[] { ' ', '\t', '/', '@' }) >= 0) return false;
            string host = value;
            int port = defaultPort;
            if (value.StartsWith("[", StringComparison.Ordinal))
            {
                int close = value.IndexOf(']');
                if (close < 2) return false;
                host = value.Substring(1, close - 1);
                string rest = value.Substring(close + 1);
                if (rest.Length > 0 && (!rest.StartsWith(":", StringComparison.Ordinal) || !TryPort(rest.Substring(1), out port))) return false;
            }
            else if (value.IndexOf(':') >= 0 && value.IndexOf(':') == value.LastIndexOf(':'))
            {
                int colon = value.IndexOf(':');
                host = value.Substring(0, colon);
                if (host.Length == 0 || !TryPort(value.Substring(colon + 1), out port)) return false;
            }
            target = new SshTarget(given, host, port);
            return true;
        }

        private static bool TryPort(string text, out int port) =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port >= 1 && port <= 65535;
    }
}
