using System.Management.Automation;
using NfsCinder.Selinux;
using NfsCinder.Sessions;

namespace NfsCinder.Commands
{
    /// <summary>Shared by the virt_use_nfs cmdlets: read, set when needed, read back.</summary>
    public abstract class VirtUseNfsCmdletBase : HostCmdletBase
    {
        internal const string BooleanName = Selinux.VirtBooleans.VirtUseNfs;

        internal SeBooleanState Read(NfsCinderSession session, bool changed = false)
        {
            var (mode, value, persistent) = SeBooleanProbe.Parse(session.Run(SeBooleanProbe.Read(BooleanName), Context).StandardOutput);
            var state = new SeBooleanState(session, BooleanName, mode, value, persistent, changed);
            if (state.Status == SeBooleanApplicability.NotApplicable)
                WriteWarning($"[{session.DisplayName}] SELinux is {mode} on this host, so {BooleanName} does not apply: QEMU may use NFS files already.");
            return state;
        }

        internal void Ensure(bool wanted, bool temporary)
        {
            ForEachTarget(session =>
            {
                SeBooleanState before = Read(session);
                bool needed = before.Status == SeBooleanApplicability.Applicable
                    && (before.Value != wanted || (!temporary && before.PersistentValue != wanted));
                if (!needed || !ShouldProcess(session.DisplayName, $"setsebool {(temporary ? "" : "-P ")}{BooleanName} {(wanted ? "on" : "off")}"))
                {
                    WriteObject(before);
                    return;
                }
                WithProgress(new ProgressRecord(1, $"{(wanted ? "Enable" : "Disable")}-VirtUseNfs", $"{session.DisplayName}: setsebool {(temporary ? "" : "-P ")}{BooleanName}"),
                    () => session.Run(SeBooleanProbe.Set(BooleanName, wanted, persistent: !temporary), Context));
                WriteObject(Read(session, changed: true));
            });
        }
    }
}
