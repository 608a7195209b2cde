using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;
using System.Threading;

namespace NfsCinder.Execution
{
    /// <summary>
    /// The one runner every command goes through: it quotes argv, wraps it in timeout(1),
    /// elevates with sudo when the session asks, reports the redacted line to -Verbose,
    /// and turns failures into <see cref="NfsCinderException"/>s.
    /// </summary>
    internal sealed class CommandRunner : ICommandHost
    {
        // A fixed locale keeps output parseable; a full PATH finds exportfs and showmount
        // in /usr/sbin even for a non-root login without sudo.
        private static readonly string[] Environment =
        {
            "LC_ALL=C", "LANG=C", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        };

        // Seconds between timeout's TERM and its KILL.
        internal const int KillGraceSeconds = 5;

        // Extra client-side wait beyond the remote timeout before the transport gives up.
        private static readonly TimeSpan TransportMargin = TimeSpan.FromSeconds(KillGraceSeconds + 5);

        internal const string PidMarker = "NFSCINDER-PID ";

        private const string PidScript = "echo \"" + PidMarker + "$$\" >&2; exec \"$@\"";

        // The first command of a session without sudo also says who logged in, so opening a
        // session costs no command of its own (one remote command is tens of milliseconds of
        // sshd and PAM work on the host; at 32 hosts that is most of a run).
        private const string PidAndIdentityScript = "echo \"" + PidMarker + "$$ uid=$(id -u)\" >&2; exec \"$@\"";

        // Script bodies longer than this are shown by name in verbose output.
        private const int MaxShownScriptLength = 100;

        private readonly ICommandTransport _transport;
        private SecureString? _sudoPassword;
        private long _commandCount;

        public CommandRunner(ICommandTransport transport, TimeSpan defaultTimeout)
        {
            _transport = transport;
            DefaultTimeout = defaultTimeout;
        }

        public string ComputerName => _transport.ComputerName;

        /// <summary>The host as messages name it (the session's name, or host:port); the computer name until a session says otherwise.</summary>
        public string DisplayName
        {
            get => _displayName ?? ComputerName;
            set => _displayName = value;
        }

        private string? _displayName;

        public TimeSpan DefaultTimeout { get; set; }

        public SudoMode Sudo { get; private set; } = SudoMode.None;

        private bool? _isRoot;

        /// <summary>True when the login user is root, so nothing needs elevation. Learnt from the first command (one is run if none has yet).</summary>
        public bool IsRoot
        {
            get
            {
                if (_isRoot is null) Run(CommandSpec.Argv("true").WithoutElevation().For("Checking the login user"));
                return _isRoot ?? false;
            }
        }

        /// <summary>IsRoot when a command has told it already; null before.</summary>
        internal bool? KnownIsRoot => _isRoot;

        /// <summary>Round trips made so far (one per command), for tests and benchmarks.</summary>
        public long CommandCount => Interlocked.Read(ref _commandCount);

        /// <summary>Sets up elevation: password mode keeps a copy of the password for stdin.</summary>
        public void SetSudo(SudoMode mode, SecureString? password)
        {
            if (mode == SudoMode.Password && password is null) throw new ArgumentNullException(nameof(password), "Password sudo needs a password.");
            Sudo = mode;
            _sudoPassword = mode == SudoMode.Password ? password!.Copy() : null;
            _sudoPassword?.MakeReadOnly();
        }

        internal void SetIsRoot(bool isRoot) => _isRoot = isRoot;

        /// <summary>Runs a command; throws unless its exit status is accepted.</summary>
        /// <summary>Runs the command without a cmdlet's context (no cancellation, no verbose output).</summary>
        public CommandResult Run(CommandSpec spec) => Run(spec, null);

        /// <summary>A bare runner is never stopped from outside.</summary>
        public System.Threading.CancellationToken Cancellation => System.Threading.CancellationToken.None;

        public CommandResult Run(CommandSpec spec, RunContext? context)
        {
            context ??= RunContext.None;
            TimeSpan timeout = spec.Timeout ?? DefaultTimeout;
            // Sudo sessions settle who logged in when they open; unknown counts as not root.
            bool useSudo = Sudo != SudoMode.None && spec.Elevate && _isRoot != true;
            IReadOnlyList<string> argv = WrappedArgv(spec, timeout, useSudo, learnIdentity: _isRoot is null && !useSudo);
            string commandLine = ShellQuote.Join(argv);
            string shown = Display(spec, argv);
            context.Verbose?.Invoke($"[{DisplayName}] {shown}");

            byte[]? input = useSudo && Sudo == SudoMode.Password ? PrependPassword(spec.StandardInput) : spec.StandardInput;
            var stopwatch = Stopwatch.StartNew();
            RawExecution raw;
            try
            {
                Interlocked.Increment(ref _commandCount);
                raw = _transport.ExecuteAsync(commandLine, input, timeout + TransportMargin, context.CancellationToken)
                    .GetAwaiter().GetResult();
            }
            catch (OperationCanceledException cancelled) when (context.CancellationToken.IsCancellationRequested)
            {
                StopRemoteProcess(cancelled, useSudo, context);
                throw new NfsCinderException("CommandCancelled", FailureCategory.OperationStopped, DisplayName,
                    $"Command '{spec.Program}' was cancelled.", "");
            }
            finally
            {
                if (input is not null && !ReferenceEquals(input, spec.StandardInput)) Array.Clear(input, 0, input.Length);
            }
            stopwatch.Stop();
            if (_isRoot is null && !useSudo) LearnIdentity(raw.StandardError);
            raw = WithoutPidLine(raw);

            var result = new CommandResult(ComputerName, shown, raw.ExitCode ?? -1, raw.StandardOutput, raw.StandardError, stopwatch.Elapsed);
            bool accepted = !raw.TimedOut && raw.ExitCode is int code && spec.AcceptedExitCodes.Contains(code);
            if (accepted) return result;
            throw FailureClassifier.Classify(DisplayName, spec, raw, timeout, stopwatch.Elapsed, useSudo, IsRoot);
        }

