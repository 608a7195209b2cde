# Facts about the nova installation of a compute host, for the nova probes.
# nova_pybasedir: the folder holding the nova package this host's python3 imports (nova's
# default $pybasedir, which its default state_path is), or nothing; found without importing nova.
nova_pybasedir() {
  command -v python3 >/dev/null 2>&1 || return 0
  python3 -c 'import importlib.util as u, os.path as p
s = u.find_spec("nova")
if s and s.submodule_search_locations: print(p.dirname(p.abspath(list(s.submodule_search_locations)[0])))' 2>/dev/null
  return 0
}
