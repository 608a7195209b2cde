using System.Management.Automation;
using NfsCinder.Nfs;

namespace NfsCinder.Commands
{
    /// <summary>
    /// <para type="synopsis">Installs, starts and enables the NFS server (rpcbind, nfsd, mountd) the way the host's distribution does it.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Install, "NfsServer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(NfsInstallResult))]
    public sealed class InstallNfsServerCommand : InstallNfsCommandBase
    {
        internal override NfsRole Role => NfsRole.Server;
    }
}
