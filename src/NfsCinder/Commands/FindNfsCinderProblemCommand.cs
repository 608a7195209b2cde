using System;
using System.Linq;
using System.Management.Automation;
using NfsCinder.Diagnosis;
using NfsCinder.Values;

namespace NfsCinder.Commands
{
    /// <summary>
    /// <para type="synopsis">Reads nova-compute.log, cinder-volume.log, the audit log, libvirt's domain logs, and the kernel's and libvirtd's journals on the given hosts and reports the known NFS/Cinder failures, each with its evidence line, its cause and the cmdlet call that fixes it.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Find, "NfsCinderProblem")]
    [OutputType(typeof(LogFinding))]
    public sealed class FindNfsCinderProblemCommand : HostCmdletBase
    {
        /// <summary>Log files to read instead of the usual ones; a * in the file name reads every file it matches; journal:kernel reads the kernel journal of the current boot, journal:UNIT[,UNIT...] the journal of those systemd units.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string[] LogFile { get; set; } = LogCollector.DefaultLogFiles.Concat(LogCollector.DefaultJournals).ToArray();

        /// <summary>Only lines stamped at or after this time (as the host writes its log times); lines without a time are kept.</summary>
        [Parameter]
        public DateTime? Since { get; set; }

        /// <summary>How much of the end of each file to read, in bytes.</summary>
        [Parameter]
        [ValidateRange(4096, long.MaxValue)]
        public long MaxBytesPerFile { get; set; } = 64L * 1024 * 1024;

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            foreach (string file in LogFile)
            {
                if (!LogCollector.IsValidSource(file))
                    ThrowTerminatingError(InvalidArgument("InvalidLogFile", $"-LogFile '{HostValue.Display(file)}' must be an absolute path on the host, {LogCollector.KernelJournal} or {LogCollector.JournalPrefix}UNIT[,UNIT...].", file));
            }
            base.BeginProcessing();
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            ForEachTarget(session =>
            {
                string output = session.Run(LogCollector.Query(LogFile, MaxBytesPerFile), Context).StandardOutput;
                var findings = LogCollector.Parse(output, Since, out var unreadable, out var read);
                WriteVerbose($"[{session.DisplayName}] read {(read.Count == 0 ? "no log" : string.Join(", ", read))}");
                foreach (string file in unreadable)
                    WriteWarning($"[{session.DisplayName}] {file} exists but cannot be read; open the session with -UseSudo or as root.");
                foreach (var finding in findings.OrderBy(f => f.Timestamp ?? DateTime.MinValue))
                {
                    finding.ComputerName = session.ComputerName;
                    finding.Session = session;
                    WriteObject(finding);
                }
            });
        }
    }
}
