using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using NfsCinder.Execution;

namespace NfsCinder.Files
{
    /// <summary>
    /// Reads and atomically replaces files on a host through the command runner, in one
    /// round trip each. The scripts are constants; paths and names arrive as "$1".."$n".
    /// </summary>
    internal static class RemoteFile
    {
        // Writes each file from stdin (its length given, so several follow each other) to a
        // temp file beside the target, keeps (or sets) owner, mode and SELinux label, backs
        // up the old file, then renames over it: readers see the old file or the new one,
        // never half of either. Nothing is written when unchanged. Each file runs in its own
        // subshell so its traps and exits stay its own. The optional apply command (the
        // arguments after the files') runs after the files (exportfs -ra) or before them (a
        // mount, so a failed one leaves fstab alone): a change costs one round trip. Its exit
        // code comes back as 100 + code, clear of the write failures (3-7), and a failure is
        // reported as the apply command's own, with its real exit status.
        internal const string WriteScript = @"set -u
stamp=$1 backup=$2 count=$3 when=$4
shift 4
apply() {
  echo '" + ApplyMarker + @"'
  ""$@""
  code=$?
  echo '" + ApplyEndMarker + @"'
  [ $code -eq 0 ] || exit $((100 + code))
}
if [ ""$when"" = before ] && [ $# -gt $((5 * count)) ]; then
  # The apply argv are the last arguments: pass exactly those (eval sees only ${N} names).
  i=$((5 * count + 1)) args=''
  while [ $i -le $# ]; do args=""$args \""\${$i}\""""; i=$((i + 1)); done
  eval ""apply $args""
fi
n=0
while [ $n -lt $count ]; do
n=$((n+1))
( target=$1 owner=$2 group=$3 mode=$4 length=$5
if [ -L ""$target"" ]; then target=$(readlink -f -- ""$target"") || exit 3; fi
echo ""$n path $target""
dir=$(dirname -- ""$target"")
[ -d ""$dir"" ] || { echo ""directory $dir does not exist"" >&2; exit 3; }
tmp=$(mktemp ""$dir/.nfscinder.XXXXXXXX"") || exit 4
trap 'rm -f -- ""$tmp""' EXIT
trap 'exit 143' HUP INT TERM
head -c ""$length"" > ""$tmp"" || exit 4
[ ""$(wc -c < ""$tmp"")"" -eq ""$length"" ] || { echo ""short input for $target"" >&2; exit 4; }
selinux=0
if command -v selinuxenabled >/dev/null 2>&1 && selinuxenabled; then selinux=1; fi
if [ -e ""$target"" ]; then
  existed=1
  set -- $(stat -c '%U %G %a %u %g' -- ""$target"") || exit 4
  same=1
  [ -n ""$owner"" ] && [ ""$owner"" != ""$1"" ] && [ ""$owner"" != ""$4"" ] && same=0
  [ -n ""$group"" ] && [ ""$group"" != ""$2"" ] && [ ""$group"" != ""$5"" ] && same=0
  [ -n ""$mode"" ] && [ ""$mode"" != ""$3"" ] && same=0
  if cmp -s -- ""$tmp"" ""$target""; then
    [ $same = 1 ] && { echo ""$n unchanged""; exit 0; }
    [ -n ""$owner$group"" ] && { chown -- ""${owner:-}${group:+:$group}"" ""$target"" || exit 5; }
    [ -n ""$mode"" ] && { chmod -- ""$mode"" ""$target"" || exit 5; }
    echo ""$n metadata""; exit 0
  fi
  chown --reference=""$target"" -- ""$tmp"" && chmod --reference=""$target"" -- ""$tmp"" || exit 5
  [ $selinux = 1 ] && { chcon --reference=""$target"" -- ""$tmp"" || exit 5; }
  if [ ""$backup"" = 1 ]; then
    bak=""$target.$stamp.bak"" i=0
    while [ -e ""$bak"" ]; do i=$((i+1)); bak=""$target.$stamp.$i.bak""; done
    cp -p -- ""$target"" ""$bak"" || exit 6
    echo ""$n backup $bak""
  fi
else
  chown root:root -- ""$tmp"" 2>/dev/null; chmod 644 -- ""$tmp"" || exit 5
fi
[ -n ""$owner$group"" ] && { chown -- ""${owner:-}${group:+:$group}"" ""$tmp"" || exit 5; }
[ -n ""$mode"" ] && { chmod -- ""$mode"" ""$tmp"" || exit 5; }
sync -- ""$tmp"" 2>/dev/null
mv -f -- ""$tmp"" ""$target"" || exit 7
trap - EXIT
[ $selinux = 1 ] && [ -z ""${existed:-}"" ] && restorecon -- ""$target"" 2>/dev/null
echo ""$n written"" ) || exit $?
shift 5
done
[ ""$when"" = after ] && [ $# -gt 0 ] && apply ""$@""
exit 0
";

        // Separates the write's status lines from the apply command's own output.
        private const string ApplyMarker = "@@NFSCINDER:apply@@";
        private const string ApplyEndMarker = "@@NFSCINDER:applied@@";

        // Exit codes of the apply command come back shifted, clear of the write's own 3-7.
        private const int ApplyExitOffset = 100;

        public static FileWriteResult Write(Func<CommandSpec, CommandResult> run, string computerName, FileWriteRequest request, DateTime nowUtc) =>
            WriteAll(run, computerName, new[] { request }, null, nowUtc).Files[0];

        /// <summary>
        /// Writes the files in order, then runs <paramref name="apply"/> (its argv or script, exit
        /// codes and timeout; it runs elevated with the write) in the same
        /// round trip. A write failure throws; the apply command's result comes back (exit
        /// codes it accepts are not failures) for the caller to judge.
        /// </summary>
        public static FileWriteOutcome WriteAll(Func<CommandSpec, CommandResult> run, string computerName, IReadOnlyList<FileWriteRequest> requests,
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
            var spec = CommandSpec.Script("write-file-atomically", WriteScript, arguments.ToArray())
                .WithInput(input)
                .For(apply is null ? $"Writing {string.Join(", ", requests.Select(r => r.Path))}" : $"Writing {string.Join(", ", requests.Select(r => r.Path))}, then {apply.Purpose ?? apply.Program}");
            if (apply is not null)
            {
                // Every shifted code comes back here, so a failed apply step is judged below as
                // that command on its own, not as the write script's odd exit status.
                spec = spec.Accepting(new[] { 0 }.Concat(Enumerable.Range(ApplyExitOffset, 256 - ApplyExitOffset)).ToArray());
                if (apply.Timeout is { } timeout) spec = spec.WithTimeout(timeout);
            }
            CommandResult result = run(spec);
            string output = result.StandardOutput;
            int start = output.IndexOf(ApplyMarker + "\n", StringComparison.Ordinal);
            int end = start < 0 ? -1 : output.IndexOf(ApplyEndMarker + "\n", start, StringComparison.Ordinal);
            string applyOutput = start < 0 ? "" : end < 0 ? output.Substring(start + ApplyMarker.Length + 1) : output.Substring(start + ApplyMarker.Length + 1, end - start - ApplyMarker.Length - 1);
            string status = start < 0 ? output : output.Substring(0, start) + (end < 0 ? "" : output.Substring(end + ApplyEndMarker.Length + 1));
            var files = requests.Select((request, i) => ParseStatus(computerName, request, status, i + 1)).ToArray();
            CommandResult? applied = null;
            if (apply is not null)
            {
                int code = result.ExitCode == 0 ? 0 : result.ExitCode - ApplyExitOffset;
                byte[] applyOutputBytes = Encoding.UTF8.GetBytes(applyOutput);
                if (!apply.AcceptedExitCodes.Contains(code))
                    throw FailureClassifier.Classify(computerName, apply, new RawExecution(code, null, applyOutputBytes, result.StandardErrorBytes, timedOut: false),
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
        public static byte[]? Read(Func<CommandSpec, CommandResult> run, string path) =>
            ReadAll(run, new[] { path })[path] is { Unreadable: null } file ? file.Content : null;

        /// <summary>
        /// Reads several files, with owner, group and mode, in one round trip: each path maps
        /// to its content, or null when it does not exist. With <paramref name="referencedBy"/>,
        /// the files the first file names under that key are read too, under their own paths.
        /// </summary>
        public static IReadOnlyDictionary<string, RemoteFileContent?> ReadAll(Func<CommandSpec, CommandResult> run, IReadOnlyList<string> paths, string? referencedBy = null)
        {
            if (referencedBy is not null && !System.Text.RegularExpressions.Regex.IsMatch(referencedBy, "^[a-z_]+$"))
                throw new ArgumentException("A referencing key is a lower-case option name.", nameof(referencedBy));
            var arguments = new[] { referencedBy ?? "" }.Concat(paths).ToArray();
            byte[] output = run(RemoteScripts.Spec("read-files", arguments).For($"Reading {string.Join(", ", paths)}")).StandardOutputBytes;
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
