namespace NfsCinder.Files
{
    /// <summary>What a file write did.</summary>
    public sealed class FileWriteResult
    {
        internal FileWriteResult(string computerName, string path, bool changed, bool contentChanged, string? backupPath)
        {
            ComputerName = computerName;
            Path = path;
            Changed = changed;
            ContentChanged = contentChanged;
            BackupPath = backupPath;
        }

        /// <summary>Host of the file.</summary>
        public string ComputerName { get; }

        /// <summary>The file (symlinks resolved).</summary>
        public string Path { get; }

        /// <summary>True when content, owner or mode changed.</summary>
        public bool Changed { get; }

        /// <summary>True when the bytes of the file changed.</summary>
        public bool ContentChanged { get; }

        /// <summary>Copy of the replaced file, when one was made.</summary>
        public string? BackupPath { get; }
    }
}
