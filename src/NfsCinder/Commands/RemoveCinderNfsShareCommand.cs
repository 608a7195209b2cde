using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using NfsCinder.Cinder;

namespace NfsCinder.Commands
{
    /// <summary>
    /// <para type="synopsis">Removes shares from a Cinder NFS backend's shares file, leaving its other lines as they are; -Restart then unmounts Cinder's mounts of them (unless in use). A backend keeps at least one share.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "CinderNfsShare", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(CinderNfsBackend))]
    public sealed class RemoveCinderNfsShareCommand : CinderShareCmdletBase
    {
        private readonly List<string> _shares = new List<string>();

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            foreach (string share in Share)
            {
                try { _shares.Add(CinderNfsShare.CheckShare(share)); }
                catch (ArgumentException ex) { ThrowTerminatingError(InvalidArgument("InvalidShare", ex.Message, share)); }
            }
        }

        /// <inheritdoc />
        protected override void EndHostProcessing() =>
            EditShares("Remove-CinderNfsShare", $"Remove {string.Join(", ", _shares.Distinct())}", file =>
            {
                foreach (string share in _shares.Distinct())
                    if (!file.Remove(share)) WriteWarning($"Backend '{BackendName}' does not list {share}: nothing to remove.");
            });
    }
}
