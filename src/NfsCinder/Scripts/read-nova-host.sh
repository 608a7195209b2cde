#!/bin/sh
# What the nova cmdlets decide from, in one round trip (Nova/NovaHostState). Arguments: CONF BOOLEAN
# Prints sections:
#   files      CONF in lib/files.sh's format
#   pybasedir  the folder holding the nova package python3 imports (lib/nova.sh), or nothing
#   mount-nfs  the path of mount.nfs, or nothing when the NFS client is not installed
#   selinux    getenforce's word (Enforcing, Permissive, Disabled), or nothing without it
#   boolean    BOOLEAN's value now (on or off), or nothing when the policy has no such boolean
#   domain     the context libvirt starts qemu in (the policy's virtual_domain_context), or nothing
#   daemon     the context of the running libvirtd or virtqemud, or nothing when none runs
#   hypervisor "NAME PATH" for each of libvirtd, virtqemud, qemu-system-x86_64, qemu-kvm found
#   mounts     /proc/self/mounts
. ./lib/sections.sh
. ./lib/files.sh
. ./lib/nova.sh
conf=$1 boolean=$2
section files
emit_file "$conf"
section pybasedir
nova_pybasedir
section mount-nfs
for p in /sbin/mount.nfs /usr/sbin/mount.nfs; do
  if [ -x "$p" ]; then echo "$p"; break; fi
done
section selinux
command -v getenforce >/dev/null 2>&1 && getenforce 2>/dev/null
section boolean
if command -v getsebool >/dev/null 2>&1 && v=$(getsebool "$boolean" 2>/dev/null); then echo "${v##* }"; fi
section domain
type=$(awk -F= '$1 == "SELINUXTYPE" { print $2 }' /etc/selinux/config 2>/dev/null)
[ -n "$type" ] && sed -n '1p' "/etc/selinux/$type/contexts/virtual_domain_context" 2>/dev/null
section daemon
for d in libvirtd virtqemud; do
  pid=$(pidof -s "$d" 2>/dev/null) || continue
  tr -d '\0' < "/proc/$pid/attr/current" 2>/dev/null && echo && break
done
section hypervisor
for p in libvirtd virtqemud qemu-system-x86_64 qemu-kvm; do
  if w=$(command -v "$p" 2>/dev/null); then printf '%s %s\n' "$p" "$w"
  elif [ -x "/usr/libexec/$p" ]; then printf '%s %s\n' "$p" "/usr/libexec/$p"
  fi
done
section mounts
cat /proc/self/mounts
section end
exit 0
