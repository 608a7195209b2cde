using System.Management.Automation;
using NfsCinder.Hosts;

namespace NfsCinder.Commands
{
    /// <summary>
    /// <para type="synopsis">Tells what a host is: distribution, init system, package manager, SELinux mode, cinder user and NFS/Cinder packages.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "NfsCinderHost")]
    [OutputType(typeof(HostFacts))]
    public sealed class GetNfsCinderHostCommand : HostCmdletBase
    {
        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            ForEachTarget(session =>
            {
                // One round trip: the probe script prints every fact in labelled sections.
                // Always fresh here; other cmdlets reuse what this stored in the session.
                WriteObject(session.Facts(Context, refresh: true));
            });
        }
    }
}
