using System;
using System.Collections.Generic;
using System.Linq;
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

        /// <summary>Hosts to connect to, one session each, opened in parallel; host:port (or [IPv6]:port) overrides -Port for that host.</summary>
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

        /// <summary>Most connections opened at once (default 32); the sessions come back in the order the hosts were given.</summary>
        [Parameter(ParameterSetName = KeySet)]
        [Parameter(ParameterSetName = PasswordSet)]
        [ValidateRange(1, 1024)]
        public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

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

            var targets = new List<SshTarget>();
            foreach (string given in ComputerName)
            {
                if (!SshTarget.TryParse(given, Port, out SshTarget target))
                    ThrowTerminatingError(InvalidArgument("InvalidComputerName", $"-ComputerName '{given}' is not a host name, an address, host:port or [IPv6]:port.", given));
                targets.Add(target);
            }
            // Opened in parallel; the sessions come back in the order the hosts were given.
            var opened = new NfsCinderSession?[targets.Count];
            var indexes = Enumerable.Range(0, targets.Count).ToList();
            bool streaming = MyInvocation.ExpectingInput;
            RunParallel(indexes, ThrottleLimit, i =>
            {
                var target = targets[i];
                var options = new SshConnectionOptions
                {
                    ComputerName = target.Host,
                    Port = target.Port,
                    UserName = ParameterSetName == PasswordSet ? Credential.UserName : UserName,
                    Password = ParameterSetName == PasswordSet ? Credential.Password : null,
                    KeyFilePath = keyPath,
                    KeyPassphrase = KeyPassphrase,
                    KnownHostsPath = knownHosts,
                    AcceptNewHostKey = AcceptNewHostKey,
                    ConnectTimeout = TimeSpan.FromSeconds(ConnectTimeoutSec),
                    KeepAliveInterval = KeepAliveSec == 0 ? TimeSpan.FromMilliseconds(-1) : TimeSpan.FromSeconds(KeepAliveSec),
                };
                string name = targets.Count == 1 && Name is not null ? Name : target.Given;
                WriteVerbose($"Connecting to {options.UserName}@{target.Host}:{target.Port}, host keys from {knownHosts}");
                opened[i] = Open(() => SessionFactory.OpenSsh(options, name, UseSudo, SudoPassword, TimeSpan.FromSeconds(CommandTimeoutSec), Context), target.Given, write: streaming);
            }, i => targets[i].Given);
            if (!streaming)
                foreach (var session in opened) if (session is not null) WriteObject(session);
        }

        /// <inheritdoc />
        protected override void EndProcessing() => FinishParallel();

        private NfsCinderSession? Open(Func<NfsCinderSession> open, string host, bool write = true)
        {
            try
            {
                NfsCinderSession session = open();
                if (StopToken.IsCancellationRequested)
                {
                    // Ctrl+C while connecting: nobody will get this session, so it must not stay open.
                    session.Dispose();
                    return null;
                }
                SessionRegistry.Add(session);
                WriteVerbose($"Session {session.Id} open on {host}: sudo={session.SudoMode}, host key {session.HostKeyFingerprint ?? "n/a"}");
                if (write) WriteObject(session);
                return session;
            }
            catch (NfsCinderException failure) when (failure.ErrorId == "HostKeyChanged" || failure.ErrorId == "HostKeyRevoked")
            {
                // A changed or revoked key may mean an attack: stop everything, not just this host.
                var record = ToErrorRecord(failure, host);
                Terminate(record);
            }
            catch (NfsCinderException failure) when (failure.ErrorId == "CommandCancelled" && StopToken.IsCancellationRequested)
            {
            }
            catch (NfsCinderException failure)
            {
                WriteError(ToErrorRecord(failure, host));
            }
            return null;
        }
    }
}
