#!/bin/sh
# RHEL family: which packages are not installed (the service plan). Arguments: PACKAGE...
# Prints each PACKAGE that rpm does not report as installed, one per line. Exit 127 without rpm.
command -v rpm >/dev/null 2>&1 || { echo 'rpm: command not found' >&2; exit 127; }
for p in "$@"; do
  rpm -q --quiet "$p" || printf '%s\n' "$p"
done
