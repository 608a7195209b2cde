using System;
using System.IO;
using System.Management.Automation;
using System.Security;
using NfsCinder.Execution;
using NfsCinder.Sessions;
using NfsCinder.Ssh;

namespace NfsCinder.Commands
{
    /// <summary>
    /// <para type="synopsis">Opens an SSH session (or a local one) that every host cmdlet can use.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "NfsCinderSession", DefaultParameterSetName = KeySet)]
    [OutputType(typeof(NfsCinderSession))]
    public sealed class NewNfsCinderSessionCommand : NfsCinderCmdletBase
    {
        private const string KeySet = "Key";
        private const string PasswordSet = "Password";
        private const string LocalSet = "Local";

        /// <summary>Hosts to connect to; one session each.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = KeySet)]
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = PasswordSet)]
        [ValidateNotNullOrEmpty]
        [Alias("HostName", "Server")]
        public string[] ComputerName { get; set; } = Array.Empty<string>();

        /// <summary>SSH port.</summary>
        [Parameter(ParameterSetName = KeySet)]
        [Parameter(ParameterSetName = PasswordSet)]
        [ValidateRange(1, 65535)]
        public int Port { get; set; } = 22;

        /// <summary>Login with a password.</summary>
        [Parameter(Mandatory = true, ParameterSetName = PasswordSet)]
        [Credential]
        public PSCredential Credential { get; set; } = PSCredential.Empty;

        /// <summary>Login user for key authentication.</summary>
        [Parameter(Mandatory = true, ParameterSetName = KeySet)]
        [ValidateNotNullOrEmpty]
        public string UserName { get; set; } = "";

        /// <summary>Private key file (OpenSSH, PEM or PuTTY format).</summary>
        [Parameter(Mandatory = true, ParameterSetName = KeySet)]
        [ValidateNotNullOrEmpty]
        [Alias("KeyFile", "IdentityFile")]
        public string KeyFilePath { get; set; } = "";

        /// <summary>Passphrase of an encrypted key file.</summary>
        [Parameter(ParameterSetName = KeySet)]
        public SecureString? KeyPassphrase { get; set; }

        /// <summary>Act on this machine (Linux) through the same runner, without SSH.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LocalSet)]
        public SwitchParameter Local { get; set; }

        /// <summary>known_hosts file to verify host keys against (default ~/.ssh/known_hosts).</summary>
        [Parameter(ParameterSetName = KeySet)]
        [Parameter(ParameterSetName = PasswordSet)]
        [ValidateNotNullOrEmpty]
        public string? KnownHostsPath { get; set; }

        /// <summary>Trust and record a host key not yet in known_hosts (trust on first use). A changed key is still refused.</summary>
        [Parameter(ParameterSetName = KeySet)]
        [Parameter(ParameterSetName = PasswordSet)]
        public SwitchParameter AcceptNewHostKey { get; set; }

        /// <summary>Elevate commands with sudo (for non-root logins).</summary>
        [Parameter]
        public SwitchParameter UseSudo { get; set; }

        /// <summary>sudo password, sent on standard input only; defaults to the -Credential password.</summary>
        [Parameter]
        public SecureString? SudoPassword { get; set; }

        /// <summary>Friendly name (defaults to the host name).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>Seconds to wait for the SSH connection.</summary>
        [Parameter(ParameterSetName = KeySet)]
        [Parameter(ParameterSetName = PasswordSet)]
        [ValidateRange(1, 600)]
        public int ConnectTimeoutSec { get; set; } = 15;

        /// <summary>Default timeout of every command in this session, in seconds.</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int CommandTimeoutSec { get; set; } = 60;

        /// <summary>Seconds between SSH keep-alive messages (0 turns them off).</summary>
        [Parameter(ParameterSetName = KeySet)]
        [Parameter(ParameterSetName = PasswordSet)]
        [ValidateRange(0, 3600)]
        public int KeepAliveSec { get; set; } = 30;

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (SudoPassword is not null && !UseSudo)
                ThrowTerminatingError(InvalidArgument("SudoPasswordWithoutUseSudo", "-SudoPassword only makes sense with -UseSudo.", SudoPassword));
            if (ParameterSetName == LocalSet)
            {
                Open(() => SessionFactory.OpenLocal(Name, UseSudo, SudoPassword, TimeSpan.FromSeconds(CommandTimeoutSec), Context), "localhost");
                return;
            }

            string? keyPath = null;
            if (ParameterSetName == KeySet)
            {
                keyPath = GetUnresolvedProviderPathFromPSPath(KeyFilePath);
                if (!File.Exists(keyPath))
                    ThrowTerminatingError(InvalidArgument("KeyFileNotFound", $"The key file '{keyPath}' does not exist.", KeyFilePath));
            }
            string knownHosts = KnownHostsPath is null
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh", "known_hosts")
                : GetUnresolvedProviderPathFromPSPath(KnownHostsPath);

            foreach (string host in ComputerName)
            {
                var options = new SshConnectionOptions
                {
                    ComputerName = host,
                    Port = Port,
                    UserName = ParameterSetName == PasswordSet ? Credential.UserName : UserName,
                    Password = ParameterSetName == PasswordSet ? Credential.Password : null,
                    KeyFilePath = keyPath,
                    KeyPassphrase = KeyPassphrase,
                    KnownHostsPath = knownHosts,
                    AcceptNewHostKey = AcceptNewHostKey,
                    ConnectTimeout = TimeSpan.FromSeconds(ConnectTimeoutSec),
                    KeepAliveInterval = KeepAliveSec == 0 ? TimeSpan.FromMilliseconds(-1) : TimeSpan.FromSeconds(KeepAliveSec),
                };
                WriteVerbose($"Connecting to {options.UserName}@{host}:{Port}, host keys from {knownHosts}");
                Open(() => SessionFactory.OpenSsh(options, ComputerName.Length == 1 ? Name : null, UseSudo, SudoPassword, TimeSpan.FromSeconds(CommandTimeoutSec), Context), host);
            }
        }

        private void Open(Func<NfsCinderSession> open, string host)
        {
            try
            {
                NfsCinderSession session = open();
                SessionRegistry.Add(session);
                WriteVerbose($"Session {session.Id} open on {host}: root={session.IsRoot}, sudo={session.SudoMode}, host key {session.HostKeyFingerprint ?? "n/a"}");
                WriteObject(session);
            }
            catch (NfsCinderException failure) when (failure.ErrorId == "HostKeyChanged" || failure.ErrorId == "HostKeyRevoked")
            {
                // A changed or revoked key may mean an attack: stop everything, not just this host.
                ThrowTerminatingError(ToErrorRecord(failure, host));
            }
            catch (NfsCinderException failure)
            {
                WriteError(ToErrorRecord(failure, host));
            }
        }
    }
}
