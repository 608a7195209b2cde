#!/bin/sh
# Mounts an NFS share. Arguments: SOURCE MOUNTPOINT OPTIONS CREATE REMOUNT
# SOURCE is server:/path or [v6]:/path; OPTIONS a comma list or empty. With CREATE = 1 the
# mount point is made first; with REMOUNT = 1 what is mounted there now is unmounted first
# (a new NFS version or transport cannot be changed by mount -o remount), and a mount point
# in use is refused ("target is busy", exit 5) before anything changes.
# Prints nothing of its own; mount's and umount's messages go to stderr.
src=$1 mp=$2 opts=$3 create=$4 remount=$5
if [ ! -d "$mp" ]; then
  if [ "$create" = 1 ]; then
    mkdir -p -- "$mp" || exit 3
  else
    echo "mount point $mp does not exist (use -CreateMountPoint)" >&2
    exit 3
  fi
fi
if [ "$remount" = 1 ] && mountpoint -q -- "$mp"; then
  umount -- "$mp" || exit 5
fi
if [ -n "$opts" ]; then exec mount -t nfs -o "$opts" -- "$src" "$mp"; fi
exec mount -t nfs -- "$src" "$mp"
