using System;
using System.Text.RegularExpressions;
using NfsCinder.Values;

namespace NfsCinder.Files
{
    /// <summary>
    /// A whole-file replacement to make on a host. Owner, group and mode left null are
    /// kept from the file being replaced (or, for a new file, root/root/0644).
    /// </summary>
    internal sealed class FileWriteRequest
    {
        private static readonly Regex ModePattern = new Regex(@"^0?[0-7]{3,4}\z", RegexOptions.CultureInvariant);

        public FileWriteRequest(string path, byte[] content)
        {
            if (!AbsolutePath.IsAbsolute(path))
                throw new ArgumentException($"'{HostValue.Display(path ?? "")}' is not an absolute path.", nameof(path));
            if (AbsolutePath.Problem(path, "The file path") is { } problem)
                throw new ArgumentException(problem, nameof(path));
            if (path.EndsWith("/", StringComparison.Ordinal))
                throw new ArgumentException($"'{path}' is not a valid file path: it ends with '/', a directory.", nameof(path));
            Path = path;
            Content = content ?? throw new ArgumentNullException(nameof(content));
        }

        public string Path { get; }

        public byte[] Content { get; }

        public string? Owner { get; private set; }

        public string? Group { get; private set; }

        /// <summary>Octal mode without a leading zero, as stat %a prints it ("640").</summary>
        public string? Mode { get; private set; }

        public bool Backup { get; private set; } = true;

        public FileWriteRequest WithOwner(string? owner, string? group)
        {
            Owner = CheckName(owner, nameof(owner));
            Group = CheckName(group, nameof(group));
            return this;
        }

        public FileWriteRequest WithMode(string? mode)
        {
            Mode = mode is null ? null : NormalizeMode(mode);
            return this;
        }

        /// <summary>
        /// Checks an octal mode and writes it as stat %a prints it, with no leading zeros
        /// at all ("0", "40", "755"), since the remote scripts compare with stat's answer.
        /// </summary>
        internal static string NormalizeMode(string mode)
        {
            if (!ModePattern.IsMatch(mode)) throw new ArgumentException($"Mode '{mode}' is not an octal file mode such as 0640.", nameof(mode));
            string trimmed = mode.TrimStart('0');
            return trimmed.Length == 0 ? "0" : trimmed;
        }

        public FileWriteRequest WithBackup(bool backup)
        {
            Backup = backup;
            return this;
        }

        private static string? CheckName(string? name, string parameter)
        {
            if (name is null) return null;
            if (!AccountName.IsValid(name)) throw new ArgumentException($"'{name}' is not a valid user or group name.", parameter);
            return name;
        }
    }
}
