#!/bin/sh
# Test-NovaNfsHost's second round trip: can this compute host mount each share, and may
# qemu's SELinux domain open what it finds there (Nova/NovaShareTest)?
# Arguments: DEADLINE DOMAIN DAEMON [MOUNTED SHARE OPTIONS]...
# For each triple: MOUNTED is nova's mount point when the share is mounted there already (it
# is then only checked), or "-" to mount SHARE with OPTIONS ("-" for none) on a folder of its
# own, read it and unmount it again. DOMAIN is the context libvirt runs qemu in and DAEMON
# libvirt's daemon's (both must reach a volume file: the daemon looks at it first), or "-".
# All shares are tested at once, bounded by DEADLINE seconds from the start (less 2 s).
# Prints sections check:N, one per triple, in the order given:
#   "SHARE<TAB>EXIT" (EXIT 0 mounted and read; 32 and other mount.nfs codes: the mount
#   failed; 3 the mount point does not answer; 124 or 137 ran out of time), then "label
#   CONTEXT" of the mount's root, then "access PERMISSIONS" that DOMAIN and "daemon-access
#   PERMISSIONS" that DAEMON has on a file of that label (the kernel's own decision, asked
#   with compute_av: nothing is opened, so no denial is logged), then what mount.nfs or stat printed.
. ./lib/sections.sh
start=$(date +%s)
deadline=$1 domain=$2 daemon=$3
shift 3
work=$(mktemp -d) || exit 2
# Never rm -r: a folder of work may still hold a mount, and with it the share's files.
trap 'rm -f -- "$work"/[0-9]*; rmdir -- "$work"/mnt* "$work" 2>/dev/null' EXIT

# One share, for sh -c so that one bound covers mount, read and unmount. KILL, not TERM: a
# process waiting on a dead NFS server ignores every other signal.
# shellcheck disable=SC2016 # the $ belong to that script
one_share='mounted=$1 share=$2 options=$3 domain=$4 daemon=$5 dir=$6
mp=$mounted
if [ "$mounted" = - ]; then
  mp=$dir
  mkdir -p -- "$mp" || exit 2
  if [ "$options" = - ]; then mount -t nfs -- "$share" "$mp" 2>&1 || exit $?
  else mount -t nfs -o "$options" -- "$share" "$mp" 2>&1 || exit $?
  fi
fi
label=$(stat -c %C -- "$mp" 2>&1) || { echo "$label"; [ "$mounted" = - ] && umount -f -- "$mp"; exit 3; }
echo "label $label"
allowed() { compute_av "$1" "$label" file 2>&1 | sed -n "s/^allowed=//p" | tr -d "{}"; }
if command -v compute_av >/dev/null 2>&1; then
  [ "$domain" != - ] && echo "access $(allowed "$domain")"
  [ "$daemon" != - ] && echo "daemon-access $(allowed "$daemon")"
fi
[ "$mounted" = - ] && { umount -- "$mp" 2>&1 || umount -l -- "$mp"; }
exit 0'

t=$((deadline - ($(date +%s) - start) - 2))
[ "$t" -ge 2 ] || t=2
n=0
while [ "$#" -ge 3 ]; do
  n=$((n + 1))
  ( out=$(timeout -s KILL "$t" sh -c "$one_share" sh "$1" "$2" "$3" "$domain" "$daemon" "$work/mnt$n"); rc=$?
    printf '%s\t%s\n%s\n' "$2" "$rc" "$out" > "$work/$n" ) &
  shift 3
done
wait
# A mount killed at the bound may be left behind: lazily unmount what is still there.
for d in "$work"/mnt*; do
  [ -d "$d" ] || continue
  if awk -v d="$d" '$2 == d { found = 1 } END { exit !found }' /proc/self/mounts; then umount -l -- "$d" 2>/dev/null; fi
  rmdir -- "$d" 2>/dev/null
done
i=0
while [ "$i" -lt "$n" ]; do
  i=$((i + 1))
  section "check:$i"
  cat -- "$work/$i" 2>/dev/null
done
section end
exit 0
