using System.Management.Automation;
using NfsCinder.Selinux;

namespace NfsCinder.Commands
{
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
}
