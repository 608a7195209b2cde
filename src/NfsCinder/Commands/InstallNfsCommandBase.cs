using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using NfsCinder.Execution;
using NfsCinder.Nfs;
using NfsCinder.Sessions;

namespace NfsCinder.Commands
{
    /// <summary>
    /// Install-NfsServer and Install-NfsClient: the packages and services of one role, per
    /// distribution. Already done means two read-only round trips and Changed = False.
    /// </summary>
    public abstract class InstallNfsCommandBase : HostCmdletBase
    {
        internal abstract NfsRole Role { get; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            ForEachTarget(session =>
            {
                NfsServicePlan plan = PlanFor(session);
                string[] missing = plan.ParseMissingPackages(session.Run(plan.MissingPackagesQuery().For("Checking installed packages"), Context).StandardOutput).ToArray();
                var installed = new List<string>();
                if (missing.Length > 0 && ShouldProcess(session.DisplayName, $"Install {string.Join(", ", missing)} with {plan.PackageManager}"))
                {
                    Install(session, plan, missing);
                    installed.AddRange(missing);
                }

                var started = new List<string>();
                IReadOnlyList<NfsServiceStatus> states = plan.CanManageServices ? QueryStates(session, plan) : Array.Empty<NfsServiceStatus>();
                IReadOnlyList<string> needWork = plan.CanManageServices ? plan.ServicesNeedingWork(states) : Array.Empty<string>();
                if (!plan.CanManageServices)
                    WriteWarning($"[{session.DisplayName}] The init system ({plan.InitSystem}) is not one this module manages; start and enable {string.Join(", ", plan.Services)} yourself.");
                if (needWork.Count > 0 && ShouldProcess(session.DisplayName, $"Enable and start {string.Join(", ", needWork)}"))
                {
                    foreach (CommandSpec command in plan.EnableAndStartCommands(needWork)) session.Run(command.For($"Starting {string.Join(", ", needWork)}"), Context);
                    started.AddRange(needWork);
                    states = QueryStates(session, plan);
                }

                WriteObject(new NfsInstallResult(session, Role.ToString(), plan.PackageManager.ToString(), plan.Packages.ToArray(),
                    installed.ToArray(), started.ToArray(), states.Select(s => s.ToServiceState()).ToArray()));
            });
        }

        private NfsServicePlan PlanFor(NfsCinderSession session)
        {
            try
            {
                return NfsServicePlan.For(session.Facts(Context), Role);
            }
            catch (NotSupportedException ex)
            {
                throw new NfsCinderException("UnsupportedDistribution", FailureCategory.NotInstalled, session.DisplayName, ex.Message,
                    "Install the NFS packages by hand; supported are RHEL/CentOS 6-9, Rocky, Alma, Fedora, Debian and Ubuntu.");
            }
        }

        private static bool IsStaleIndex(NfsCinderException failure) =>
            failure.Message.IndexOf("Unable to locate package", StringComparison.Ordinal) >= 0
            || failure.Message.IndexOf("has no installation candidate", StringComparison.Ordinal) >= 0
            || failure.Message.IndexOf("404", StringComparison.Ordinal) >= 0;

        private IReadOnlyList<NfsServiceStatus> QueryStates(NfsCinderSession session, NfsServicePlan plan) =>
            plan.ParseServiceStates(session.Run(plan.ServiceStateQuery().For("Checking services"), Context).StandardOutput);

        private void Install(NfsCinderSession session, NfsServicePlan plan, string[] missing)
        {
            CommandSpec? install = plan.InstallCommand(missing);
            if (install is null) return;
            var progress = new ProgressRecord(Math.Abs(session.Id) + 1, $"Install-Nfs{Role}", $"{session.DisplayName}: installing {string.Join(" ", missing)} with {plan.PackageManager}");
            WithProgress(progress, () =>
            {
                try
                {
                    session.Run(install.For($"Installing {string.Join(", ", missing)}"), Context);
                }
                catch (NfsCinderException failure) when (plan.RefreshCommand() is CommandSpec refresh && IsStaleIndex(failure))
                {
                    // Only when apt's lists are stale: refresh them once and try again.
                    progress.StatusDescription = $"{session.DisplayName}: refreshing the package lists";
                    WriteProgress(progress);
                    session.Run(refresh.For("Refreshing the package lists"), Context);
                    session.Run(plan.InstallCommand(missing)!.For($"Installing {string.Join(", ", missing)}"), Context);
                }
            });
        }
    }
}
