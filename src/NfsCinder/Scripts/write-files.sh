#!/bin/sh
# Atomically replaces files, then (or first) runs one apply command, in one round trip
# (Files/RemoteFile.WriteAll). Arguments: STAMP BACKUP COUNT WHEN, then COUNT groups of
# PATH OWNER GROUP MODE LENGTH, then the apply command's argv (may be none).
# Standard input holds the files' bytes one after another (each LENGTH long). Each file goes
# to a temp file beside its target, keeps (or gets) owner, mode and SELinux label, the old
# file is copied to PATH.STAMP.bak when BACKUP = 1, and a rename puts it in place: readers see
# the old file or the new one, never half of either. Nothing is written when unchanged. Each
# file runs in its own subshell so its traps and exits stay its own. WHEN is "after" (the
# apply command runs after the files: exportfs -ra) or "before" (a mount, so a failed one
# leaves fstab alone).
# Prints sections (lib/sections.sh): status ("N path TARGET", then "N unchanged",
# "N metadata", "N backup BAK" or "N written" per file) and apply (the apply command's own
# output). Exit 3-7: a write failed (no directory, temp file, metadata, backup, rename);
# 100 + code: the apply command failed with that code.
. ./lib/sections.sh
set -u
stamp=$1 backup=$2 count=$3 when=$4
shift 4
section status
# apply ARGV...: runs the apply command in its own section; a failure exits 100 + its code.
apply() {
  section apply
  "$@"
  code=$?
  section status
  [ $code -eq 0 ] || exit $((100 + code))
}
if [ "$when" = before ] && [ $# -gt $((5 * count)) ]; then
  # The apply argv are the last arguments: pass exactly those (eval sees only ${N} names).
  i=$((5 * count + 1)) args=''
  while [ $i -le $# ]; do args="$args \"\${$i}\""; i=$((i + 1)); done
  eval "apply $args"
fi
n=0
while [ "$n" -lt "$count" ]; do
n=$((n+1))
( target=$1 owner=$2 group=$3 mode=$4 length=$5
if [ -L "$target" ]; then target=$(readlink -f -- "$target") || exit 3; fi
echo "$n path $target"
dir=$(dirname -- "$target")
[ -d "$dir" ] || { echo "directory $dir does not exist" >&2; exit 3; }
tmp=$(mktemp "$dir/.nfscinder.XXXXXXXX") || exit 4
trap 'rm -f -- "$tmp"' EXIT
trap 'exit 143' HUP INT TERM
head -c "$length" > "$tmp" || exit 4
[ "$(wc -c < "$tmp")" -eq "$length" ] || { echo "short input for $target" >&2; exit 4; }
selinux=0
if command -v selinuxenabled >/dev/null 2>&1 && selinuxenabled; then selinux=1; fi
if [ -e "$target" ]; then
  existed=1
  # user group mode uid gid: an owner or group given as a number matches the uid or gid.
  meta=$(stat -c '%U %G %a %u %g' -- "$target") || exit 4
  # shellcheck disable=SC2086 # split stat's five words into $1..$5 on purpose
  set -- $meta
  same=1
  [ -n "$owner" ] && [ "$owner" != "$1" ] && [ "$owner" != "$4" ] && same=0
  [ -n "$group" ] && [ "$group" != "$2" ] && [ "$group" != "$5" ] && same=0
  [ -n "$mode" ] && [ "$mode" != "$3" ] && same=0
  if cmp -s -- "$tmp" "$target"; then
    [ $same = 1 ] && { echo "$n unchanged"; exit 0; }
    [ -n "$owner$group" ] && { chown -- "${owner:-}${group:+:$group}" "$target" || exit 5; }
    [ -n "$mode" ] && { chmod -- "$mode" "$target" || exit 5; }
    echo "$n metadata"; exit 0
  fi
  chown --reference="$target" -- "$tmp" && chmod --reference="$target" -- "$tmp" || exit 5
  [ $selinux = 1 ] && { chcon --reference="$target" -- "$tmp" || exit 5; }
  if [ "$backup" = 1 ]; then
    bak="$target.$stamp.bak" i=0
    while [ -e "$bak" ]; do i=$((i+1)); bak="$target.$stamp.$i.bak"; done
    cp -p -- "$target" "$bak" || exit 6
    echo "$n backup $bak"
  fi
else
  chown root:root -- "$tmp" 2>/dev/null; chmod 644 -- "$tmp" || exit 5
fi
[ -n "$owner$group" ] && { chown -- "${owner:-}${group:+:$group}" "$tmp" || exit 5; }
[ -n "$mode" ] && { chmod -- "$mode" "$tmp" || exit 5; }
sync -- "$tmp" 2>/dev/null
mv -f -- "$tmp" "$target" || exit 7
trap - EXIT
[ $selinux = 1 ] && [ -z "${existed:-}" ] && restorecon -- "$target" 2>/dev/null
echo "$n written" ) || exit $?
shift 5
done
[ "$when" = after ] && [ $# -gt 0 ] && apply "$@"
exit 0
