using System;
using System.Text;

namespace NfsCinder.Execution
{
    /// <summary>What a command did: exit status and captured output.</summary>
    public sealed class CommandResult
    {
        internal CommandResult(string computerName, string commandLine, int exitCode, byte[] standardOutput, byte[] standardError, TimeSpan duration)
        {
            ComputerName = computerName;
            CommandLine = commandLine;
            ExitCode = exitCode;
            StandardOutputBytes = standardOutput;
            StandardErrorBytes = standardError;
            Duration = duration;
        }

        /// <summary>The host the command ran on.</summary>
        public string ComputerName { get; }

        /// <summary>The command as run, with secrets redacted.</summary>
        public string CommandLine { get; }

        /// <summary>Exit status of the command.</summary>
        public int ExitCode { get; }

        /// <summary>Standard output decoded as UTF-8.</summary>
        public string StandardOutput => Encoding.UTF8.GetString(StandardOutputBytes);

        /// <summary>Standard error decoded as UTF-8.</summary>
        public string StandardError => Encoding.UTF8.GetString(StandardErrorBytes);

        /// <summary>Standard output, exact bytes.</summary>
        public byte[] StandardOutputBytes { get; }

        /// <summary>Standard error, exact bytes.</summary>
        public byte[] StandardErrorBytes { get; }

        /// <summary>Wall time of the call, transport included.</summary>
        public TimeSpan Duration { get; }

        /// <summary>True when the exit status was zero.</summary>
        public bool Succeeded => ExitCode == 0;
    }
}
