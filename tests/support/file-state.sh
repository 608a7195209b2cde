#!/bin/sh
# The state of files on a test host, to prove what a cmdlet did or did not touch.
# Arguments: DIRECTORY PATH...
# Prints per PATH "PATH SHA256 OWNER:GROUP MODE MTIME" or "PATH absent", then, when DIRECTORY
# is not empty, "files NAME..." with every name in it (backups and temp files show there).
dir=$1
shift
for f in "$@"; do
  if [ -e "$f" ]; then
    printf '%s %s %s\n' "$f" "$(sha256sum < "$f" | cut -d' ' -f1)" "$(stat -c '%U:%G %a %Y' -- "$f")"
  else
    printf '%s absent\n' "$f"
  fi
done
if [ -n "$dir" ]; then printf 'files %s\n' "$(find "$dir" -mindepth 1 -maxdepth 1 -printf '%f\n' | sort | tr '\n' ' ')"; fi
