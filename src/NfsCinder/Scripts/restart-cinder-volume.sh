#!/bin/sh
# Restarts the volume unit. Arguments: UNIT SECONDS [MOUNTPOINT...]
# First prints "LOG<TAB>SIZE<TAB>PIDS": the volume log and where it ends before the restart
# (LOG is empty when the host has none yet: the line then starts with the tab), and the PIDs
# the unit runs now (its cgroup, v2 or v1): the old processes keep logging until systemd stops
# them, and those lines are not this start's.
# With mount points (Cinder's mounts that must go: options changed, or no share of any
# backend), the unit is stopped, each is unmounted (bounded by SECONDS), then it is started,
# so the NfsDriver mounts its shares again with the options configured now. One line each:
#   unmounted<TAB>MP   busy<TAB>MP<TAB>PID(COMM) ...   failed<TAB>MP<TAB>umount's message
. ./lib/cinder-host.sh
unit=$1 t=$2
shift 2
log=$(volume_log)
size=0
if [ -n "$log" ]; then size=$(stat -c %s "$log"); fi
cg=$(systemctl show -p ControlGroup --value "$unit.service" 2>/dev/null) old=
for f in "/sys/fs/cgroup$cg/cgroup.procs" "/sys/fs/cgroup/systemd$cg/cgroup.procs"; do
  if [ -n "$cg" ] && [ -r "$f" ]; then old=$(tr '\n' ' ' < "$f"); break; fi
done
printf '%s\t%s\t%s\n' "$log" "$size" "$old"
[ $# -gt 0 ] || exec systemctl restart "$unit.service"

# holders MP: the processes with a file, directory or root under MP (read from /proc, which
# never touches the NFS mount itself).
holders() {
  for p in /proc/[0-9]*; do
    for link in "$p/cwd" "$p/root" "$p"/fd/*; do
      target=$(readlink "$link" 2>/dev/null) || continue
      case "$target" in "$1" | "$1"/*) printf ' %s(%s)' "${p#/proc/}" "$(cat "$p/comm" 2>/dev/null)"; break ;; esac
    done
  done
}
systemctl stop "$unit.service" || exit $?
# Stopped is never where this script ends, whatever stops it (Ctrl+C, a dropped session).
trap 'systemctl start "$unit.service"' EXIT
trap 'exit 143' HUP INT TERM
for mp in "$@"; do
  if out=$(timeout -k 2 "$t" umount -- "$mp" 2>&1); then
    printf 'unmounted\t%s\n' "$mp"
  else
    who=$(holders "$mp")
    if [ -n "$who" ]; then printf 'busy\t%s\t%s\n' "$mp" "${who# }"
    else printf 'failed\t%s\t%s\n' "$mp" "$(printf '%s' "$out" | tr '\n' ' ')"; fi
  fi
done
trap - EXIT
exec systemctl start "$unit.service"
