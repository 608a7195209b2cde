using System;
using System.Collections.Generic;
using System.Management.Automation;
using NfsCinder.Cinder;
using NfsCinder.Sessions;

namespace NfsCinder.Commands
{
    /// <summary>
    /// <para type="synopsis">Adds shares to an existing Cinder NFS backend (or gives a listed share new options), editing only their lines of its shares file; the other shares, comments and the file's root:cinder 0640 stay.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "CinderNfsShare", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(CinderNfsBackend))]
    public sealed class AddCinderNfsShareCommand : CinderShareCmdletBase
    {
        /// <summary>Sessions of the Cinder volume hosts; a piped export or mount gives shares only, never the host.</summary>
        [Parameter(ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        public override NfsCinderSession[]? Session { get => base.Session; set => base.Session = value; }

        /// <summary>Shares to add, as server:/path ([IPv6]:/path). From the pipeline: an NfsExport's Share or an NfsMount's Source.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Source")]
        [ValidateNotNullOrEmpty]
        public string[] Share { get; set; } = Array.Empty<string>();

        /// <summary>The shares' own mount options (written after -o); a listed share gets these instead of its old ones (without -MountOptions it keeps them).</summary>
        [Parameter] [ValidateNotNullOrEmpty] public string? MountOptions { get; set; }

        private readonly List<CinderNfsShare> _shares = new List<CinderNfsShare>();

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            foreach (string share in Share)
            {
                try { _shares.Add(new CinderNfsShare(share, MountOptions)); }
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
