using System.Management.Automation;
using NfsCinder.Nova;

namespace NfsCinder.Commands
{
    /// <summary>
    /// <para type="synopsis">Reads how nova-compute mounts Cinder's NFS volumes on compute hosts: nova.conf's [libvirt] nfs_mount_point_base (with $state_path substituted) and nfs_mount_options.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "NovaNfsSetting")]
    [OutputType(typeof(NovaNfsSetting))]
    public sealed class GetNovaNfsSettingCommand : NovaCmdletBase
    {
        /// <inheritdoc />
        protected override void ProcessRecord() => ForEachTarget(session =>
        {
            var state = ReadHost(session);
            WriteObject(new NovaNfsSetting(session, state.ConfigFile, state.Config!));
        });
    }
}
