#!/bin/sh
# What the Cinder backend cmdlets decide from, in one round trip. Arguments: CONF PATH...
# Prints sections:
#   files           CONF, each PATH and every file CONF names under nfs_shares_config, in
#                   lib/files.sh's format
#   mounts          /proc/self/mounts (never blocks, even on a dead NFS server)
#   cinder-version  the installed Cinder's version, or nothing
. ./lib/sections.sh
. ./lib/files.sh
. ./lib/cinder-host.sh
section files
emit_with_references nfs_shares_config "$@"
section mounts
cat /proc/self/mounts
section cinder-version
cinder_version
section end
