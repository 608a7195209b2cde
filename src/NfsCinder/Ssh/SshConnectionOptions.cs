using System;
using System.Security;

namespace NfsCinder.Ssh
{
    /// <summary>Everything needed to open (and re-open) one SSH connection.</summary>
    internal sealed class SshConnectionOptions
    {
        public string ComputerName { get; set; } = "";
        public int Port { get; set; } = 22;
        public string UserName { get; set; } = "";
        public SecureString? Password { get; set; }
        public string? KeyFilePath { get; set; }
        public SecureString? KeyPassphrase { get; set; }
        public string KnownHostsPath { get; set; } = "";
        public bool AcceptNewHostKey { get; set; }
        public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);
        public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);
    }
}
