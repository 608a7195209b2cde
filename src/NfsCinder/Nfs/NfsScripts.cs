namespace NfsCinder.Nfs
{
    /// <summary>
    /// Constant scripts for the NFS cmdlets. Data reaches them only as positional
    /// parameters; each prints labelled sections so one round trip answers a whole read.
    /// </summary>
    internal static class NfsScripts
    {
        internal const string SectionPrefix = "@@NFSCINDER:";

        /// <summary>
        /// Every exports file (/etc/exports, /etc/exports.d/*.exports), what the kernel
        /// exports now (exportfs -v) and the host's own name. Read-only.
        /// </summary>
        internal const string ReadExports =
            "s() { printf '\\n@@NFSCINDER:%s@@\\n' \"$1\"; }\n" +
            "s hostname; uname -n\n" +
            "for f in /etc/exports /etc/exports.d/*.exports; do\n" +
            "  [ -f \"$f\" ] || continue\n" +
            "  s \"file:$f\"; cat -- \"$f\"\n" +
            "done\n" +
            "s live; exportfs -v 2>/dev/null\n" +
            // Directories about to be exported: so a missing one is an error before any write.
            "for d in \"$@\"; do s \"dir:$d\"; stat -c '%F|%U|%G|%a|%u|%g' -- \"$d\" 2>/dev/null; done\n" +
            "s end\n";

        /// <summary>
        /// NFS mounts from /proc/mounts (which never blocks), then df for each one in
        /// parallel, each bounded by $1 seconds: a dead server shows as "noresponse".
        /// </summary>
        internal const string ReadMounts =
            "t=$1\n" +
            "printf '@@NFSCINDER:mounts@@\\n'\n" +
            "awk '$3 == \"nfs\" || $3 == \"nfs4\"' /proc/mounts\n" +
            "printf '@@NFSCINDER:df@@\\n'\n" +
            // /proc/mounts escapes space, tab, newline and backslash as \ooo; decode for df.
            "awk 'function d(s,  r, i, c) { r = \"\"; for (i = 1; i <= length(s); i++) { c = substr(s, i, 1);\n" +
            "  if (c == \"\\\\\" && substr(s, i + 1, 3) ~ /^[0-7][0-7][0-7]$/) { r = r sprintf(\"%c\", substr(s, i + 1, 1) * 64 + substr(s, i + 2, 1) * 8 + substr(s, i + 3, 1)); i += 3 }\n" +
            "  else r = r c } return r }\n" +
            "  $3 == \"nfs\" || $3 == \"nfs4\" { print d($2) }' /proc/mounts |\n" +
            // The loop runs in the pipeline's subshell, so the wait for its jobs must too.
            "{ while IFS= read -r mp; do\n" +
            "  ( if row=$(timeout -k 1 \"$t\" df -P -B1 -- \"$mp\" 2>/dev/null | tail -n 1) && [ -n \"$row\" ]; then printf 'ok\\t%s\\t%s\\n' \"$mp\" \"$row\"\n" +
            "    else printf 'noresponse\\t%s\\n' \"$mp\"; fi ) &\n" +
            "done; wait; }\n" +
            "printf '@@NFSCINDER:fstab@@\\n'\n" +
            "cat /etc/fstab 2>/dev/null\n" +
            // A leading newline keeps the marker off an fstab without a final newline.
            "printf '\\n@@NFSCINDER:end@@\\n'\n";

        /// <summary>Mounts $1 (server:/path) on $2 with options $3; creates $2 first when $4 is 1.</summary>
        internal const string Mount =
            "src=$1 mp=$2 opts=$3 create=$4\n" +
            "if [ ! -d \"$mp\" ]; then\n" +
            "  if [ \"$create\" = 1 ]; then mkdir -p -- \"$mp\" || exit 3\n" +
            "  else echo \"mount point $mp does not exist (use -CreateMountPoint)\" >&2; exit 3; fi\n" +
            "fi\n" +
            "if [ -n \"$opts\" ]; then exec mount -t nfs -o \"$opts\" -- \"$src\" \"$mp\"; fi\n" +
            "exec mount -t nfs -- \"$src\" \"$mp\"\n";

        /// <summary>Creates a directory (with parents) and sets owner, group and mode when given; prints "created" or "exists", then "changed" when metadata changed.</summary>
        internal const string EnsureDirectory =
            "d=$1 owner=$2 group=$3 mode=$4\n" +
            "if [ -d \"$d\" ]; then echo exists; else mkdir -p -- \"$d\" || exit 3; echo created; fi\n" +
            "set -- $(stat -c '%U %G %a %u %g' -- \"$d\")\n" +
            "c=0\n" +
            "if [ -n \"$owner\" ] && [ \"$owner\" != \"$1\" ] && [ \"$owner\" != \"$4\" ]; then chown -- \"$owner\" \"$d\" || exit 4; c=1; fi\n" +
            "if [ -n \"$group\" ] && [ \"$group\" != \"$2\" ] && [ \"$group\" != \"$5\" ]; then chgrp -- \"$group\" \"$d\" || exit 4; c=1; fi\n" +
            "if [ -n \"$mode\" ] && [ \"$mode\" != \"$3\" ]; then chmod -- \"$mode\" \"$d\" || exit 4; c=1; fi\n" +
            "[ $c = 1 ] && echo changed\n" +
            "exit 0\n";

        /// <summary>
        /// The apply step of an export change: prepare the directory ($1 path, $2 owner, $3
        /// group, $4 mode) when $5 = 1, then exportfs -rav when $6 = 1. The directory's own
        /// status lines start with "@@dir " so they stay apart from exportfs's output.
        /// </summary>
        internal static readonly string PrepareAndExport =
            "prepare() {\n" + EnsureDirectory.Replace("echo ", "echo @@dir ").Replace("exit 0\n", "return 0\n") + "}\n" +
            "if [ \"$5\" = 1 ]; then prepare \"$1\" \"$2\" \"$3\" \"$4\" || exit $?; fi\n" +
            "if [ \"$6\" = 1 ]; then exportfs -rav; fi\n";
    }
}
