using System;
using System.Linq;

namespace NfsCinder.Execution
{
    /// <summary>
    /// Turns a finished command whose exit status was not accepted into an
    /// <see cref="NfsCinderException"/> that names the cause and the fix.
    /// </summary>
    internal static class FailureClassifier
    {
        // coreutils timeout(1): 124 after TERM, 128+9 after the KILL that follows -k.
        internal const int TimeoutExitTerm = 124;
        internal const int TimeoutExitKill = 137;

        public static NfsCinderException Classify(string computerName, CommandSpec spec, RawExecution raw, TimeSpan timeout, TimeSpan elapsed, bool sudoUsed, bool isRoot)
        {
            string program = spec.Program;
            string what = spec.Purpose ?? $"Command '{program}'";
            string stderr = Redact(spec, FirstLines(raw.StandardError));
            int exit = raw.ExitCode ?? -1;

            // timeout(1) exits 124 after TERM; after its KILL the whole process group dies,
            // timeout included, so the status is 137 or only an exit signal.
            bool timeoutStatus = exit == TimeoutExitTerm || exit == TimeoutExitKill || raw.ExitCode is null;
            bool timedOut = raw.TimedOut || (timeoutStatus && elapsed >= timeout - TimeSpan.FromMilliseconds(500));
            if (timedOut)
                return new NfsCinderException("CommandTimedOut", FailureCategory.OperationTimeout, computerName,
                    $"{what} did not finish within {timeout.TotalSeconds:0.#} s and was stopped.",
                    "If the host is only slow, raise -TimeoutSec; if it touches an NFS mount, check that the NFS server answers.");

            if (raw.ExitCode is null)
                return new NfsCinderException("CommandKilled", FailureCategory.OperationStopped, computerName,
                    $"{what} ended without an exit status{(raw.ExitSignal is null ? "" : $" (signal {raw.ExitSignal})")}.",
                    "Something on the host killed it; check the host's logs (OOM killer, an administrator) and run it again.");

            if (sudoUsed)
            {
                var sudo = ClassifySudo(computerName, stderr, exit);
                if (sudo is not null) return sudo;
            }

            if (exit == 127)
                return new NfsCinderException("CommandNotFound", FailureCategory.ObjectNotFound, computerName,
                    $"'{program}' was not found (exit 127). {stderr}".TrimEnd(),
                    "Install the package that provides it; Get-NfsCinderHost lists the NFS and Cinder packages installed.");
            if (exit == 126)
                return new NfsCinderException("CommandNotExecutable", FailureCategory.PermissionDenied, computerName,
                    $"'{program}' exists but could not be executed (exit 126). {stderr}".TrimEnd(),
                    "Check the file's execute permission and the filesystem's noexec option.");

            if (!isRoot && !sudoUsed && (Contains(stderr, "Permission denied") || Contains(stderr, "Operation not permitted") || Contains(stderr, "must be superuser") || Contains(stderr, "Only root")))
                return new NfsCinderException("PermissionDenied", FailureCategory.PermissionDenied, computerName,
                    $"{what} was refused (exit {exit}): {stderr}",
                    "Log in as root, or create the session with -UseSudo for a user allowed to run sudo.");

            return new NfsCinderException("CommandFailed", FailureCategory.InvalidOperation, computerName,
                $"{what} failed with exit status {exit}{(stderr.Length > 0 ? ": " + stderr : ".")}",
                "Read the message above from the host; run with -Verbose to see the exact command.");
        }

        private static NfsCinderException? ClassifySudo(string computerName, string stderr, int exit)
        {
            if (Contains(stderr, "a password is required") || Contains(stderr, "a terminal is required"))
                return new NfsCinderException("SudoPasswordRequired", FailureCategory.AuthenticationError, computerName,
                    "sudo asked for a password and none was given.",
                    "Pass -SudoPassword (or -Credential, whose password is then used for sudo), or give the user a NOPASSWD sudoers rule.");
            if (Contains(stderr, "incorrect password") || Contains(stderr, "Sorry, try again"))
                return new NfsCinderException("SudoPasswordRejected", FailureCategory.AuthenticationError, computerName,
                    "sudo rejected the password.",
                    "Check -SudoPassword; note that sudo locks the account after repeated failures on some hosts.");
            if (Contains(stderr, "must have a tty"))
                return new NfsCinderException("SudoRequiresTty", FailureCategory.SecurityError, computerName,
                    "sudoers has 'Defaults requiretty', so sudo refuses to run without a terminal.",
                    "Add 'Defaults:<user> !requiretty' to a file in /etc/sudoers.d on that host.");
            if (Contains(stderr, "not in the sudoers file") || Contains(stderr, "is not allowed to execute") || Contains(stderr, "may not run sudo"))
                return new NfsCinderException("SudoNotPermitted", FailureCategory.PermissionDenied, computerName,
                    "The login user may not run this command with sudo.",
                    "Grant the user a sudoers rule for it, or log in as root.");
            if (exit == 127 && (Contains(stderr, "sudo: not found") || Contains(stderr, "sudo: command not found")))
                return new NfsCinderException("SudoNotInstalled", FailureCategory.NotInstalled, computerName,
                    "sudo is not installed on the host.",
                    "Install the sudo package, or log in as root without -UseSudo.");
            return null;
        }

        internal static string Redact(CommandSpec spec, string text)
        {
            foreach (string secret in spec.Secrets) text = text.Replace(secret, "***");
            return text;
        }

        private static bool Contains(string text, string part) => text.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0;

        private static string FirstLines(byte[] stderr)
        {
            string text = System.Text.Encoding.UTF8.GetString(stderr);
            var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).Take(5);
            return string.Join(" | ", lines);
        }
    }
}
