#!/bin/sh
# Debian family: which packages are not installed (the service plan). Arguments: PACKAGE...
# Prints each PACKAGE that dpkg does not report as installed (absent, not-installed,
# config-files, half-installed...), one per line. Exit 127 without dpkg-query.
command -v dpkg-query >/dev/null 2>&1 || { echo 'dpkg-query: command not found' >&2; exit 127; }
for p in "$@"; do
  # shellcheck disable=SC2016 # ${Status} is dpkg-query's field, not the shell's
  dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -Eq ' (installed|triggers-pending|triggers-awaited)$' || printf '%s\n' "$p"
done
