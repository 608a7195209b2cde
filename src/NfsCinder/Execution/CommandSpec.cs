using System;
using System.Collections.Generic;
using System.Linq;

namespace NfsCinder.Execution
{
    /// <summary>
    /// What to run: an argv list, or a constant script that reads its data only from
    /// positional parameters ("$1", "$2", ...). Either way user data never becomes shell text.
    /// </summary>
    internal sealed class CommandSpec
    {
        private CommandSpec(string? scriptName, string? scriptBody, IReadOnlyList<string> arguments)
        {
            ScriptName = scriptName;
            ScriptBody = scriptBody;
            Arguments = arguments;
            foreach (string argument in arguments) ShellQuote.Validate(argument);
        }

        /// <summary>Name shown in verbose output instead of a long script body.</summary>
        public string? ScriptName { get; }

        /// <summary>A constant sh script written by the module's developers, or null for argv.</summary>
        public string? ScriptBody { get; }

        /// <summary>argv, or the script's positional parameters.</summary>
        public IReadOnlyList<string> Arguments { get; }

        /// <summary>Bytes sent on standard input, then EOF.</summary>
        public byte[]? StandardInput { get; private set; }

        /// <summary>Per-call timeout; null means the session's default.</summary>
        public TimeSpan? Timeout { get; private set; }

        /// <summary>Argument values that must never be shown (replaced by *** in verbose output and errors).</summary>
        public IReadOnlyCollection<string> Secrets { get; private set; } = Array.Empty<string>();

        /// <summary>False for commands that must run as the login user even when the session uses sudo.</summary>
        public bool Elevate { get; private set; } = true;

        /// <summary>Exit codes that are answers, not failures (for example 1 from grep or test).</summary>
        public IReadOnlyCollection<int> AcceptedExitCodes { get; private set; } = new[] { 0 };

        /// <summary>A few words for messages: what this command is for ("read /etc/exports").</summary>
        public string? Purpose { get; private set; }

        /// <summary>Runs a program with arguments.</summary>
        public static CommandSpec Argv(params string[] argv)
        {
            if (argv is null || argv.Length == 0) throw new ArgumentException("A command needs at least one argument.", nameof(argv));
            if (argv.Any(a => a is null)) throw new ArgumentException("Command arguments cannot be null.", nameof(argv));
            return new CommandSpec(null, null, argv.ToArray());
        }

        /// <summary>Runs a constant script with data passed as positional parameters only.</summary>
        public static CommandSpec Script(string name, string body, params string[] arguments)
        {
            if (string.IsNullOrEmpty(body)) throw new ArgumentException("Script body is empty.", nameof(body));
            if (arguments.Any(a => a is null)) throw new ArgumentException("Script arguments cannot be null.", nameof(arguments));
            return new CommandSpec(name, body, arguments.ToArray());
        }

        /// <summary>Sends data on standard input.</summary>
        public CommandSpec WithInput(byte[] input) { StandardInput = input; return this; }

        /// <summary>Overrides the session's default timeout for this call.</summary>
        public CommandSpec WithTimeout(TimeSpan timeout)
        {
            if (timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout), "Timeout must be positive.");
            Timeout = timeout;
            return this;
        }

        /// <summary>Marks argument values as secrets to redact.</summary>
        public CommandSpec WithSecrets(params string[] secrets) { Secrets = secrets.Where(s => !string.IsNullOrEmpty(s)).ToArray(); return this; }

        /// <summary>Runs as the login user even in a sudo session.</summary>
        public CommandSpec WithoutElevation() { Elevate = false; return this; }

        /// <summary>Declares which exit codes are not failures.</summary>
        public CommandSpec Accepting(params int[] exitCodes) { AcceptedExitCodes = exitCodes.ToArray(); return this; }

        /// <summary>Says what the command is for, for error messages.</summary>
        public CommandSpec For(string purpose) { Purpose = purpose; return this; }

        /// <summary>The inner argv (before sudo and timeout wrapping).</summary>
        public IReadOnlyList<string> InnerArgv()
        {
            if (ScriptBody is null) return Arguments;
            var argv = new List<string> { "sh", "-c", ScriptBody, ScriptName ?? "sh" };
            argv.AddRange(Arguments);
            return argv;
        }

        /// <summary>The program being run, for messages ("exportfs", or the script's name).</summary>
        public string Program => ScriptBody is null ? Arguments[0] : (ScriptName ?? "sh");
    }
}
