#!/bin/sh
# Reads a client's NFS mounts in one round trip (Nfs/MountState). Arguments: SECONDS
# Prints sections (lib/sections.sh): mounts (the nfs and nfs4 lines of /proc/mounts, which
# never blocks); df ("ok<TAB>MOUNTPOINT<TAB>DF ROW" per mount, or "noresponse<TAB>MOUNTPOINT"
# when df -P -B1 did not answer within SECONDS: a dead server); fstab (/etc/fstab's bytes);
# then end. Read-only; the df probes run in parallel.
. ./lib/sections.sh
t=$1
section mounts
awk '$3 == "nfs" || $3 == "nfs4"' /proc/mounts
section df
# /proc/mounts escapes space, tab, newline and backslash as \ooo; decode them for df.
awk 'function d(s,  r, i, c) {
    r = ""
    for (i = 1; i <= length(s); i++) {
      c = substr(s, i, 1)
      if (c == "\\" && substr(s, i + 1, 3) ~ /^[0-7][0-7][0-7]$/) { r = r sprintf("%c", substr(s, i + 1, 1) * 64 + substr(s, i + 2, 1) * 8 + substr(s, i + 3, 1)); i += 3 }
      else r = r c
    }
    return r
  }
  $3 == "nfs" || $3 == "nfs4" { print d($2) }' /proc/mounts |
# The loop runs in the pipeline's subshell, so the wait for its jobs must too.
{
  while IFS= read -r mp; do
    (
      if row=$(timeout -k 1 "$t" df -P -B1 -- "$mp" 2>/dev/null | tail -n 1) && [ -n "$row" ]; then
        printf 'ok\t%s\t%s\n' "$mp" "$row"
      else
        printf 'noresponse\t%s\n' "$mp"
      fi
    ) &
  done
  wait
}
section fstab
cat /etc/fstab 2>/dev/null
section end
