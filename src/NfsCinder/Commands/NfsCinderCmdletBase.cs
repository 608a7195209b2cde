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
    /// <para>
    /// The Write* and Should* methods of this class hide the Cmdlet ones on purpose: cmdlet
    /// code calls them as usual from any thread, and a call from a worker thread is carried
    /// to the pipeline thread, the only one PowerShell accepts them on.
    /// </para>
    /// </summary>
    public abstract class NfsCinderCmdletBase : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private HostWorkDispatcher? _dispatcher;

        /// <summary>Hosts worked on at once unless -ThrottleLimit says otherwise (as Invoke-Command).</summary>
        public const int DefaultThrottleLimit = 32;

        private const int OverallProgressId = 90;
        private const int HostProgressIdBase = 100;

        // Items handed to RunParallel by the whole command; 0 when they arrive from the
        // pipeline, so the total is not known until the end.
        private int _knownTotal;
        private bool _totalUnknown;

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

        /// <summary>
        /// Runs the work for each item, up to <paramref name="throttleLimit"/> at once, and
        /// streams what it writes as items finish. With pipeline input the work of earlier
        /// records keeps running while later records arrive, so the work must capture the
        /// values it needs (not read parameters that the next record rebinds);
        /// <see cref="FinishParallel"/> in EndProcessing waits for the rest.
        /// </summary>
        internal void RunParallel<T>(IReadOnlyList<T> items, int throttleLimit, Action<T> work, Func<T, string> describe)
        {
            bool fromPipeline = MyInvocation.ExpectingInput;
            if (throttleLimit <= 1 || (_dispatcher is null && items.Count <= 1 && !fromPipeline))
            {
                RunInline(items, work, describe);
                return;
            }
            var dispatcher = _dispatcher ??= new HostWorkDispatcher(throttleLimit, _stopping) { WorkerEnded = ReportOverallProgress };
            _totalUnknown |= fromPipeline;
            _knownTotal += items.Count;
            StopOnCancel(() =>
            {
                foreach (T item in items)
                {
                    dispatcher.Start(() => work(item));
                    ReportOverallProgress();
                }
                if (fromPipeline) dispatcher.PumpAvailable();
                else FinishParallel();
            });
        }

        /// <summary>Waits for all parallel work, streaming its output; call from EndProcessing.</summary>
        internal void FinishParallel()
        {
            if (_dispatcher is not { Started: > 0 } dispatcher) return;
            StopOnCancel(dispatcher.WaitAll);
            if (dispatcher.Running == 0)
                base.WriteProgress(new ProgressRecord(OverallProgressId, MyInvocation.MyCommand.Name, "Done") { RecordType = ProgressRecordType.Completed });
        }

        // One host after another on the pipeline thread: -ThrottleLimit 1, or a single host.
        private void RunInline<T>(IReadOnlyList<T> items, Action<T> work, Func<T, string> describe)
        {
            bool overall = items.Count > 1;
            string activity = MyInvocation.MyCommand.Name;
            for (int i = 0; i < items.Count; i++)
            {
                StopToken.ThrowIfCancellationRequested();
                if (overall)
                    WriteProgress(new ProgressRecord(OverallProgressId, activity, $"{describe(items[i])} ({i + 1} of {items.Count})") { PercentComplete = i * 100 / items.Count });
                work(items[i]);
            }
            if (overall)
                WriteProgress(new ProgressRecord(OverallProgressId, activity, "Done") { RecordType = ProgressRecordType.Completed });
        }

        private void ReportOverallProgress()
        {
            if (_dispatcher is not { } d) return;
            string done = _totalUnknown ? $"{d.Completed} done" : $"{d.Completed} of {_knownTotal} done";
            var record = new ProgressRecord(OverallProgressId, MyInvocation.MyCommand.Name, $"{done}, {d.Running} running (at most {d.ThrottleLimit} at once)");
            if (!_totalUnknown && _knownTotal > 0) record.PercentComplete = d.Completed * 100 / _knownTotal;
            base.WriteProgress(record);
        }

        // Ctrl+C surfaces as a cancelled wait; PowerShell expects the pipeline to stop.
        private void StopOnCancel(Action action)
        {
            try { action(); }
            catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>Ends the pipeline with this error (from any thread of this command): on the pipeline thread it throws, a worker hands it over and returns.</summary>
        internal void Terminate(ErrorRecord errorRecord) => OnPipelineThread(() => ThrowTerminatingError(errorRecord));

        private void OnPipelineThread(Action action)
        {
            var dispatcher = _dispatcher;
            if (dispatcher is null || dispatcher.OnOwnerThread) action();
            else dispatcher.Post(action);
        }

        private bool AskOnPipelineThread(Func<bool> question) =>
            _dispatcher is { } dispatcher ? dispatcher.Invoke(question) : question();

        /// <summary>Writes to the pipeline (from any thread of this command).</summary>
        public new void WriteObject(object? sendToPipeline) => OnPipelineThread(() => base.WriteObject(sendToPipeline));

        /// <summary>Writes to the pipeline, enumerating collections when asked (from any thread of this command).</summary>
        public new void WriteObject(object? sendToPipeline, bool enumerateCollection) => OnPipelineThread(() => base.WriteObject(sendToPipeline, enumerateCollection));

        /// <summary>Writes a non-terminating error (from any thread of this command).</summary>
        public new void WriteError(ErrorRecord errorRecord) => OnPipelineThread(() => base.WriteError(errorRecord));

        /// <summary>Writes a warning (from any thread of this command).</summary>
        public new void WriteWarning(string text) => OnPipelineThread(() => base.WriteWarning(text));

        /// <summary>Writes verbose text (from any thread of this command).</summary>
        public new void WriteVerbose(string text) => OnPipelineThread(() => base.WriteVerbose(text));

        /// <summary>Writes debug text (from any thread of this command).</summary>
        public new void WriteDebug(string text) => OnPipelineThread(() => base.WriteDebug(text));

        /// <summary>Writes progress. A worker's bar becomes a child of the overall bar, one per running slot, so parallel hosts do not overwrite each other.</summary>
        public new void WriteProgress(ProgressRecord progressRecord)
        {
            int slot = HostWorkDispatcher.CurrentSlot;
            if (slot > 0 && progressRecord.ActivityId != OverallProgressId)
            {
                progressRecord = new ProgressRecord(HostProgressIdBase + slot, progressRecord.Activity, progressRecord.StatusDescription)
                {
                    ParentActivityId = OverallProgressId,
                    CurrentOperation = progressRecord.CurrentOperation,
                    PercentComplete = progressRecord.PercentComplete,
                    SecondsRemaining = progressRecord.SecondsRemaining,
                    RecordType = progressRecord.RecordType,
                };
            }
            OnPipelineThread(() => base.WriteProgress(progressRecord));
        }

        /// <summary>ShouldProcess, asked on the pipeline thread (from any thread of this command).</summary>
        public new bool ShouldProcess(string target) => AskOnPipelineThread(() => base.ShouldProcess(target));

        /// <summary>ShouldProcess, asked on the pipeline thread (from any thread of this command).</summary>
        public new bool ShouldProcess(string target, string action) => AskOnPipelineThread(() => base.ShouldProcess(target, action));

        /// <summary>ShouldProcess, asked on the pipeline thread (from any thread of this command).</summary>
        public new bool ShouldProcess(string verboseDescription, string verboseWarning, string caption) =>
            AskOnPipelineThread(() => base.ShouldProcess(verboseDescription, verboseWarning, caption));

        /// <summary>ShouldContinue, asked on the pipeline thread (from any thread of this command).</summary>
        public new bool ShouldContinue(string query, string caption) => AskOnPipelineThread(() => base.ShouldContinue(query, caption));
    }
}
