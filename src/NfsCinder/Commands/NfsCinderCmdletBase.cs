using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using NfsCinder.Execution;

namespace NfsCinder.Commands
{
    /// <summary>
    /// Shared plumbing: a cancellation token that Ctrl+C (StopProcessing) cancels, verbose
    /// output for the runner, the mapping of failures to ErrorRecords, and parallel work
    /// over many hosts (see <see cref="RunParallel{T}"/>).
    /// </summary>
    public abstract partial class NfsCinderCmdletBase : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private HostWorkDispatcher? _dispatcher;

        /// <summary>Cancelled when the user presses Ctrl+C or the pipeline stops.</summary>
        protected CancellationToken StopToken => _stopping.Token;

        internal RunContext Context => new RunContext(WriteVerbose, StopToken);

        /// <inheritdoc />
        protected override void StopProcessing() => _stopping.Cancel();

        /// <summary>
        /// True when this command runs in what-if mode, as ShouldProcess decides it: -WhatIf
        /// given (and not -WhatIf:$false), or not given and $WhatIfPreference set. Then
        /// ShouldProcess declined, so there is nothing to read back.
        /// </summary>
        internal bool IsWhatIf => _isWhatIf ??= AskOnPipelineThread(() => WhatIfRule.IsWhatIf(
            MyInvocation.BoundParameters.TryGetValue("WhatIf", out object? given) ? LanguagePrimitives.IsTrue(given is SwitchParameter s ? s.IsPresent : given) : null,
            SessionState.PSVariable.GetValue("WhatIfPreference") is { } preference ? LanguagePrimitives.IsTrue(preference is PSObject o ? o.BaseObject : preference) : null));

        private bool? _isWhatIf;


        /// <summary>Shows the progress record while the work runs and always completes it.</summary>
        internal void WithProgress(ProgressRecord progress, Action work)
        {
            WriteProgress(progress);
            try { work(); }
            finally
            {
                progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(progress);
            }
        }

        internal static ErrorRecord ToErrorRecord(NfsCinderException failure, object? target)
        {
            var category = (ErrorCategory)Enum.Parse(typeof(ErrorCategory), failure.Category.ToString());
            var record = new ErrorRecord(failure, failure.ErrorId, category, target ?? failure.ComputerName);
            if (!string.IsNullOrEmpty(failure.Remedy)) record.ErrorDetails = new ErrorDetails(failure.Problem) { RecommendedAction = failure.Remedy };
            return record;
        }

        internal static ErrorRecord InvalidArgument(string errorId, string message, object? target) =>
            new ErrorRecord(new ArgumentException(message), errorId, ErrorCategory.InvalidArgument, target);

        /// <summary>Stops any host work still running, then frees the cancellation source.</summary>
        public void Dispose()
        {
            _dispatcher?.Dispose();
            _stopping.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
