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
        private static readonly Lazy<NfsCinderSession> LocalSession = new Lazy<NfsCinderSession>(
            () => SessionFactory.OpenLocal("localhost", useSudo: false, sudoPassword: null, TimeSpan.FromSeconds(60), RunContext.None));

        /// <summary>Sessions to act on; without one, the cmdlet acts on this machine (Linux only).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public NfsCinderSession[]? Session { get; set; }

        /// <summary>This machine as a target when it is Linux (for completion); nothing elsewhere.</summary>
        internal static IEnumerable<NfsCinderSession> LocalIfLinux()
        {
            if (!System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Linux))
                return Array.Empty<NfsCinderSession>();
            try { return new[] { LocalSession.Value }; }
            catch (NfsCinderException) { return Array.Empty<NfsCinderSession>(); }
        }

        /// <summary>The sessions given, or the local machine.</summary>
        internal IEnumerable<NfsCinderSession> Targets()
        {
            if (Session is { Length: > 0 }) return Session;
            try
            {
                return new[] { LocalSession.Value };
            }
            catch (NfsCinderException failure)
            {
                ThrowTerminatingError(ToErrorRecord(failure, null));
                throw; // not reached: ThrowTerminatingError throws
            }
        }

        /// <summary>Runs the action for each target, turning a host's failure into its own error record.</summary>
        internal void ForEachTarget(Action<NfsCinderSession> action)
        {
            var targets = Targets().ToList();
            // Several hosts: one bar for the run, so a long list shows where it is.
            bool overall = targets.Count > 1;
            string activity = MyInvocation.MyCommand.Name;
            for (int i = 0; i < targets.Count; i++)
            {
                var session = targets[i];
                StopToken.ThrowIfCancellationRequested();
                if (overall)
                    WriteProgress(new ProgressRecord(90, activity, $"{session.Name} ({i + 1} of {targets.Count})") { PercentComplete = i * 100 / targets.Count });
                try
                {
                    action(session);
                }
                catch (NfsCinderException failure) when (failure.ErrorId == "CommandCancelled")
                {
                    // Ctrl+C: the runner already stopped the command; end the pipeline quietly.
                    throw new PipelineStoppedException();
                }
                catch (NfsCinderException failure)
                {
                    WriteError(ToErrorRecord(failure, session));
                }
            }
            if (overall)
                WriteProgress(new ProgressRecord(90, activity, "Done") { RecordType = ProgressRecordType.Completed });
        }
    }
}
