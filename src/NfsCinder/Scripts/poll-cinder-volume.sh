#!/bin/sh
# One look at a restarting volume unit. Arguments: UNIT LOG OFFSET PATTERN
# Prints sections:
#   active   systemctl is-active's answer
#   logfile  "file PATH" for the log read; "pending" while /var/log/cinder exists without one
#            (a host that never ran cinder-volume has none before its first start); "none"
#            when the host has no such directory and logs elsewhere
#   log      the log's lines matching PATTERN past OFFSET (from its start when rotated meanwhile)
. ./lib/sections.sh
. ./lib/cinder-host.sh
unit=$1 log=$2 offset=$3 pattern=$4
if [ -z "$log" ]; then log=$(volume_log); offset=0; fi
section active
systemctl is-active "$unit.service"
section logfile
if [ -n "$log" ]; then printf 'file %s\n' "$log"; elif [ -d /var/log/cinder ]; then echo pending; else echo none; fi
section log
if [ -n "$log" ] && [ -f "$log" ]; then
  size=$(stat -c %s "$log")
  if [ "$size" -lt "$offset" ]; then offset=0; fi
  tail -c +$((offset + 1)) "$log" | grep -E -- "$pattern"
fi
section end
exit 0
