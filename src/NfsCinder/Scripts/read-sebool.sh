#!/bin/sh
# Reads one SELinux boolean (Selinux/SeBooleanProbe). Arguments: NAME
# Prints mode=<getenforce> (mode=NotInstalled without SELinux tools), value=on|off (getsebool,
# the boolean now) and persistent=1|0|<empty> (the policy store's booleans.local, which
# setsebool -P writes; empty means the policy's default applies after a reboot).
b=$1
if ! command -v getenforce >/dev/null 2>&1; then echo mode=NotInstalled; exit 0; fi
echo "mode=$(getenforce 2>/dev/null)"
v=$(getsebool "$b" 2>/dev/null) && echo "value=${v##* }"
t=$(awk -F= '$1 == "SELINUXTYPE" { print $2 }' /etc/selinux/config 2>/dev/null)
# cat first: awk gives up at a missing file before its END block runs.
p=$(cat "/var/lib/selinux/${t:-targeted}/active/booleans.local" "/etc/selinux/${t:-targeted}/modules/active/booleans.local" 2>/dev/null |
  awk -F= -v b="$b" '{ gsub(/[ \t]/, "") } $1 == b { v = $2 } END { print v }')
echo "persistent=$p"
