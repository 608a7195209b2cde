using System;
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
        // Writes stdin to a temp file beside the target, keeps (or sets) owner, mode and
        // SELinux label, backs up the old file, then renames over it: readers see the old
        // file or the new one, never half of either. Nothing is written when unchanged.
        internal const string WriteScript = @"set -u
target=$1 owner=$2 group=$3 mode=$4 backup=$5 stamp=$6
if [ -L ""$target"" ]; then target=$(readlink -f -- ""$target"") || exit 3; fi
echo ""path $target""
dir=$(dirname -- ""$target"")
[ -d ""$dir"" ] || { echo ""directory $dir does not exist"" >&2; exit 3; }
tmp=$(mktemp ""$dir/.nfscinder.XXXXXXXX"") || exit 4
trap 'rm -f -- ""$tmp""' EXIT
trap 'exit 143' HUP INT TERM
cat > ""$tmp"" || exit 4
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
    [ $same = 1 ] && { echo unchanged; exit 0; }
    [ -n ""$owner$group"" ] && { chown -- ""${owner:-}${group:+:$group}"" ""$target"" || exit 5; }
    [ -n ""$mode"" ] && { chmod -- ""$mode"" ""$target"" || exit 5; }
    echo metadata; exit 0
  fi
  chown --reference=""$target"" -- ""$tmp"" && chmod --reference=""$target"" -- ""$tmp"" || exit 5
  [ $selinux = 1 ] && { chcon --reference=""$target"" -- ""$tmp"" || exit 5; }
  if [ ""$backup"" = 1 ]; then
    bak=""$target.$stamp.bak"" n=0
    while [ -e ""$bak"" ]; do n=$((n+1)); bak=""$target.$stamp.$n.bak""; done
    cp -p -- ""$target"" ""$bak"" || exit 6
    echo ""backup $bak""
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
echo written
";

        // Prints a marker line first so an empty file and a missing one differ.
        internal const string ReadScript = @"if [ -e ""$1"" ]; then printf 'present\n'; exec cat -- ""$1""; else printf 'absent\n'; fi";

        public static FileWriteResult Write(Func<CommandSpec, CommandResult> run, string computerName, FileWriteRequest request, DateTime nowUtc)
        {
            string stamp = nowUtc.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
            var spec = CommandSpec.Script("write-file-atomically", WriteScript,
                    request.Path, request.Owner ?? "", request.Group ?? "", request.Mode ?? "", request.Backup ? "1" : "0", stamp)
                .WithInput(request.Content)
                .For($"Writing {request.Path}");
            string[] lines = run(spec).StandardOutput.Split(new[] { '\n' }, StringSplitOptions.RemoveEmptyEntries);
            string? backup = lines.FirstOrDefault(l => l.StartsWith("backup ", StringComparison.Ordinal))?.Substring(7);
            string path = lines.FirstOrDefault(l => l.StartsWith("path ", StringComparison.Ordinal))?.Substring(5) ?? request.Path;
            if (lines.Contains("unchanged")) return new FileWriteResult(computerName, path, false, false, null);
            if (lines.Contains("metadata")) return new FileWriteResult(computerName, path, true, false, null);
            return new FileWriteResult(computerName, path, true, true, backup);
        }

        /// <summary>Returns the file's bytes, or null when it does not exist.</summary>
        public static byte[]? Read(Func<CommandSpec, CommandResult> run, string path)
        {
            byte[] output = run(CommandSpec.Script("read-file", ReadScript, path).For($"Reading {path}")).StandardOutputBytes;
            int newline = Array.IndexOf(output, (byte)'\n');
            string marker = newline < 0 ? "" : Encoding.ASCII.GetString(output, 0, newline);
            if (marker != "present") return null;
            var content = new byte[output.Length - newline - 1];
            Array.Copy(output, newline + 1, content, 0, content.Length);
            return content;
        }
    }
}
