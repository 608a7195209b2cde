using System;

namespace NfsCinder.Diagnosis
{
    /// <summary>
    /// A known NFS/Cinder failure signature found in one log file: one finding per signature per
    /// file, with the last matching line as evidence and how many lines matched.
    /// </summary>
    public sealed class LogFinding
    {
        internal LogFinding(
            string logFile,
            int lineNumber,
            DateTime? timestamp,
            string signature,
            LogFindingSeverity severity,
            string evidence,
            string cause,
            string fix,
            int count)
        {
            LogFile = logFile;
            LineNumber = lineNumber;
            Timestamp = timestamp;
            Signature = signature;
            Severity = severity;
            Evidence = evidence;
            Cause = cause;
            Fix = fix;
            Count = count;
        }

        /// <summary>The session of the host the log was read on; null for a scan of local text.</summary>
        public Sessions.NfsCinderSession? Session { get; internal set; }

        /// <summary>Host the log file was read on; empty until the caller sets it.</summary>
        public string ComputerName { get; set; } = "";

        /// <summary>Path of the log file, as the caller named it.</summary>
        public string LogFile { get; }

        /// <summary>1-based line number of the evidence line (the last line that matched).</summary>
        public int LineNumber { get; }

        /// <summary>
        /// Time written on the evidence line: the oslo.log prefix (host local time, Kind Unspecified),
        /// an ISO 8601 prefix with offset (UTC) or an audit record's <c>audit(epoch.ms:serial)</c> (UTC);
        /// null when the line carries none.
        /// </summary>
        public DateTime? Timestamp { get; }

        /// <summary>Stable signature id, such as <c>SelinuxNfsDenied</c>.</summary>
        public string Signature { get; }

        /// <summary>How serious the signature is.</summary>
        public LogFindingSeverity Severity { get; }

        /// <summary>The evidence line, trimmed and shortened to at most 500 characters around the match.</summary>
        public string Evidence { get; }

        /// <summary>One sentence saying why this happens.</summary>
        public string Cause { get; }

        /// <summary>The NfsCinder cmdlet call that fixes it; angle-bracket placeholders are values the log did not give.</summary>
        public string Fix { get; }

        /// <summary>How many lines of the file matched this signature.</summary>
        public int Count { get; }

        /// <summary>The same finding with a more precise fix (placeholders the host could fill).</summary>
        internal LogFinding WithFix(string fix) =>
            new LogFinding(LogFile, LineNumber, Timestamp, Signature, Severity, Evidence, Cause, fix, Count) { ComputerName = ComputerName, Session = Session };

        /// <inheritdoc />
        public override string ToString() => $"{Signature} x{Count} {LogFile}:{LineNumber}";
    }
}
