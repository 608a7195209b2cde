#!/bin/sh
# systemd: the state of units (the service plan). Arguments: UNIT...
# Prints "UNIT ENABLED-STATE ACTIVE-STATE" per UNIT. A state systemctl does not give (no such
# unit, no bus, systemctl missing) is printed as "unknown".
for u in "$@"; do
  e=$(systemctl is-enabled "$u" 2>/dev/null | head -n 1)
  a=$(systemctl is-active "$u" 2>/dev/null | head -n 1)
  case $e in ''|*[!a-z-]*) e=unknown ;; esac
  case $a in ''|*[!a-z-]*) a=unknown ;; esac
  printf '%s %s %s\n' "$u" "$e" "$a"
done
