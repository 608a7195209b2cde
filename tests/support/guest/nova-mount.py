# Mounts a Cinder NFS share on a compute host the way nova's libvirt NFS volume driver does,
# with os-brick's own RemoteFsClient (python3-os-brick), at <nfs_mount_point_base>/<md5 of share>.
# Usage: python3 -c "$(cat nova-mount.py)" SHARE MOUNT_POINT_BASE [OPTIONS]
# Prints the mount point.
import sys
from os_brick.remotefs import remotefs

share, base = sys.argv[1], sys.argv[2]
options = sys.argv[3] if len(sys.argv) > 3 and sys.argv[3] else None
# root_helper: this runs as root already; os-brick puts the helper before each mount command.
client = remotefs.RemoteFsClient('nfs', root_helper='env', nfs_mount_point_base=base, nfs_mount_options=options)
client.mount(share)
print(client.get_mount_point(share))
