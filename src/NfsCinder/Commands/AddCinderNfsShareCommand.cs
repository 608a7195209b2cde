using System;
using System.Collections.Generic;
using System.Management.Automation;
using NfsCinder.Cinder;

namespace NfsCinder.Commands
{
    /// <summary>
    /// <para type="synopsis">Adds shares to an existing Cinder NFS backend (or gives a listed share new options), editing only their lines of its shares file; the other shares, comments and the file's root:cinder 0640 stay.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "CinderNfsShare", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(CinderNfsBackend))]
    public sealed class AddCinderNfsShareCommand : CinderShareCmdletBase
    {
        /// <summary>The shares' own mount options (written after -o); a listed share gets these instead of its old ones (without -MountOptions it keeps them); a list is joined with commas.</summary>
        [Parameter] [ValidateNotNullOrEmpty] public string[]? MountOptions { get; set; }

        private readonly List<CinderNfsShare> _shares = new List<CinderNfsShare>();

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            foreach (string share in Share)
            {
                try { _shares.Add(new CinderNfsShare(share, JoinOptions(MountOptions))); }
                catch (ArgumentException ex) { ThrowTerminatingError(InvalidArgument("InvalidShare", ex.Message, share)); }
            }
        }

        /// <inheritdoc />
        protected override void EndHostProcessing() =>
            EditShares("Add-CinderNfsShare", $"Add {string.Join(", ", _shares)}", file =>
            {
                foreach (var share in _shares)
                    if (MountOptions is not null || !file.Contains(share.Share)) file.Add(share);
            });
    }
}
