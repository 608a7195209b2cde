using System.Collections.Generic;

namespace NfsCinder.Nfs
{
    /// <summary>What <c>exportfs -a/-r/-u -v</c> reported.</summary>
    internal sealed class ExportfsApplyResult
    {
        /// <summary>Creates a result.</summary>
        public ExportfsApplyResult(IReadOnlyList<ExportTarget> exported, IReadOnlyList<ExportTarget> unexported,
            IReadOnlyList<ExportfsMessage> warnings, IReadOnlyList<ExportfsMessage> errors)
        {
            Exported = exported;
            Unexported = unexported;
            Warnings = warnings;
            Errors = errors;
        }

        /// <summary>Pairs from <c>exporting</c> / <c>reexporting</c> lines, in order.</summary>
        public IReadOnlyList<ExportTarget> Exported { get; }

        /// <summary>Pairs from <c>unexporting</c> lines, in order.</summary>
        public IReadOnlyList<ExportTarget> Unexported { get; }

        /// <summary>Messages exportfs logs as warnings (missing subtree_check/sync, "to avoid warning" hints).</summary>
        public IReadOnlyList<ExportfsMessage> Warnings { get; }

        /// <summary>Every other message: bad options, syntax errors, paths that cannot be exported.</summary>
        public IReadOnlyList<ExportfsMessage> Errors { get; }
    }
}
