using System;
using System.Security;
using NfsCinder.Execution;
using NfsCinder.Ssh;

namespace NfsCinder.Sessions
{
    /// <summary>Opens sessions: connects, learns who we are, and settles how to elevate.</summary>
    internal static class SessionFactory
    {
        public static NfsCinderSession OpenSsh(SshConnectionOptions options, string? name, bool useSudo, SecureString? sudoPassword, TimeSpan commandTimeout, RunContext context)
        {
            var transport = new SshTransport(options);
            try
            {
                transport.Connect(context.CancellationToken);
                var runner = new CommandRunner(transport, commandTimeout);
                SettleIdentity(runner, useSudo, sudoPassword ?? options.Password, context);
                return new NfsCinderSession(SessionRegistry.NextId(), name ?? options.ComputerName, "SSH", options.Port, options.UserName, options.KnownHostsPath, transport, runner);
            }
            catch
            {
                transport.Dispose();
                throw;
            }
        }

        public static NfsCinderSession OpenLocal(string? name, bool useSudo, SecureString? sudoPassword, TimeSpan commandTimeout, RunContext context)
        {
            var transport = new LocalTransport("localhost");
            var runner = new CommandRunner(transport, commandTimeout);
            SettleIdentity(runner, useSudo, sudoPassword, context);
            return new NfsCinderSession(SessionRegistry.NextId(), name ?? "localhost", "Local", 0, System.Environment.UserName, null, transport, runner);
        }

        private static void SettleIdentity(CommandRunner runner, bool useSudo, SecureString? sudoPassword, RunContext context)
        {
            // Without sudo there is nothing to settle now: the first command says who logged in.
            if (!useSudo) return;
            // One round trip tells both whether we are root and whether sudo needs a password.
            CommandResult identity = runner.Run(RemoteScripts.Spec("identity").WithoutElevation().For("Checking the login user and sudo"), context);
            string[] lines = identity.StandardOutput.Split(new[] { '\n' }, StringSplitOptions.RemoveEmptyEntries);
            runner.SetIsRoot(lines.Length > 0 && lines[0].Trim() == "0");
            if (runner.IsRoot) return;

            string sudo = lines.Length > 1 ? lines[1].Trim() : "sudo-missing";
            switch (sudo)
            {
                case "sudo-nopasswd":
                    runner.SetSudo(SudoMode.NoPassword, null);
                    return;
                case "sudo-password" when sudoPassword is not null:
                    runner.SetSudo(SudoMode.Password, sudoPassword);
                    // Prove the password now, so no later command feeds a wrong one to sudo.
                    runner.Run(CommandSpec.Argv("true").For("Checking the sudo password"), context);
                    return;
                case "sudo-password":
                    throw new NfsCinderException("SudoPasswordRequired", FailureCategory.AuthenticationError, runner.ComputerName,
                        "-UseSudo was given, but sudo on this host needs a password and none was given.",
                        "Pass -SudoPassword (or log in with -Credential, whose password is then used), or give the user a NOPASSWD sudoers rule.");
                default:
                    throw new NfsCinderException("SudoNotInstalled", FailureCategory.NotInstalled, runner.ComputerName,
                        "-UseSudo was given, but sudo is not installed on this host.",
                        "Install sudo there, or log in as root without -UseSudo.");
            }
        }
    }
}
