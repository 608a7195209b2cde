using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace NfsCinder.Nfs
{
    /// <summary>Parsers for the text nfs-utils' <c>exportfs</c> prints.</summary>
    internal static class ExportfsOutput
    {
        private static readonly Regex ClientWithOptions = new Regex(@"^(?<client>[^()]*)\((?<opts>[^()]*)\)\s*$", RegexOptions.CultureInvariant);
        // "FILE [N]: text" (parseopts warnings) and "FILE:N: text" / "FILE: N: text" (option errors).
        private static readonly Regex BracketLocation = new Regex(@"^(?<file>(?:/|command line).*?) \[(?<line>\d+)\]: (?<msg>.*)$", RegexOptions.CultureInvariant);
        private static readonly Regex ColonLocation = new Regex(@"^(?<file>(?:/|command line)[^:]*):\s?(?<line>\d+):\s*(?<msg>.*)$", RegexOptions.CultureInvariant);
        private static readonly Regex QuotedExport = new Regex("for export \"(?<target>[^\"]*)\"", RegexOptions.CultureInvariant);
        private static readonly Regex Verb = new Regex(@"^(?<verb>exporting|reexporting|unexporting) (?<target>.+?)(?<kernel> (?:to|from) kernel)?$", RegexOptions.CultureInvariant);

        /// <summary>
        /// Parses <c>exportfs -v</c> (or plain <c>exportfs</c>): <c>path&lt;pad&gt;\tclient(opts)</c>; a path
        /// longer than 14 characters is printed alone and its client follows on a line starting
        /// with tabs. <c>&lt;world&gt;</c> becomes <c>*</c>. Paths may contain spaces.
        /// </summary>
        public static IReadOnlyList<ExportfsEntry> ParseVerbose(string text)
        {
            if (text is null) throw new ArgumentNullException(nameof(text));
            var result = new List<ExportfsEntry>();
            string? pendingPath = null;
            foreach (string line in NfsParseText.Lines(text))
            {
                if (line.Trim().Length == 0) continue;
                if (line[0] == '\t' || line[0] == ' ')
                {
                    // The second half of a wrapped entry.
                    if (pendingPath != null) result.Add(ClientEntry(pendingPath, line.Trim()));
                    pendingPath = null;
                    continue;
                }
                int tab = line.IndexOf('\t');
                if (tab < 0)
                {
                    pendingPath = line.TrimEnd();
                    continue;
                }
                pendingPath = null;
                result.Add(ClientEntry(line.Substring(0, tab).TrimEnd(' '), line.Substring(tab + 1).Trim()));
            }
            return result;
        }

        /// <summary>
        /// Parses <c>/var/lib/nfs/etab</c>: <c>path\tclient(opts)</c> per line, the path with
        /// octal escapes (<c>\040</c>) that are decoded here.
        /// </summary>
        public static IReadOnlyList<ExportfsEntry> ParseEtab(string text)
        {
            if (text is null) throw new ArgumentNullException(nameof(text));
            var result = new List<ExportfsEntry>();
            foreach (string line in NfsParseText.Lines(text))
            {
                int tab = line.IndexOf('\t');
                if (tab <= 0 || line.TrimStart().StartsWith("#", StringComparison.Ordinal)) continue;
                result.Add(ClientEntry(NfsParseText.DecodeOctal(line.Substring(0, tab)), line.Substring(tab + 1).Trim()));
            }
            return result;
        }

        /// <summary>
        /// Parses what <c>exportfs -a</c>, <c>-r</c> or <c>-u</c> with <c>-v</c> printed. Lines are
        /// recognised by their form whichever stream they came on (a merged capture may be passed
        /// as either): <c>exporting C:P</c>, <c>unexporting C:P</c>, <c>exportfs: ...</c>; an
        /// indented line continues the previous message. Other non-blank stderr lines are errors
        /// (exportfs prints <c>client:path: strerror</c> without its prefix); other stdout lines are ignored.
        /// </summary>
        public static ExportfsApplyResult ParseApply(string? stdout, string? stderr)
        {
            var exported = new List<ExportTarget>();
            var unexported = new List<ExportTarget>();
            var warnings = new List<ExportfsMessage>();
            var errors = new List<ExportfsMessage>();
            Scan(stdout ?? string.Empty, false, exported, unexported, warnings, errors);
            Scan(stderr ?? string.Empty, true, exported, unexported, warnings, errors);
            return new ExportfsApplyResult(exported, unexported, warnings, errors);
        }

        /// <summary>
        /// Splits <c>client:/path</c> at the first <c>:/</c>, skipping a <c>:/NN:/</c> that is the
        /// prefix length of an IPv6 subnet (<c>2001:db8::/64:/srv</c>). Null when there is no <c>:/</c>.
        /// </summary>
        public static ExportTarget? SplitClientPath(string text)
        {
            if (text is null) throw new ArgumentNullException(nameof(text));
            int from = 0;
            while (true)
            {
                int i = text.IndexOf(":/", from, StringComparison.Ordinal);
                if (i < 0) return null;
                if (!IsPrefixLength(text, i + 2) || text.IndexOf(":/", i + 2, StringComparison.Ordinal) < 0)
                    return new ExportTarget(text.Substring(0, i), text.Substring(i + 1));
                from = i + 2;
            }
        }

        private static bool IsPrefixLength(string text, int start)
        {
            int j = start;
            while (j < text.Length && j - start < 3 && char.IsDigit(text[j])) j++;
            return j > start && j < text.Length && text[j] == ':';
        }

        private static ExportfsEntry ClientEntry(string path, string clientPart)
        {
            string client = clientPart;
            var options = new List<string>();
            Match m = ClientWithOptions.Match(clientPart);
            if (m.Success)
            {
                client = m.Groups["client"].Value.Trim();
                foreach (string o in m.Groups["opts"].Value.Split(','))
                {
                    if (o.Trim().Length > 0) options.Add(o.Trim());
                }
            }
            if (client == "<world>" || client == "<anonymous>") client = "*";
            return new ExportfsEntry(path, client, options);
        }

        private static void Scan(string text, bool isStderr, List<ExportTarget> exported, List<ExportTarget> unexported,
            List<ExportfsMessage> warnings, List<ExportfsMessage> errors)
        {
            // The message being built: its head plus continuation lines.
            string? head = null;
            var continuation = new List<string>();

            void Flush()
            {
                if (head is null) return;
                AddMessage(head, continuation, warnings, errors);
                head = null;
                continuation.Clear();
            }

            foreach (string raw in NfsParseText.Lines(text))
            {
                string line = raw.TrimEnd();
                if (line.Length == 0) { Flush(); continue; }
                if ((line[0] == ' ' || line[0] == '\t') && head != null)
                {
                    continuation.Add(line.Trim());
                    continue;
                }
                Flush();
                string trimmed = line.Trim();
                Match verb = Verb.Match(trimmed);
                if (verb.Success)
                {
                    ExportTarget? target = SplitClientPath(verb.Groups["target"].Value);
                    if (target != null)
                    {
                        (verb.Groups["verb"].Value == "unexporting" ? unexported : exported).Add(target);
                        continue;
                    }
                }
                if (trimmed.StartsWith("exportfs:", StringComparison.Ordinal))
                    head = trimmed.Substring("exportfs:".Length).Trim();
                else if (isStderr)
                    head = trimmed;
            }
            Flush();
        }

        private static void AddMessage(string head, List<string> continuation, List<ExportfsMessage> warnings, List<ExportfsMessage> errors)
        {
            string? file = null;
            int? lineNumber = null;
            string message = head;
            bool bracketForm = false;
            Match m = BracketLocation.Match(head);
            if (m.Success) bracketForm = true;
            else m = ColonLocation.Match(head);
            if (m.Success)
            {
                file = m.Groups["file"].Value;
                lineNumber = int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture);
                message = m.Groups["msg"].Value;
            }
            if (continuation.Count > 0) message = message + " " + string.Join(" ", continuation);

            ExportTarget? export = null;
            Match q = QuotedExport.Match(message);
            if (q.Success) export = SplitClientPath(q.Groups["target"].Value);

            var result = new ExportfsMessage(file, lineNumber, message, export);
            bool warning = bracketForm
                || message.IndexOf("to avoid warning", StringComparison.OrdinalIgnoreCase) >= 0
                || message.IndexOf("Assuming default behaviour", StringComparison.OrdinalIgnoreCase) >= 0
                // Said whenever the exports are empty, e.g. after removing the last one.
                || message.StartsWith("No file systems exported", StringComparison.Ordinal);
            (warning ? warnings : errors).Add(result);
        }
    }
}
