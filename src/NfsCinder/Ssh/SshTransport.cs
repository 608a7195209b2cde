using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using NfsCinder.Execution;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace NfsCinder.Ssh
{
    /// <summary>
    /// One SSH connection, reused by every command of a session; reconnects (with the same
    /// host key check) when the connection dropped between commands.
    /// </summary>
    internal sealed class SshTransport : ICommandTransport
    {
        private readonly SshConnectionOptions _options;
        private readonly object _connectLock = new object();
        private SshClient? _client;
        private byte[]? _pinnedHostKey;
        private bool _disposed;

        public SshTransport(SshConnectionOptions options) => _options = options;

        public string ComputerName => _options.ComputerName;

        /// <summary>SHA256 fingerprint of the host key verified at connect time.</summary>
        public string? HostKeyFingerprint { get; private set; }

        /// <summary>True when the underlying connection is up.</summary>
        public bool IsConnected => _client?.IsConnected == true;

        /// <summary>Connects, verifying the host key; throws an <see cref="NfsCinderException"/> on any failure.</summary>
        public void Connect(CancellationToken cancellationToken = default)
        {
            lock (_connectLock)
            {
                if (_disposed) throw new ObjectDisposedException(nameof(SshTransport));
                if (_client?.IsConnected == true) return;
                _client?.Dispose();
                _client = null;

                var verifier = new HostKeyVerifier(_options);
                var client = new SshClient(BuildConnectionInfo()) { KeepAliveInterval = _options.KeepAliveInterval };
                client.HostKeyReceived += verifier.OnHostKeyReceived;
                try
                {
                    client.ConnectAsync(cancellationToken).GetAwaiter().GetResult();
                }
                catch (Exception ex) when (ex is not NfsCinderException && ex is not OperationCanceledException)
                {
                    client.Dispose();
                    throw verifier.Refusal ?? Translate(ex);
                }
                catch
                {
                    client.Dispose();
                    throw;
                }

                // A reconnect must meet the very key verified the first time.
                if (_pinnedHostKey is not null && !ByteArraysEqual(_pinnedHostKey, verifier.PresentedKey!))
                {
                    client.Dispose();
                    throw new NfsCinderException("HostKeyChanged", FailureCategory.SecurityError, ComputerName,
                        $"The host key changed while the session was open (was {KnownHostsFile.Fingerprint(_pinnedHostKey)}, now {verifier.Fingerprint}).",
                        "Verify the host out of band, then open a new session.");
                }
                if (verifier.MustRecord)
                    KnownHostsFile.Append(_options.KnownHostsPath, _options.ComputerName, _options.Port, verifier.PresentedKey!);
                _pinnedHostKey = verifier.PresentedKey;
                HostKeyFingerprint = verifier.Fingerprint;
                _client = client;
            }
        }

        public async Task<RawExecution> ExecuteAsync(string commandLine, byte[]? standardInput, TimeSpan timeout, CancellationToken cancellationToken)
        {
            if (!IsConnected) Connect(cancellationToken);
            SshClient client = _client!;
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);

            SshCommand command;
            try { command = client.CreateCommand(commandLine); }
            catch (Exception ex) when (IsConnectionFailure(ex)) { throw Lost(ex); }

            using (command)
            {
                Task execution;
                try
                {
                    execution = command.ExecuteAsync(deadline.Token);
                    // Always send EOF, so nothing waits forever for input that never comes.
                    using (Stream input = command.CreateInputStream())
                    {
                        if (standardInput is not null && standardInput.Length > 0)
                            await input.WriteAsync(standardInput, 0, standardInput.Length, cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (Exception ex) when (IsConnectionFailure(ex)) { throw Lost(ex); }

                // SSH.NET cancels by sending a signal; a server that ignores it must not hang us.
                Task guard = Task.Delay(timeout + TimeSpan.FromSeconds(5), CancellationToken.None);
                Task finished = await Task.WhenAny(execution, guard).ConfigureAwait(false);
                bool timedOut = false;
                if (finished == guard)
                {
                    timedOut = true;
                }
                else
                {
                    try
                    {
                        await execution.ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        timedOut = true;
                    }
                    catch (OperationCanceledException)
                    {
                        // Ctrl+C: handled below, once the partial stderr is read.
                    }
                    catch (SshOperationTimeoutException)
                    {
                        timedOut = true;
                    }
                    catch (Exception ex) when (IsConnectionFailure(ex))
                    {
                        throw Lost(ex);
                    }
                }
                if (cancellationToken.IsCancellationRequested)
                    throw new TransportCancelledException(DrainAvailable(command.ExtendedOutputStream), cancellationToken);

                if (!timedOut && command.ExitStatus is null && command.ExitSignal is null && !client.IsConnected)
                    throw Lost(null);

                byte[] output = Drain(command.OutputStream);
                byte[] error = Drain(command.ExtendedOutputStream);
                return new RawExecution(timedOut ? null : command.ExitStatus, command.ExitSignal, output, error, timedOut);
            }
        }

        public void Dispose()
        {
            lock (_connectLock)
            {
                if (_disposed) return;
                _disposed = true;
                try { if (_client?.IsConnected == true) _client.Disconnect(); }
                catch (Exception ex) when (ex is SshException || ex is SocketException || ex is ObjectDisposedException) { }
                _client?.Dispose();
                _client = null;
            }
        }

        private ConnectionInfo BuildConnectionInfo()
        {
            var methods = new List<AuthenticationMethod>();
            if (_options.KeyFilePath is not null) methods.Add(new PrivateKeyAuthenticationMethod(_options.UserName, LoadKey()));
            if (_options.Password is not null)
            {
                string password = Plain(_options.Password);
                methods.Add(new PasswordAuthenticationMethod(_options.UserName, password));
                // Many servers offer passwords only through keyboard-interactive.
                var interactive = new KeyboardInteractiveAuthenticationMethod(_options.UserName);
                interactive.AuthenticationPrompt += (_, e) => { foreach (var prompt in e.Prompts) prompt.Response = password; };
                methods.Add(interactive);
            }
            return new ConnectionInfo(_options.ComputerName, _options.Port, _options.UserName, methods.ToArray())
            {
                Timeout = _options.ConnectTimeout,
            };
        }

        private PrivateKeyFile LoadKey()
        {
            string path = _options.KeyFilePath!;
            try
            {
                return _options.KeyPassphrase is null ? new PrivateKeyFile(path) : new PrivateKeyFile(path, Plain(_options.KeyPassphrase));
            }
            catch (SshPassPhraseNullOrEmptyException)
            {
                throw new NfsCinderException("KeyFileNeedsPassphrase", FailureCategory.InvalidArgument, ComputerName,
                    $"The private key '{path}' is encrypted.", "Pass its passphrase with -KeyPassphrase.");
            }
            catch (Exception ex) when (ex is SshException || ex is InvalidOperationException || ex is ArgumentException || ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new NfsCinderException("KeyFileInvalid", FailureCategory.InvalidArgument, ComputerName,
                    $"The private key '{path}' could not be read: {ex.Message}",
                    "Check the path, its permissions and the passphrase; OpenSSH, PEM and PuTTY key files are supported.", ex);
            }
        }

        private NfsCinderException Translate(Exception ex)
        {
            string target = $"{_options.UserName}@{_options.ComputerName}:{_options.Port}";
            return ex switch
            {
                SshAuthenticationException => new NfsCinderException("AuthenticationFailed", FailureCategory.AuthenticationError, ComputerName,
                    $"The server refused the login {target}: {ex.Message}",
                    "Check the user name, the key (-KeyFilePath) or password (-Credential), and that the key is in the user's authorized_keys.", ex),
                SshOperationTimeoutException => new NfsCinderException("ConnectionTimedOut", FailureCategory.OperationTimeout, ComputerName,
                    $"No SSH answer from {target} within {_options.ConnectTimeout.TotalSeconds:0} s.",
                    "Check that the host is up, sshd listens on that port and no firewall drops the traffic; raise -ConnectTimeoutSec for slow links.", ex),
                SocketException socket => new NfsCinderException("ConnectionFailed", FailureCategory.ConnectionError, ComputerName,
                    $"Could not reach {target}: {socket.Message}",
                    "Check the host name and port, that sshd runs, and that the name resolves from this machine.", ex),
                _ => new NfsCinderException("ConnectionFailed", FailureCategory.ConnectionError, ComputerName,
                    $"The SSH connection to {target} failed: {ex.Message}",
                    "Check that the host runs an SSH server compatible with OpenSSH and try again with -Verbose.", ex),
            };
        }

        private NfsCinderException Lost(Exception? inner) =>
            new NfsCinderException("ConnectionLost", FailureCategory.ConnectionError, ComputerName,
                $"The SSH connection dropped while a command was running{(inner is null ? "" : ": " + inner.Message)}. The command may or may not have completed.",
                "Check the host (rebooted? sshd restarted? network?); the session reconnects on its next command, so re-run after checking the state.", inner);

        private static bool IsConnectionFailure(Exception ex) =>
            ex is SshConnectionException || ex is SocketException || ex is ObjectDisposedException
            || (ex is SshException && ex is not SshOperationTimeoutException) || (ex is InvalidOperationException && ex.Message.IndexOf("not connected", StringComparison.OrdinalIgnoreCase) >= 0);

        // Reads only what has arrived; a running command's stream would block a full read.
        private static byte[] DrainAvailable(Stream stream)
        {
            try
            {
                int available = (int)Math.Min(stream.Length, 64 * 1024);
                var buffer = new byte[available];
                int read = available == 0 ? 0 : stream.Read(buffer, 0, available);
                return buffer.Take(read).ToArray();
            }
            catch (Exception ex) when (ex is NotSupportedException || ex is ObjectDisposedException || ex is IOException)
            {
                return Array.Empty<byte>();
            }
        }

        private static byte[] Drain(Stream stream)
        {
            using var buffer = new MemoryStream();
            if (stream.CanRead) stream.CopyTo(buffer);
            return buffer.ToArray();
        }

        private static bool ByteArraysEqual(byte[] a, byte[] b)
        {
            if (a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++) if (a[i] != b[i]) return false;
            return true;
        }

        // SSH.NET takes passwords as strings; keep the plain copy as short-lived as it can be.
        private static string Plain(SecureString secure)
        {
            IntPtr pointer = IntPtr.Zero;
            try
            {
                pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
                return Marshal.PtrToStringUni(pointer) ?? "";
            }
            finally
            {
                if (pointer != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }
    }
}
