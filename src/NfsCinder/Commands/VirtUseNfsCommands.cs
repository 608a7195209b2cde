using System.Management.Automation;
using NfsCinder.Selinux;
using NfsCinder.Sessions;

namespace NfsCinder.Commands
{
    /// <summary>Shared by the virt_use_nfs cmdlets: read, set when needed, read back.</summary>
    public abstract class VirtUseNfsCmdletBase : HostCmdletBase
    {
        internal const string BooleanName = "virt_use_nfs";

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

    /// <summary>
    /// <para type="synopsis">Tells whether SELinux lets QEMU/libvirt use files on NFS (virt_use_nfs), now and after a reboot, on compute hosts.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "VirtUseNfs")]
    [OutputType(typeof(SeBooleanState))]
    public sealed class GetVirtUseNfsCommand : VirtUseNfsCmdletBase
    {
        /// <inheritdoc />
        protected override void ProcessRecord() => ForEachTarget(session => WriteObject(Read(session)));
    }

    /// <summary>
    /// <para type="synopsis">Turns virt_use_nfs on (persistently, as setsebool -P) so volumes on NFS attach to instances; the fix for "Device 'drive-virtio-disk1' could not be initialized".</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Enable, "VirtUseNfs", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(SeBooleanState))]
    public sealed class EnableVirtUseNfsCommand : VirtUseNfsCmdletBase
    {
        /// <summary>Only until the next reboot (setsebool without -P).</summary>
        [Parameter]
        public SwitchParameter Temporary { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord() => Ensure(wanted: true, Temporary);
    }

    /// <summary>
    /// <para type="synopsis">Turns virt_use_nfs off again (persistently unless -Temporary).</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Disable, "VirtUseNfs", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(SeBooleanState))]
    public sealed class DisableVirtUseNfsCommand : VirtUseNfsCmdletBase
    {
        /// <summary>Only until the next reboot (setsebool without -P).</summary>
        [Parameter]
        public SwitchParameter Temporary { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord() => Ensure(wanted: false, Temporary);
    }
}
