#!/bin/sh
# Debian SysV: the state of services (the service plan). Arguments: SERVICE...
# Prints "SERVICE enabled|disabled|not-found active|inactive" per SERVICE: enabled means a
# start link in runlevels 2-5, active is the status exit code.
for s in "$@"; do
  if [ ! -x "/etc/init.d/$s" ]; then printf '%s not-found inactive\n' "$s"; continue; fi
  e=disabled
  for f in /etc/rc[2345].d/S[0-9][0-9]"$s"; do if [ -e "$f" ]; then e=enabled; break; fi; done
  if "/etc/init.d/$s" status >/dev/null 2>&1; then a=active; else a=inactive; fi
  printf '%s %s %s\n' "$s" "$e" "$a"
done
