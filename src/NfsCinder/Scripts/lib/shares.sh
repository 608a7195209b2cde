#!/bin/sh
# share_server SHARE: the server of server:/path or [v6]:/path, without brackets
# (the rule of Nfs/NfsShareAddress.Split in C#).
share_server() {
  s=${1%%:/*}
  s=${s#\[}
  printf '%s\n' "${s%\]}"
}

# share_candidates FILE...: every word of the files' non-comment lines that holds ":/", each
# once. The files' meaning is C#'s to decide (Cinder/CinderSharesFile); a host probe checks
# every candidate and C# keeps the results of the shares it reads there.
share_candidates() {
  for f in "$@"; do
    [ -r "$f" ] && grep -v '^#' -- "$f"
  done | tr -d '\r' | tr -s '[:blank:]' '[\n*]' | grep ':/' | sed 's/\\040/ /g' | sort -u
}
