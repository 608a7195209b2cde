#!/bin/sh
# Greps the logs where the known NFS/Cinder failures show up (Diagnosis/LogCollector).
# Arguments: MAXBYTES JOURNAL COUNT ANCHOR... FILE...
# COUNT literal anchors follow, then the files; a FILE equal to JOURNAL is the kernel journal
# of this boot (journalctl -k). A file up to MAXBYTES long is grepped whole, so line numbers
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
for f in "$@"; do
  if [ "$f" = "$journal" ]; then
    command -v journalctl >/dev/null 2>&1 || continue
    section "log:$f"
    echo 'offset 0'
    journalctl -k -b --no-pager -o short-iso 2>/dev/null | grep -n -i -F -- "$pats"
    continue
  fi
  [ -e "$f" ] || continue
  section "log:$f"
  if [ ! -r "$f" ]; then echo 'unreadable'; continue; fi
  size=$(stat -c %s -- "$f")
  if [ "$size" -le "$max" ]; then
    echo 'offset 0'
    grep -n -i -F -- "$pats" "$f"
  else
    before=$(head -c $((size - max)) -- "$f" | wc -l)
    echo "offset $before"
    tail -c "$max" -- "$f" | grep -n -i -F -- "$pats"
  fi
done
section mounts
cat /proc/self/mounts
exit 0
