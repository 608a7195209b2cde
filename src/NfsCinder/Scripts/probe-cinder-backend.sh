#!/bin/sh
# Test-CinderNfsBackend's one round trip on the volume host, read-only but for a test file
# the cinder user creates and removes. Arguments: CONF KEY SHARES_FILES DEADLINE PATTERN [SHARE...]
# KEY: the option that names a shares file (C#'s CinderNfsOptions.SharesConfig).
# SHARES_FILES: shares files to read besides those CONF names (one path per line).
# Every check of every share runs at once, bounded by what is left of DEADLINE seconds from
# the script's start (less 3 s for what follows them), so a dead server costs the deadline
# once, not once per check. Prints sections:
#   files      CONF, SHARES_FILES and every file CONF names under KEY (lib/files.sh)
#   cinder-version  the installed Cinder's version, or nothing
#   unit       "UNIT<TAB>STATE" of the volume service, or nothing
#   since      when the unit last became active (local time, YYYY-MM-DD HH:MM:SS), or nothing
#   cinder-id  "UID GID" of the cinder user
#   mounts     /proc/self/mounts
#   bound      the seconds each check was given
#   check:N    one check: a line "KIND<TAB>TARGET<TAB>EXIT", then its output. KIND is rpc
#              (NFS NULL calls to port 2049 of the server TARGET: a line "VERSION<TAB>EXIT<TAB>
#              MESSAGE" for 4 and 3), showmount (showmount -e of TARGET) or write (TARGET is a
#              mount point: it answers, exit 3 if not, and the cinder user can create a file
#              there); EXIT 124 or 137 means it ran out of time
#   log        the volume log's path, then its lines matching PATTERN since the unit started
# Shares to check are the candidates of the shares files (lib/shares.sh) and each SHARE given.
. ./lib/sections.sh
. ./lib/files.sh
. ./lib/shares.sh
. ./lib/cinder-host.sh
start=$(date +%s)
conf=$1 key=$2 extra_files=$3 deadline=$4 pattern=$5
shift 5
section files
emit_file "$conf"
shares_files=$( (printf '%s\n' "$extra_files"; referenced_paths "$key" "$conf") | sed '/^$/d' | sort -u)
printf '%s\n' "$shares_files" | while IFS= read -r f; do [ -n "$f" ] && emit_file "$f"; done
section cinder-version
cinder_version

section unit
since=
unit_state=$(volume_unit_state)
if [ -n "$unit_state" ]; then
  printf '%s\n' "$unit_state" | cut -f1,2
  # A unit never active since boot has no ActiveEnterTimestamp (and date -d "" is today 0:00).
  stamp=$(printf '%s\n' "$unit_state" | cut -f3)
  [ -n "$stamp" ] && since=$(date -d "$stamp" '+%Y-%m-%d %H:%M:%S' 2>/dev/null)
fi
section since
printf '%s\n' "$since"
section cinder-id
printf '%s %s\n' "$(id -u cinder 2>/dev/null)" "$(id -g cinder 2>/dev/null)"
section mounts
cat /proc/self/mounts

work=$(mktemp -d) || exit 2
trap 'rm -rf -- "$work"' EXIT
n=0
# check KIND TARGET COMMAND...: runs the command bounded by $t in the background, into $work/N.
# KILL, not TERM: a process waiting on a dead NFS server ignores every other signal.
check() {
  n=$((n + 1))
  kind=$1 target=$2
  shift 2
  ( out=$(timeout -s KILL "$t" "$@" 2>&1); rc=$?
    printf '%s\t%s\t%s\n%s\n' "$kind" "$target" "$rc" "$out" > "$work/$n" ) &
}
# The write test, a script of its own for sh -c so that one bound covers both steps: the
# mount point answers (stat, which shows a stale handle or an I/O error in its message), and
# the cinder user can create and remove a file there (the test Cinder makes before it reverts
# to non-secure mode). Exit 3: the mount point does not answer.
# shellcheck disable=SC2016 # the $ belong to that script
write_test='f="$1/.nfscinder-write-test.$$"
stat -- "$1" >/dev/null || exit 3
runuser -u cinder -- touch -- "$f" && exec runuser -u cinder -- rm -f -- "$f"'

candidates=$( { IFS='
'
  # shellcheck disable=SC2086 # one file per line
  share_candidates $shares_files; printf '%s\n' "$@"; } | sed '/^$/d' | sort -u)
servers=$(printf '%s\n' "$candidates" | while read -r share; do [ -n "$share" ] && share_server "$share"; done | sort -u)
# NFS NULL calls to port 2049 of server $1, version 4 then 3, that need no rpcbind (an
# NFSv4-only server runs none): rpcinfo with the universal address, a name resolved first.
# One line "VERSION<TAB>EXIT<TAB>MESSAGE" each. A script of its own for sh -c, so that
# timeout bounds the name lookup too.
# shellcheck disable=SC2016 # the $ belong to that script
nfs_null='server=$1
case $server in
  *:*) addr=$server ;;
  *[!0-9.]*) addr=$(getent ahosts "$server" | sed -n "1s/ .*//p") ;;
  *) addr=$server ;;
esac
[ -n "$addr" ] || { echo "$server: no address (getent ahosts)"; exit 2; }
case $addr in *:*) net=tcp6 ;; *) net=tcp ;; esac
for v in 4 3; do
  out=$(rpcinfo -a "$addr.8.1" -T "$net" 100003 "$v" 2>&1)
  printf "%s\t%s\t%s\n" "$v" "$?" "$(printf "%s" "$out" | tr "\n" " ")"
done'
t=$((deadline - ($(date +%s) - start) - 3))
[ "$t" -ge 2 ] || t=2
section bound
printf '%s\n' "$t"
for server in $servers; do
  command -v rpcinfo >/dev/null 2>&1 && check rpc "$server" sh -c "$nfs_null" sh "$server"
  check showmount "$server" showmount -e "$server"
done
# The mounts of each candidate, wherever they are: C# picks Cinder's at <base>/<md5>.
printf '%s\n' "$candidates" > "$work/candidates"
awk 'NR == FNR { want[$0] = 1; next } ($3 == "nfs" || $3 == "nfs4") && ($1 in want) && $2 !~ /\\/ { print $2 }' \
  "$work/candidates" /proc/self/mounts > "$work/mounts"
while read -r mp; do check write "$mp" sh -c "$write_test" sh "$mp"; done < "$work/mounts"
wait
# Every check, each as a section of its own.
for f in "$work"/[0-9]*; do
  [ -e "$f" ] || continue
  section "check:${f##*/}"
  cat -- "$f"
done

section log
log=$(volume_log)
printf '%s\n' "$log"
if [ -n "$log" ] && [ -n "$since" ]; then
  tail -c 16000000 "$log" | grep -E -- "$pattern" | awk -v s="$since" 'substr($0, 1, 19) >= s'
fi
section end
exit 0
