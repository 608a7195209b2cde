#!/bin/sh
# Prints the volume unit (lib/cinder-host.sh's volume_unit); exits 3 when the host has none.
. ./lib/cinder-host.sh
unit=$(volume_unit)
[ -n "$unit" ] || exit 3
printf '%s\n' "$unit"
