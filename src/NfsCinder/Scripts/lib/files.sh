#!/bin/sh
# emit_file PATH: prints PATH, then "present OWNER GROUP MODE" and the file's bytes as one
# base64 line (no length to race a file that changes meanwhile), "absent", or "unreadable
# REASON" for one that is there but cannot be read (a directory, no permission). Read in C#
# by Files/RemoteFile.ParseFiles.
emit_file() {
  printf '%s\n' "$1"
  if [ ! -e "$1" ]; then
    printf 'absent\n'
  elif [ -d "$1" ]; then
    printf 'unreadable is a directory\n'
  elif meta=$(stat -L -c '%U %G %a' -- "$1" 2>&1) && data=$(base64 -w0 -- "$1" 2>&1); then
    printf 'present %s\n%s\n' "$meta" "$data"
  else
    printf 'unreadable %s\n' "$(printf '%s' "${data:-$meta}" | tr '\n' ' ')"
  fi
}

# referenced_paths KEY FILE: the paths FILE may name as "KEY = /path" or "KEY: '/path'" (one
# per line, each once). A prefetch hint, not a reading of the file: C# decides what the config
# means (Cinder/IniDocument) and reads in a second round trip any file it names that this
# missed ($state_path, a continuation line), so a line it takes wrongly costs a file read.
referenced_paths() {
  [ -r "$2" ] || return 0
  sed -n "s/^[[:space:]]*$1[[:space:]]*[=:][[:space:]]*[\"']\{0,1\}\([^[:space:]#;\"']*\).*/\1/p" -- "$2" | sort -u
}

# emit_with_references KEY PATH...: emit_file for each PATH, then for every path the first
# one names under KEY that is not among them.
emit_with_references() {
  key=$1
  shift
  for path in "$@"; do emit_file "$path"; done
  [ -n "$key" ] || return 0
  referenced_paths "$key" "$1" | while read -r path; do
    for given in "$@"; do [ "$given" = "$path" ] && continue 2; done
    emit_file "$path"
  done
}
