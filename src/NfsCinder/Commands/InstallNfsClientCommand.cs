using System.Management.Automation;
using NfsCinder.Nfs;

namespace NfsCinder.Commands
{
    /// <summary>
    /// <para type="synopsis">Installs, starts and enables the NFS client (rpcbind, statd) the way the host's distribution does it.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Install, "NfsClient", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(NfsInstallResult))]
    public sealed class InstallNfsClientCommand : InstallNfsCommandBase
    {
        internal override NfsRole Role => NfsRole.Client;
    }
}
