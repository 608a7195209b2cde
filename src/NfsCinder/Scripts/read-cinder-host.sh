#!/bin/sh
# What the Cinder backend cmdlets decide from, in one round trip. Arguments: KEY CONF PATH...
# KEY: the option that names a shares file (C#'s CinderNfsOptions.SharesConfig).
# Prints sections:
#   files           CONF, each PATH and every file CONF names under KEY, in
#                   lib/files.sh's format
#   mounts          /proc/self/mounts (never blocks, even on a dead NFS server)
#   cinder-version  the installed Cinder's version, or nothing
. ./lib/sections.sh
. ./lib/files.sh
. ./lib/cinder-host.sh
section files
key=$1
shift
emit_with_references "$key" "$@"
section mounts
cat /proc/self/mounts
section cinder-version
cinder_version
section end
