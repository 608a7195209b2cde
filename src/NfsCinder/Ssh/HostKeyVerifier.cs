using System;
using Renci.SshNet.Common;
using NfsCinder.Execution;

namespace NfsCinder.Ssh
{
    /// <summary>
    /// Decides on the host key during key exchange, OpenSSH style: known keys pass, a
    /// changed or revoked key never does, an unknown key only with trust on first use.
    /// </summary>
    internal sealed class HostKeyVerifier
    {
        private readonly SshConnectionOptions _options;

        public HostKeyVerifier(SshConnectionOptions options) => _options = options;

        /// <summary>The key the server presented, once key exchange ran.</summary>
        public byte[]? PresentedKey { get; private set; }

        /// <summary>Why the key was refused; null when it was trusted.</summary>
        public NfsCinderException? Refusal { get; private set; }

        /// <summary>True when the key was new and accepted, so it must be recorded.</summary>
        public bool MustRecord { get; private set; }

        public string? Fingerprint => PresentedKey is null ? null : KnownHostsFile.Fingerprint(PresentedKey);

        public void OnHostKeyReceived(object? sender, HostKeyEventArgs e)
        {
            PresentedKey = e.HostKey;
            var known = KnownHostsFile.Load(_options.KnownHostsPath);
            HostKeyCheck check = known.Check(_options.ComputerName, _options.Port, e.HostKey);
            string host = KnownHostsFile.HostPattern(_options.ComputerName, _options.Port);
            switch (check.Match)
            {
                case HostKeyMatch.Known:
                    e.CanTrust = true;
                    return;
                case HostKeyMatch.Unknown when _options.AcceptNewHostKey:
                    e.CanTrust = true;
                    MustRecord = true;
                    return;
                case HostKeyMatch.Unknown:
                    string others = check.KnownKeyTypes.Count == 0 ? "" : $" (keys of other types are on record: {string.Join(", ", check.KnownKeyTypes)})";
                    Refusal = new NfsCinderException("HostKeyUnknown", FailureCategory.SecurityError, _options.ComputerName,
                        $"The host key of {host} is not in {_options.KnownHostsPath}{others}. It presented {check.PresentedKeyType} {check.PresentedFingerprint}.",
                        "Compare that fingerprint with the one the host shows locally (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub); if they match, run again with -AcceptNewHostKey to trust it.");
                    break;
                case HostKeyMatch.Changed:
                    Refusal = new NfsCinderException("HostKeyChanged", FailureCategory.SecurityError, _options.ComputerName,
                        $"WARNING: the host key of {host} has CHANGED. On record ({_options.KnownHostsPath}, line {check.LineNumber}): {string.Join(", ", check.KnownFingerprints)}; presented now: {check.PresentedKeyType} {check.PresentedFingerprint}. Someone could be intercepting the connection, or the host was reinstalled.",
                        $"Verify the new key out of band; if it is legitimate, remove the old entry (ssh-keygen -R '{host}' -f '{_options.KnownHostsPath}') and connect again with -AcceptNewHostKey.");
                    break;
                default:
                    Refusal = new NfsCinderException("HostKeyRevoked", FailureCategory.SecurityError, _options.ComputerName,
                        $"The host key {check.PresentedKeyType} {check.PresentedFingerprint} of {host} is marked @revoked in {_options.KnownHostsPath}.",
                        "Do not connect: the key was revoked on purpose. Ask the host's administrator for its new key.");
                    break;
            }
            e.CanTrust = false;
        }
    }
}
