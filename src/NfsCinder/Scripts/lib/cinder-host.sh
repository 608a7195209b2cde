#!/bin/sh
# Where a package-installed cinder-volume lives. RDO names its unit openstack-cinder-volume,
# Debian and Ubuntu cinder-volume, devstack c-vol.

# volume_unit_state: "UNIT<TAB>STATE<TAB>SINCE" of the first volume unit this host has (STATE
# as systemctl is-active says it, SINCE its ActiveEnterTimestamp), or nothing: one systemctl
# call for the three names, which costs a second each under emulation.
volume_unit_state() {
  systemctl show -p Id -p LoadState -p ActiveState -p ActiveEnterTimestamp \
      openstack-cinder-volume.service cinder-volume.service devstack@c-vol.service 2>/dev/null |
    awk 'function out() { if (load == "loaded" && !done) { sub(/[.]service$/, "", id); printf "%s\t%s\t%s\n", id, state, since; done = 1 } }
      /^Id=/ { id = substr($0, 4) } /^LoadState=/ { load = substr($0, 11) } /^ActiveState=/ { state = substr($0, 13) }
      /^ActiveEnterTimestamp=/ { since = substr($0, 22) }
      /^$/ { out(); id = load = state = since = "" }
      END { out() }'
}

# volume_unit: prints the volume unit this host has, or nothing.
volume_unit() {
  volume_unit_state | cut -f1
}

# volume_log: prints the volume log (Debian and Ubuntu's name, then RDO's), or nothing.
volume_log() {
  for f in /var/log/cinder/cinder-volume.log /var/log/cinder/volume.log; do
    if [ -f "$f" ]; then printf '%s\n' "$f"; return 0; fi
  done
}

# cinder_version: the installed Cinder's version, from its Python package's metadata, or nothing.
cinder_version() {
  for d in /usr/lib/python3/dist-packages/cinder-*-info /usr/lib/python3*/site-packages/cinder-*-info \
           /usr/local/lib/python3*/dist-packages/cinder-*-info /usr/lib/python2*/site-packages/cinder-*-info; do
    [ -d "$d" ] || continue
    v=${d##*/cinder-}
    printf '%s\n' "${v%%[-.][a-z]*-info}"
    return 0
  done
}
