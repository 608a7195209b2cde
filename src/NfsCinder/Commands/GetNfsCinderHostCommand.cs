using System.Management.Automation;
using NfsCinder.Execution;
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
                var result = session.Run(CommandSpec.Script("host-probe", HostProbe.Script).For("Probing the host"), Context);
                HostFacts facts = HostProbe.Parse(result.StandardOutput);
                facts.ComputerName = session.ComputerName;
                WriteObject(facts);
            });
        }
    }
}
