#!/bin/sh
# Reads files in one round trip (RemoteFile.ReadAll). Arguments: KEY PATH...
# Prints every PATH in lib/files.sh's format; with a KEY, also every file the first PATH names
# under KEY (lib/files.sh's referenced_paths), so a config and its files cost one read.
. ./lib/files.sh
key=$1
shift
emit_with_references "$key" "$@"
