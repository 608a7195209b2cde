using NfsCinder.Files;

namespace NfsCinder.Commands
{
    /// <summary>What an export change's write-and-apply round trip did.</summary>
    internal sealed class ExportsWriteOutcome
    {
        public ExportsWriteOutcome(FileWriteResult? file, bool directoryChanged)
        {
            File = file;
            DirectoryChanged = directoryChanged;
        }

        /// <summary>The exports file written, when one was.</summary>
        public FileWriteResult? File { get; }

        public bool DirectoryChanged { get; }
    }
}
