#!/bin/sh
# The apply step of an export change (Commands/NfsExportCmdletBase). Arguments:
# DIRECTORY OWNER GROUP MODE PREPARE EXPORT
# With PREPARE = 1, creates DIRECTORY (with parents) and sets OWNER, GROUP and MODE where
# given and different; with EXPORT = 1, then runs exportfs -rav. The directory's own status
# lines are "@@dir created" or "@@dir exists", then "@@dir changed" when its owner, group or
# mode changed; they start with "@@dir " so they stay apart from exportfs's output.
# Exit 3: the directory could not be made; 4: its owner, group or mode could not be set.
prepare() {
  d=$1 owner=$2 group=$3 mode=$4
  if [ -d "$d" ]; then echo '@@dir exists'; else mkdir -p -- "$d" || exit 3; echo '@@dir created'; fi
  # user group mode uid gid: an owner or group given as a number matches the uid or gid.
  meta=$(stat -c '%U %G %a %u %g' -- "$d") || exit 4
  set -f
  # shellcheck disable=SC2086 # split stat's five words into $1..$5 on purpose
  set -- $meta
  set +f
  c=0
  if [ -n "$owner" ] && [ "$owner" != "$1" ] && [ "$owner" != "$4" ]; then chown -- "$owner" "$d" || exit 4; c=1; fi
  if [ -n "$group" ] && [ "$group" != "$2" ] && [ "$group" != "$5" ]; then chgrp -- "$group" "$d" || exit 4; c=1; fi
  if [ -n "$mode" ] && [ "$mode" != "$3" ]; then chmod -- "$mode" "$d" || exit 4; c=1; fi
  if [ "$c" = 1 ]; then echo '@@dir changed'; fi
  return 0
}
if [ "$5" = 1 ]; then prepare "$1" "$2" "$3" "$4" || exit $?; fi
if [ "$6" = 1 ]; then exportfs -rav; fi
