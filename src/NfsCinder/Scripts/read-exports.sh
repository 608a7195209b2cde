#!/bin/sh
# Reads an NFS server's exports in one round trip (Nfs/ExportsState). Arguments: DIRECTORY...
# Prints sections (lib/sections.sh): hostname (uname -n); file:PATH with the bytes of each of
# /etc/exports and /etc/exports.d/*.exports; live (exportfs -v); dir:DIRECTORY with
# "TYPE|OWNER|GROUP|MODE|UID|GID" (stat) for each directory about to be exported, empty when
# it is missing, so a missing one is an error before any write; then end. Read-only.
. ./lib/sections.sh
section hostname
uname -n
for f in /etc/exports /etc/exports.d/*.exports; do
  [ -f "$f" ] || continue
  section "file:$f"
  cat -- "$f"
done
section live
exportfs -v 2>/dev/null
for d in "$@"; do
  section "dir:$d"
  stat -c '%F|%U|%G|%a|%u|%g' -- "$d" 2>/dev/null
done
section end
