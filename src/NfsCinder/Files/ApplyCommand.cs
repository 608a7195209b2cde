using System;
using System.Collections.Generic;
using System.Linq;

namespace NfsCinder.Files
{
    /// <summary>
    /// A command that puts written files into effect (exportfs -ra, mount), run right after
    /// the write in the same round trip. Arguments travel quoted like any other argv.
    /// </summary>
    internal sealed class ApplyCommand
    {
        public ApplyCommand(string purpose, IReadOnlyList<string> argv, IReadOnlyCollection<int>? acceptedExitCodes = null, TimeSpan? timeout = null)
        {
            if (argv.Count == 0 || argv.Any(a => a is null)) throw new ArgumentException("An apply command needs a program and non-null arguments.", nameof(argv));
            Purpose = purpose;
            Argv = argv;
            AcceptedExitCodes = acceptedExitCodes ?? new[] { 0 };
            if (AcceptedExitCodes.Any(c => c < 0 || c > 150)) throw new ArgumentException("Accepted exit codes must be 0-150.", nameof(acceptedExitCodes));
            Timeout = timeout;
        }

        /// <summary>Runs a script of ours (sh -c BODY NAME ARGS...) as the apply step.</summary>
        public static ApplyCommand Script(string purpose, string name, string body, IEnumerable<string> arguments,
            IReadOnlyCollection<int>? acceptedExitCodes = null, TimeSpan? timeout = null) =>
            new ApplyCommand(purpose, new[] { "sh", "-c", body, name }.Concat(arguments).ToArray(), acceptedExitCodes, timeout);

        public string Purpose { get; }

        public IReadOnlyList<string> Argv { get; }

        public IReadOnlyCollection<int> AcceptedExitCodes { get; }

        /// <summary>The whole round trip's timeout, when the apply step needs longer than the session default.</summary>
        public TimeSpan? Timeout { get; }
    }

    /// <summary>What one write round trip did: each file, and the apply command's own result.</summary>
    internal sealed class FileWriteOutcome
    {
        public FileWriteOutcome(IReadOnlyList<FileWriteResult> files, Execution.CommandResult? applied)
        {
            Files = files;
            Applied = applied;
        }

        public IReadOnlyList<FileWriteResult> Files { get; }

        public Execution.CommandResult? Applied { get; }
    }

    /// <summary>A file as read from a host: its bytes and its owner, group and octal mode.</summary>
    internal sealed class RemoteFileContent
    {
        public RemoteFileContent(string path, byte[] content, string owner, string group, string mode)
        {
            Path = path;
            Content = content;
            Owner = owner;
            Group = group;
            Mode = mode;
        }

        public string Path { get; }

        public byte[] Content { get; }

        public string Text => System.Text.Encoding.UTF8.GetString(Content);

        public string Owner { get; }

        public string Group { get; }

        /// <summary>Octal, as stat prints it (640, not 0640).</summary>
        public string Mode { get; }

        /// <summary>True when writing this content with this owner, group and mode would change nothing.</summary>
        public bool Matches(byte[] content, string? owner, string? group, string? mode) =>
            Content.SequenceEqual(content)
            && (owner is null || owner == Owner) && (group is null || group == Group)
            && (mode is null || mode.TrimStart('0') == Mode.TrimStart('0'));
    }
}
