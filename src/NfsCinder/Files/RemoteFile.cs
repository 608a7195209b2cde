using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using NfsCinder.Execution;

namespace NfsCinder.Files
{
    /// <summary>
    /// Reads and atomically replaces files on a host through the command runner, in one
    /// round trip each. The scripts are files under Scripts/; paths and names arrive as "$1".."$n".
    /// </summary>
    internal static class RemoteFile
    {
        // Scripts/write-files.sh does the writing (its header says how); its apply command's
        // exit codes come back shifted, clear of the write's own 3-7.
        private const int ApplyExitOffset = 100;

        public static FileWriteResult Write(ICommandHost host, FileWriteRequest request, DateTime nowUtc) =>
            WriteAll(host, new[] { request }, null, nowUtc).Files[0];

        /// <summary>
        /// Writes the files in order, then runs <paramref name="apply"/> (its argv or script, exit
        /// codes and timeout; it runs elevated with the write) in the same
        /// round trip. A write failure throws; the apply command's result comes back (exit
        /// codes it accepts are not failures) for the caller to judge.
        /// </summary>
        public static FileWriteOutcome WriteAll(ICommandHost host, IReadOnlyList<FileWriteRequest> requests,
            CommandSpec? apply, DateTime nowUtc, bool applyFirst = false)
        {
            if (requests.Count == 0 && apply is null) throw new ArgumentException("Nothing to write.", nameof(requests));
            if (apply is not null && apply.AcceptedExitCodes.Any(c => c < 0 || c > 150))
                throw new ArgumentException("An apply step's accepted exit codes must be 0-150 (they come back shifted by 100).", nameof(apply));
            string stamp = nowUtc.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
            bool backup = requests.Count == 0 || requests[0].Backup;
            if (requests.Any(r => r.Backup != backup)) throw new ArgumentException("All files of one write must agree on backups.", nameof(requests));
            var arguments = new List<string> { stamp, backup ? "1" : "0", requests.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), applyFirst ? "before" : "after" };
            foreach (var request in requests)
                arguments.AddRange(new[] { request.Path, request.Owner ?? "", request.Group ?? "", request.Mode ?? "", request.Content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            if (apply is not null) arguments.AddRange(apply.InnerArgv());
            var input = requests.SelectMany(r => r.Content).ToArray();
            var spec = RemoteScripts.Spec("write-files", arguments.ToArray())
                .WithInput(input)
                .For(apply is null ? $"Writing {string.Join(", ", requests.Select(r => r.Path))}" : $"Writing {string.Join(", ", requests.Select(r => r.Path))}, then {apply.Purpose ?? apply.Program}");
            if (apply is not null)
            {
                // Every shifted code comes back here, so a failed apply step is judged below as
                // that command on its own, not as the write script's odd exit status.
                spec = spec.Accepting(new[] { 0 }.Concat(Enumerable.Range(ApplyExitOffset, 256 - ApplyExitOffset)).ToArray());
                if (apply.Timeout is { } timeout) spec = spec.WithTimeout(timeout);
            }
            CommandResult result = host.Run(spec);
            var sections = SectionedOutput.Parse(result.StandardOutput);
            string applyOutput = sections.Raw("apply") ?? "";
            string status = string.Join("\n", sections.Lines("status"));
            var files = requests.Select((request, i) => ParseStatus(host.DisplayName, request, status, i + 1)).ToArray();
            CommandResult? applied = null;
            if (apply is not null)
            {
                int code = result.ExitCode == 0 ? 0 : result.ExitCode - ApplyExitOffset;
                byte[] applyOutputBytes = Encoding.UTF8.GetBytes(applyOutput);
                if (!apply.AcceptedExitCodes.Contains(code))
                    throw FailureClassifier.Classify(host.DisplayName, apply, new RawExecution(code, null, applyOutputBytes, result.StandardErrorBytes, timedOut: false),
                        apply.Timeout ?? TimeSpan.MaxValue, result.Duration, sudoUsed: false, isRoot: true);
                applied = new CommandResult(result.ComputerName, result.CommandLine, code, applyOutputBytes, result.StandardErrorBytes, result.Duration);
            }
            return new FileWriteOutcome(files, applied);
        }

        private static FileWriteResult ParseStatus(string computerName, FileWriteRequest request, string status, int number)
        {
            string prefix = number.ToString(System.Globalization.CultureInfo.InvariantCulture) + " ";
            var lines = status.Split(new[] { '\n' }, StringSplitOptions.RemoveEmptyEntries)
                .Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).Select(l => l.Substring(prefix.Length)).ToList();
            string? backup = lines.FirstOrDefault(l => l.StartsWith("backup ", StringComparison.Ordinal))?.Substring(7);
            string path = lines.FirstOrDefault(l => l.StartsWith("path ", StringComparison.Ordinal))?.Substring(5) ?? request.Path;
            if (lines.Contains("unchanged")) return new FileWriteResult(computerName, path, false, false, null);
            if (lines.Contains("metadata")) return new FileWriteResult(computerName, path, true, false, null);
            return new FileWriteResult(computerName, path, true, true, backup);
        }

