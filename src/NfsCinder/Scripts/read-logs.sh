#!/bin/sh
# Greps the logs where the known NFS/Cinder failures show up (Diagnosis/LogCollector).
# Arguments: MAXBYTES JOURNAL COUNT ANCHOR... FILE...
# COUNT literal anchors follow, then the files. A FILE that starts with JOURNAL is a journal
# of this boot: JOURNAL"kernel" the kernel's (journalctl -k), JOURNAL"U1,U2" that of the
# units U1 and U2. A FILE with a * in it is a pattern: every file it matches is read (the
# libvirt qemu logs, one per domain). A file up to MAXBYTES long is grepped whole, so line numbers
# are exact; a longer one in its last MAXBYTES, with "offset N" giving the lines before that
# tail. Prints sections (lib/sections.sh): log:FILE for each file that exists ("unreadable",
# or "offset N" then grep -n's matching lines), then mounts (/proc/self/mounts). Read-only.
. ./lib/sections.sh
max=$1 journal=$2 n=$3
shift 3
# grep -F takes newline-separated patterns; a trailing newline would be an empty pattern that matches every line.
nl='
'
i=0 pats=
while [ "$i" -lt "$n" ]; do
  if [ -z "$pats" ]; then pats=$1; else pats="$pats$nl$1"; fi
  shift
  i=$((i + 1))
done
# One file: a section with its matching lines.
read_file() {
  file=$1
  [ -e "$file" ] || return 0
  section "log:$file"
  if [ ! -r "$file" ]; then echo 'unreadable'; return 0; fi
  size=$(stat -c %s -- "$file")
  if [ "$size" -le "$max" ]; then
    echo 'offset 0'
    grep -n -i -F -- "$pats" "$file"
  else
    before=$(head -c $((size - max)) -- "$file" | wc -l)
    echo "offset $before"
    tail -c "$max" -- "$file" | grep -n -i -F -- "$pats"
  fi
}
for f in "$@"; do
  case $f in
    "$journal"*)
      command -v journalctl >/dev/null 2>&1 || continue
      section "log:$f"
      echo 'offset 0'
      if [ "$f" = "${journal}kernel" ]; then
        journalctl -k -b --no-pager -o short-iso 2>/dev/null | grep -n -i -F -- "$pats"
      else
        units=
        for u in $(printf '%s\n' "${f#"$journal"}" | tr ',' ' '); do units="$units -u $u"; done
        # shellcheck disable=SC2086 # one word per -u and unit
        journalctl -b --no-pager -o short-iso $units 2>/dev/null | grep -n -i -F -- "$pats"
      fi ;;
    *'*'*)
      # A pattern, expanded here (split at newlines only, so a space in a path is kept).
      old=$IFS
      IFS='
'
      # shellcheck disable=SC2086 # the expansion is the point
      for g in $f; do IFS=$old; read_file "$g"; done
      IFS=$old ;;
    *) read_file "$f" ;;
  esac
done
section mounts
cat /proc/self/mounts
exit 0
