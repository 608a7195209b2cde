using System.Collections.Generic;

namespace NfsCinder.Files
{
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
}
