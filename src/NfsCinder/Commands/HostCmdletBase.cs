using System;
using System.Linq;
using System.Collections.Generic;
using System.Management.Automation;
using NfsCinder.Execution;
using NfsCinder.Sessions;

namespace NfsCinder.Commands
{
    /// <summary>
    /// Base of every cmdlet that acts on hosts: -Session takes one or many sessions (or
    /// none, meaning this Linux machine). A failure on one host is a non-terminating
    /// error for that host; the other hosts still run.
    /// </summary>
    public abstract class HostCmdletBase : NfsCinderCmdletBase
    {
        /// <summary>Sessions to act on; without one, the cmdlet acts on this machine (Linux only).</summary>
        [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public virtual NfsCinderSession[]? Session { get; set; }

        /// <summary>Most hosts worked on at once (default 32). Results stream as each host finishes and a host that fails gives its own error record; 1 works on the hosts one after another.</summary>
        [Parameter]
        [ValidateRange(1, 1024)]
        public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

        /// <summary>The sessions given, or the local machine.</summary>
        internal IEnumerable<NfsCinderSession> Targets()
        {
            if (Session is { Length: > 0 }) return Session;
            try
            {
                return new[] { LocalSession.Get() };
            }
            catch (NfsCinderException failure)
            {
                ThrowTerminatingError(ToErrorRecord(failure, null));
                throw; // not reached: ThrowTerminatingError throws
            }
        }

        /// <summary>Runs the action for each target, in parallel up to -ThrottleLimit, turning a host's failure into its own error record.</summary>
        /// <remarks>The action may run after ProcessRecord returns (pipeline input): it must capture pipeline-bound parameter values in locals first.</remarks>
        internal void ForEachTarget(Action<NfsCinderSession> action) =>
            RunParallel(Targets().ToList(), ThrottleLimit, session => RunOnHost(session, action), session => session.Name);

        private void RunOnHost(NfsCinderSession session, Action<NfsCinderSession> action)
        {
            try
            {
                action(session);
            }
            catch (NfsCinderException failure) when (failure.ErrorId == "CommandCancelled")
            {
                // Ctrl+C: the runner already stopped the command. On the pipeline thread the
                // pipeline ends here; a worker just ends, and the pipeline thread sees the stop.
                if (HostWorkDispatcher.CurrentSlot == 0) throw new PipelineStoppedException();
            }
            catch (NfsCinderException failure)
            {
                WriteError(ToErrorRecord(failure, session));
            }
        }

        /// <summary>The error for a host answer that does not parse: cut short, or not what the script prints.</summary>
        internal static NfsCinderException Garbled(NfsCinderSession session, string what, FormatException ex) =>
            new NfsCinderException("UnexpectedAnswer", FailureCategory.InvalidData, session.DisplayName,
                $"The host's answer to the {what} was cut or garbled: {ex.Message}", "Run the command again; if it persists, run it with -Verbose and read what the host printed.");

        /// <summary>Waits for the hosts still running (pipeline input), after <see cref="EndHostProcessing"/>.</summary>
        protected sealed override void EndProcessing()
        {
            EndHostProcessing();
            FinishParallel();
        }

        /// <summary>What a cmdlet does once all input has arrived (instead of EndProcessing, which also waits for parallel hosts).</summary>
        protected virtual void EndHostProcessing()
        {
        }
    }
}
