#!/bin/sh
# Reads a host's facts in one round trip (Hosts/HostProbe). Arguments: PACKAGE...
# Read-only and never fails; every probe is guarded with command -v, silences stderr, reads no
# stdin and runs under timeout when there is one, so it runs on bash and dash, CentOS 6
# through Ubuntu 24.04, as root or not. Prints sections (lib/sections.sh): os-release;
# redhat-release (first line); init (exe=, comm=, systemd-booted=, upstart=); selinux
# (getenforce=, selinuxfs=, enforce=, config=); cinder (the cinder user's passwd line);
# packages ("dpkg NAME WANT FLAG STATUS" or "rpm NAME" for each PACKAGE the package manager
# knows); tools (NAME=PATH); kernel; hostname; id (uid); then end.
. ./lib/sections.sh
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH
LC_ALL=C
export PATH LC_ALL
exec </dev/null 2>/dev/null
nc_to=$(command -v timeout 2>/dev/null)
nc_run() { if [ -n "$nc_to" ]; then "$nc_to" 20 "$@"; else "$@"; fi; }
section os-release
for f in /etc/os-release /usr/lib/os-release; do
  if [ -r "$f" ]; then cat "$f" 2>/dev/null; break; fi
done
section redhat-release
for f in /etc/redhat-release /etc/centos-release /etc/system-release; do
  if [ -r "$f" ]; then head -n 1 "$f" 2>/dev/null; break; fi
done
section init
printf 'exe=%s\n' "$(readlink /proc/1/exe 2>/dev/null)"
c=$(cat /proc/1/comm 2>/dev/null)
[ -n "$c" ] || c=$(ps -p 1 -o comm= 2>/dev/null)
printf 'comm=%s\n' "$c"
if [ -d /run/systemd/system ]; then echo 'systemd-booted=yes'; else echo 'systemd-booted=no'; fi
u=no
if command -v initctl >/dev/null 2>&1; then
  case "$(nc_run initctl --version 2>/dev/null)" in *upstart*) u=yes ;; esac
fi
printf 'upstart=%s\n' "$u"
section selinux
if command -v getenforce >/dev/null 2>&1; then
  printf 'getenforce=%s\n' "$(nc_run getenforce 2>/dev/null)"
fi
for d in /sys/fs/selinux /selinux; do
  if [ -r "$d/enforce" ]; then
    printf 'selinuxfs=%s\nenforce=%s\n' "$d" "$(cat "$d/enforce" 2>/dev/null)"
    break
  fi
done
if [ -r /etc/selinux/config ]; then
  printf 'config=%s\n' "$(sed -n 's/^[[:space:]]*SELINUX[[:space:]]*=//p' /etc/selinux/config 2>/dev/null | tail -n 1)"
fi
section cinder
if command -v getent >/dev/null 2>&1; then
  nc_run getent passwd cinder 2>/dev/null
elif [ -r /etc/passwd ]; then
  grep '^cinder:' /etc/passwd 2>/dev/null
fi
section packages
if [ "$#" -gt 0 ]; then
  if command -v dpkg-query >/dev/null 2>&1; then
    # shellcheck disable=SC2016 # ${Package} and ${Status} are dpkg-query's fields, not the shell's
    nc_run dpkg-query -W -f='dpkg ${Package} ${Status}\n' "$@" 2>/dev/null
  fi
  if command -v rpm >/dev/null 2>&1; then
    nc_run rpm -q --qf 'rpm %{NAME}\n' "$@" 2>/dev/null
  fi
fi
section tools
for t in dnf yum apt-get systemctl service chkconfig initctl update-rc.d; do
  p=$(command -v "$t" 2>/dev/null) && printf '%s=%s\n' "$t" "$p"
done
section kernel
uname -r 2>/dev/null
section hostname
uname -n 2>/dev/null
section id
id -u 2>/dev/null
section end
exit 0
