#!/bin/sh
# Mounts an NFS share. Arguments: SOURCE MOUNTPOINT OPTIONS CREATE REMOUNT
# SOURCE is server:/path or [v6]:/path; OPTIONS a comma list or empty. With CREATE = 1 the
# mount point is made first. With REMOUNT = 1 what is mounted there now is replaced (a new
# NFS version or transport cannot be changed by mount -o remount): the new options are tried
# on a mount point of their own first, so a server that refuses them leaves the old mount as
# it was; a mount point in use is refused ("target is busy", exit 5).
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
# mount_at DIR: the share on DIR with the options asked.
mount_at() {
  if [ -n "$opts" ]; then mount -t nfs -o "$opts" -- "$src" "$1"; else mount -t nfs -- "$src" "$1"; fi
}
if [ "$remount" = 1 ] && mountpoint -q -- "$mp"; then
  trial=$(mktemp -d) || exit 4
  mount_at "$trial" || { rc=$?; rmdir -- "$trial"; exit "$rc"; }
  umount -- "$trial"; rmdir -- "$trial"
  umount -- "$mp" || exit 5
fi
mount_at "$mp"
