#!/bin/sh
# What the nova.conf cmdlets decide from, in one round trip (Nova/NovaHostState). Arguments: CONF
# Prints sections:
#   files      CONF in lib/files.sh's format
#   pybasedir  the folder that holds the nova package this host's python3 imports (nova's
#              default $pybasedir, which its default state_path is), or nothing; found without
#              importing nova
. ./lib/sections.sh
. ./lib/files.sh
section files
emit_file "$1"
section pybasedir
if command -v python3 >/dev/null 2>&1; then
  python3 -c 'import importlib.util as u, os.path as p
s = u.find_spec("nova")
if s and s.submodule_search_locations: print(p.dirname(p.abspath(list(s.submodule_search_locations)[0])))' 2>/dev/null
fi
section end
exit 0
