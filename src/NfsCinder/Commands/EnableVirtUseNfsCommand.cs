using System.Management.Automation;
using NfsCinder.Selinux;

namespace NfsCinder.Commands
{
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
}
