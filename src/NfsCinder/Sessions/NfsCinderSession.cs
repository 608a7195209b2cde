using System;
using NfsCinder.Execution;

namespace NfsCinder.Sessions
{
    /// <summary>
    /// A host the module acts on: one SSH connection (or this machine), with its sudo
    /// settings and default timeout. Every host cmdlet takes it with -Session.
    /// </summary>
    public sealed class NfsCinderSession : IDisposable
    {
        private readonly ICommandTransport _transport;
        private bool _closed;

        internal NfsCinderSession(int id, string name, string transportName, int port, string userName, string? knownHostsPath, ICommandTransport transport, CommandRunner runner)
        {
            Id = id;
            Name = name;
            Transport = transportName;
            Port = port;
            UserName = userName;
            KnownHostsPath = knownHostsPath;
            _transport = transport;
            Runner = runner;
            Runner.DisplayName = DisplayName;
            CreatedAt = DateTime.Now;
        }

        /// <summary>Session number, unique in this PowerShell process.</summary>
        public int Id { get; }

        /// <summary>Friendly name (defaults to the host name).</summary>
        public string Name { get; }

        /// <summary>Host the session acts on.</summary>
        public string ComputerName => _transport.ComputerName;

        /// <summary>The host as the user named it, for messages and -WhatIf: the session's name when one was given, else the host (with its port when not 22).</summary>
        public string DisplayName => Name != ComputerName ? Name : Port is 0 or 22 ? ComputerName : $"{ComputerName}:{Port}";

        /// <summary>"SSH" or "Local".</summary>
        public string Transport { get; }

        /// <summary>SSH port (0 for local).</summary>
        public int Port { get; }

        /// <summary>Login user.</summary>
        public string UserName { get; }

        /// <summary>How commands are elevated.</summary>
        public SudoMode SudoMode => Runner.Sudo;

        /// <summary>True when the login user is root.</summary>
        public bool IsRoot => Runner.IsRoot;

        /// <summary>Default timeout of every command, unless a cmdlet's -TimeoutSec says otherwise.</summary>
        public TimeSpan CommandTimeout => Runner.DefaultTimeout;

        /// <summary>SHA256 fingerprint of the verified host key (SSH only).</summary>
        public string? HostKeyFingerprint => (_transport as Ssh.SshTransport)?.HostKeyFingerprint;

        /// <summary>known_hosts file the host key was checked against (SSH only).</summary>
        public string? KnownHostsPath { get; }

        /// <summary>When the session was opened.</summary>
        public DateTime CreatedAt { get; }

        /// <summary>Remote commands run through this session so far (round trips).</summary>
        public long CommandCount => Runner.CommandCount;

        /// <summary>Connection state.</summary>
        public SessionState State
        {
            get
            {
                if (_closed) return SessionState.Closed;
                if (_transport is Ssh.SshTransport ssh && !ssh.IsConnected) return SessionState.Disconnected;
                return SessionState.Opened;
            }
        }

        internal CommandRunner Runner { get; }

        private Hosts.HostFacts? _facts;

        /// <summary>
        /// The host's facts, probed once per session: distribution, init system and package
        /// manager do not change under a running session. Installed packages may, so cmdlets
        /// that care query those themselves.
        /// </summary>
        internal Hosts.HostFacts Facts(RunContext context, bool refresh = false)
        {
            if (_facts is null || refresh)
            {
                var result = Run(Hosts.HostProbe.Query(), context);
                var facts = Hosts.HostProbe.Parse(result.StandardOutput);
                facts.ComputerName = ComputerName;
                _facts = facts;
            }
            return _facts;
        }

        /// <summary>The session as one cmdlet run reaches it: the one shape a host has below the cmdlets.</summary>
        internal ICommandHost On(RunContext context) => new SessionCommandHost(this, context);

        /// <summary>Runs a command, failing clearly on a closed session.</summary>
        internal CommandResult Run(CommandSpec spec, RunContext context)
        {
            if (_closed)
                throw new NfsCinderException("SessionClosed", FailureCategory.InvalidOperation, ComputerName,
                    $"Session {Id} ({Name}) was removed.", "Open a new one with New-NfsCinderSession.");
            return Runner.Run(spec, context);
        }

        /// <summary>Closes the connection.</summary>
        public void Dispose()
        {
            _closed = true;
            _transport.Dispose();
        }

        /// <inheritdoc />
        public override string ToString() => $"{Name} ({UserName}@{ComputerName})";
    }
}