        /// <summary>Returns the file's bytes, or null when it does not exist.</summary>
        public static byte[]? Read(ICommandHost host, string path) =>
            ReadAll(host, new[] { path })[path] is { Unreadable: null } file ? file.Content : null;

        /// <summary>
        /// Reads several files, with owner, group and mode, in one round trip: each path maps
        /// to its content, or null when it does not exist. With <paramref name="referencedBy"/>,
        /// the files the first file names under that key are read too, under their own paths.
        /// </summary>
        public static IReadOnlyDictionary<string, RemoteFileContent?> ReadAll(ICommandHost host, IReadOnlyList<string> paths, string? referencedBy = null)
        {
            if (referencedBy is not null && !System.Text.RegularExpressions.Regex.IsMatch(referencedBy, "^[a-z_]+$"))
                throw new ArgumentException("A referencing key is a lower-case option name.", nameof(referencedBy));
            var arguments = new[] { referencedBy ?? "" }.Concat(paths).ToArray();
            byte[] output = host.Run(RemoteScripts.Spec("read-files", arguments).For($"Reading {string.Join(", ", paths)}")).StandardOutputBytes;
            var files = ParseFiles(output);
            foreach (string path in paths)
                if (!files.ContainsKey(path)) throw new FormatException($"No answer for {path}.");
            return files;
        }

        /// <summary>Files as Scripts/lib/files.sh prints them: each path maps to its content, or null when it does not exist.</summary>
        public static Dictionary<string, RemoteFileContent?> ParseFiles(byte[] output)
        {
            var files = new Dictionary<string, RemoteFileContent?>(StringComparer.Ordinal);
            int position = 0;
            while (position < output.Length)
            {
                string path = ReadLine(output, ref position);
                if (path.Length == 0) continue;
                string header = ReadLine(output, ref position);
                if (header == "absent") { files[path] = null; continue; }
                if (header.StartsWith("unreadable", StringComparison.Ordinal))
                {
                    files[path] = new RemoteFileContent(path, Array.Empty<byte>(), "", "", "", header.Substring(10).Trim() is { Length: > 0 } why ? why : "cannot be read");
                    continue;
                }
                string[] meta = header.Split(' ');
                if (meta.Length != 4 || meta[0] != "present") throw new FormatException($"Unexpected answer while reading {path}: '{header}'.");
                files[path] = new RemoteFileContent(path, Convert.FromBase64String(ReadLine(output, ref position)), meta[1], meta[2], meta[3]);
            }
            return files;
        }

        /// <summary>The same, from a section of a script's text output.</summary>
        public static Dictionary<string, RemoteFileContent?> ParseFiles(IEnumerable<string> lines) =>
            ParseFiles(Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n"))));

        private static string ReadLine(byte[] bytes, ref int position)
        {
            int newline = Array.IndexOf(bytes, (byte)'\n', position);
            if (newline < 0) throw new FormatException("Truncated answer while reading files.");
            string line = Encoding.UTF8.GetString(bytes, position, newline - position);
            position = newline + 1;
            return line;
        }
    }
}
