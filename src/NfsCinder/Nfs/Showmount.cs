using System;
using NfsCinder.Execution;

namespace NfsCinder.Nfs
{
    /// <summary>Runs showmount on a host, for Get-NfsRemoteExport and Get-NfsMountedClient.</summary>
    internal static class Showmount
    {
        /// <summary>Runs showmount; a failure becomes an error named after its cause.</summary>
        internal static string Run(ICommandHost host, string[] argv, string server, int timeoutSec)
        {
            CommandResult result;
            try
            {
                result = host.Run(CommandSpec.Argv(argv).Accepting(0, 1).WithTimeout(TimeSpan.FromSeconds(timeoutSec)).For($"showmount for {server}"));
            }
            catch (NfsCinderException timeout) when (timeout.ErrorId == "CommandTimedOut")
            {
                throw new NfsCinderException("ShowmountTimedOut", FailureCategory.OperationTimeout, host.DisplayName,
                    $"showmount got no answer from {server} within {timeoutSec} s.", ShowmountOutput.RemedyFor(ShowmountFailure.TimedOut));
            }
            if (result.ExitCode == 0) return result.StandardOutput;
            ShowmountFailure failure = ShowmountOutput.ClassifyFailure(result.StandardError);
            throw new NfsCinderException("Showmount" + failure, failure == ShowmountFailure.NameResolution ? FailureCategory.ObjectNotFound : FailureCategory.ConnectionError,
                host.DisplayName, $"showmount could not ask {server}: {result.StandardError.Trim()} ({ShowmountOutput.CauseFor(failure)})", ShowmountOutput.RemedyFor(failure));
        }
    }
}
