using System;
using System.Collections.Generic;
using System.Text;

namespace NfsCinder.Execution
{
    /// <summary>
    /// The one place where argv becomes POSIX shell text. Every remote or local command
    /// passes through <see cref="Join"/>; nothing else in the module builds shell strings.
    /// </summary>
    public static class ShellQuote
    {
        /// <summary>Quotes one argument so that any POSIX sh passes it through byte for byte.</summary>
        /// <exception cref="ArgumentException">The argument cannot be carried in argv (NUL, lone surrogate).</exception>
        public static string Quote(string argument)
        {
            if (argument is null) throw new ArgumentNullException(nameof(argument));
            Validate(argument);
            if (argument.Length == 0) return "''";
            if (IsPlainWord(argument)) return argument;

            // Inside single quotes sh interprets nothing; a single quote itself is closed,
            // emitted as \' and reopened.
            var builder = new StringBuilder(argument.Length + 8);
            builder.Append('\'');
            foreach (char c in argument)
            {
                if (c == '\'') builder.Append("'\\''");
                else builder.Append(c);
            }
            builder.Append('\'');
            return builder.ToString();
        }

        /// <summary>Quotes each argument and joins them with single spaces.</summary>
        public static string Join(IEnumerable<string> argv)
        {
            if (argv is null) throw new ArgumentNullException(nameof(argv));
            var parts = new List<string>();
            foreach (string argument in argv) parts.Add(Quote(argument));
            if (parts.Count == 0) throw new ArgumentException("A command needs at least one argument.", nameof(argv));
            return string.Join(" ", parts);
        }

        /// <summary>
        /// Throws when a string cannot travel as a process argument unchanged: execve takes
        /// NUL-terminated strings, and a lone UTF-16 surrogate has no UTF-8 form.
        /// Data of that kind must go through standard input instead.
        /// </summary>
        public static void Validate(string argument)
        {
            for (int i = 0; i < argument.Length; i++)
            {
                char c = argument[i];
                if (c == '\0')
                    throw new ArgumentException($"Argument contains a NUL character at position {i}; no command argument can carry one. Pass such data on standard input.");
                if (char.IsHighSurrogate(c))
                {
                    if (i + 1 < argument.Length && char.IsLowSurrogate(argument[i + 1])) { i++; continue; }
                    throw new ArgumentException($"Argument contains an unpaired UTF-16 surrogate at position {i}; it has no exact UTF-8 form.");
                }
                if (char.IsLowSurrogate(c))
                    throw new ArgumentException($"Argument contains an unpaired UTF-16 surrogate at position {i}; it has no exact UTF-8 form.");
            }
        }

        // Words made only of these characters mean the same quoted or not, in any
        // position: no globbing, expansion, assignment (=) or tilde (~) characters.
        private static bool IsPlainWord(string s)
        {
            foreach (char c in s)
            {
                bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                             || c == '_' || c == '-' || c == '.' || c == '/' || c == ':' || c == ',' || c == '@' || c == '%' || c == '+';
                if (!plain) return false;
            }
            return true;
        }
    }
}
