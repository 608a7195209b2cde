#!/bin/sh
# RHEL 6 (SysV with chkconfig): the state of services (the service plan). Arguments: SERVICE...
# Prints "SERVICE enabled|disabled|not-found active|inactive" per SERVICE: enabled is
# chkconfig's answer for the current runlevel, active is the status exit code.
for s in "$@"; do
  if [ ! -x "/etc/init.d/$s" ]; then printf '%s not-found inactive\n' "$s"; continue; fi
  if chkconfig "$s" >/dev/null 2>&1; then e=enabled; else e=disabled; fi
  if service "$s" status >/dev/null 2>&1; then a=active; else a=inactive; fi
  printf '%s %s %s\n' "$s" "$e" "$a"
done