        /// <summary>sudo (optional) → env with fixed locale and PATH → timeout → the command.</summary>
        internal IReadOnlyList<string> WrappedArgv(CommandSpec spec, TimeSpan timeout, bool useSudo, bool learnIdentity = false)
        {
            var argv = new List<string>();
            if (useSudo)
            {
                // -k makes sudo ignore cached credentials, so in password mode it always
                // reads exactly one password line and the rest of stdin reaches the command.
                if (Sudo == SudoMode.NoPassword) argv.AddRange(new[] { "sudo", "-n", "--" });
                else argv.AddRange(new[] { "sudo", "-S", "-k", "-p", "", "--" });
            }
            // The first stderr line names the PID, so a cancelled command can be killed even
            // where sshd refuses signal requests (it does for root logins).
            argv.AddRange(new[] { "sh", "-c", learnIdentity ? PidAndIdentityScript : PidScript, "nfscinder" });
            argv.Add("env");
            argv.AddRange(Environment);
            argv.AddRange(new[] { "timeout", "-k", KillGraceSeconds.ToString(CultureInfo.InvariantCulture), Seconds(timeout) });
            argv.AddRange(spec.InnerArgv());
            return argv;
        }

        private static string Seconds(TimeSpan timeout) =>
            Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

        /// <summary>
        /// After Ctrl+C, ends the remote command with TERM to its timeout(1), which passes the
        /// signal on and sends KILL after the grace period. Best effort, bounded, never throws.
        /// </summary>
        private void StopRemoteProcess(OperationCanceledException cancelled, bool useSudo, RunContext context)
        {
            if (cancelled is not TransportCancelledException { PartialStandardError: var stderr }) return;
            string? pid = ReadPid(stderr);
            if (pid is null) return;
            var kill = CommandSpec.Argv("kill", "-TERM", pid).Accepting(0, 1).WithTimeout(TimeSpan.FromSeconds(10)).For("Stopping the cancelled command");
            if (!useSudo) kill.WithoutElevation();
            // No verbose here: the pipeline is stopping and would refuse the write.
            try { Run(kill, new RunContext(null, CancellationToken.None)); }
            catch (NfsCinderException) { /* the connection may be gone; timeout(1) still ends it */ }
        }

        private static string? ReadPid(byte[] stderr)
        {
            string pid = MarkerLine(stderr)?.Split(' ')[0] ?? "";
            return pid.Length > 0 && pid.All(char.IsDigit) ? pid : null;
        }

        // "PID uid=N" on the marker line of a command run with the identity script.
        private void LearnIdentity(byte[] stderr)
        {
            string? uid = MarkerLine(stderr)?.Split(' ').FirstOrDefault(part => part.StartsWith("uid=", StringComparison.Ordinal))?.Substring(4);
            if (!string.IsNullOrEmpty(uid) && uid!.All(char.IsDigit)) _isRoot = uid == "0";
        }

        private static string? MarkerLine(byte[] stderr)
        {
            string text = Encoding.UTF8.GetString(stderr);
            if (!text.StartsWith(PidMarker, StringComparison.Ordinal)) return null;
            int end = text.IndexOf('\n');
            return (end < 0 ? text.Substring(PidMarker.Length) : text.Substring(PidMarker.Length, end - PidMarker.Length)).Trim();
        }

        private static RawExecution WithoutPidLine(RawExecution raw)
        {
            byte[] stderr = raw.StandardError;
            byte[] marker = Encoding.ASCII.GetBytes(PidMarker);
            if (stderr.Length < marker.Length || !stderr.Take(marker.Length).SequenceEqual(marker)) return raw;
            int newline = Array.IndexOf(stderr, (byte)'\n');
            byte[] rest = newline < 0 ? Array.Empty<byte>() : stderr.Skip(newline + 1).ToArray();
            return new RawExecution(raw.ExitCode, raw.ExitSignal, raw.StandardOutput, rest, raw.TimedOut);
        }

        private static string Display(CommandSpec spec, IReadOnlyList<string> argv)
        {
            var shown = argv.Select(a =>
                spec.ScriptBody is not null && ReferenceEquals(a, spec.ScriptBody) && a.Length > MaxShownScriptLength
                    ? $"<script {spec.ScriptName}>"
                    : ShellQuote.Quote(FailureClassifier.Redact(spec, a))); // before quoting: quoting can split a secret
            return FailureClassifier.Redact(spec, string.Join(" ", shown));
        }

        private byte[] PrependPassword(byte[]? input)
        {
            IntPtr pointer = IntPtr.Zero;
            char[] chars = new char[_sudoPassword!.Length];
            try
            {
                pointer = Marshal.SecureStringToGlobalAllocUnicode(_sudoPassword);
                Marshal.Copy(pointer, chars, 0, chars.Length);
                int passwordBytes = Encoding.UTF8.GetByteCount(chars);
                var buffer = new byte[passwordBytes + 1 + (input?.Length ?? 0)];
                Encoding.UTF8.GetBytes(chars, 0, chars.Length, buffer, 0);
                buffer[passwordBytes] = (byte)'\n';
                input?.CopyTo(buffer, passwordBytes + 1);
                return buffer;
            }
            finally
            {
                Array.Clear(chars, 0, chars.Length);
                if (pointer != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }
    }
}
