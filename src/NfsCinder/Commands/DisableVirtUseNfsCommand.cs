using System.Management.Automation;
using NfsCinder.Selinux;

namespace NfsCinder.Commands
{
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
