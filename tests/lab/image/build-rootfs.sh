#!/bin/sh
# Builds the lab's Debian 12 root filesystem into DIR: one image for every role
# (nfs1, cinder1, compute1); the seed disk given at boot sets name, role, keys, network.
# Usage: build-rootfs.sh DIR MIRROR     (as root; the lab passes the host's own apt mirror)
# Everything the image holds comes from this folder, so its hash keys the image cache.
set -eu
dir=$1 mirror=$2
here=$(cd "$(dirname "$0")" && pwd)

debootstrap --variant=minbase \
  --include=systemd-sysv,linux-image-amd64,openssh-server,nfs-kernel-server,nfs-common,rpcbind,iproute2,procps,kmod,sudo,crudini,selinux-utils,selinux-basics,selinux-policy-default,policycoreutils \
  bookworm "$dir" "$mirror"

# cinder-volume's postinst needs /proc and a resolvable host name; no service may start.
mount -t proc proc "$dir/proc"
trap 'umount "$dir/proc" 2>/dev/null || true' EXIT
printf '#!/bin/sh\nexit 101\n' > "$dir/usr/sbin/policy-rc.d"
chmod 755 "$dir/usr/sbin/policy-rc.d"
echo "127.0.0.1 localhost $(hostname)" > "$dir/etc/hosts"
chroot "$dir" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends cinder-volume
# compute1's hypervisor: libvirt's qemu driver and qemu itself (TCG inside the guest).
# The default NAT network (libvirt-daemon-config-network) is a recommend left out: the
# attach test needs no guest network.
chroot "$dir" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
  libvirt-daemon-system libvirt-daemon-driver-qemu libvirt-clients qemu-system-x86 qemu-utils nova-common
# What Debian's policy lacks for libvirt to start a domain at all under enforcing SELinux.
cp "$here/files/nfscinder-lab-libvirt.cil" "$dir/tmp/"
chroot "$dir" semodule -i /tmp/nfscinder-lab-libvirt.cil
rm "$dir/tmp/nfscinder-lab-libvirt.cil"

# The guests have no route out, so keep the package lists and the NFS packages' .debs:
# removing a package and installing it again with apt then works offline, which is how
# Install-NfsServer is tested live.
chroot "$dir" apt-get clean
chroot "$dir" apt-get install -y -q --reinstall --download-only nfs-kernel-server nfs-common rpcbind >/dev/null
# Keep the file as the package shipped it, for the INI editor's tests.
cp "$dir/etc/cinder/cinder.conf" "$dir/root/cinder.conf.shipped"
# A self-contained Cinder: sqlite, no message bus, no Keystone. NFS is the module's job.
while read -r section key value; do
  case "$section" in ''|'#'*) continue ;; esac
  chroot "$dir" crudini --set /etc/cinder/cinder.conf "$section" "$key" "$value"
done < "$here/files/cinder-lab.ini"
chroot "$dir" su -s /bin/sh cinder -c 'cinder-manage db sync' >/dev/null
mkdir -p "$dir/etc/systemd/system/cinder-volume.service.d"
cp "$here/files/cinder-volume-lab-role.conf" "$dir/etc/systemd/system/cinder-volume.service.d/lab-role.conf"

# The seed service applies each VM's identity at boot.
install -m 755 "$here/files/lab-seed" "$dir/usr/local/sbin/lab-seed"
mkdir -p "$dir/mnt/lab-seed"
install -m 644 "$here/files/lab-seed.service" "$dir/etc/systemd/system/lab-seed.service"
chroot "$dir" systemctl enable lab-seed.service systemd-networkd.service cinder-volume.service >/dev/null 2>&1
chroot "$dir" systemctl mask apt-daily.timer apt-daily-upgrade.timer e2scrub_all.timer man-db.timer fstrim.timer >/dev/null 2>&1 || true
echo 'PermitRootLogin prohibit-password' > "$dir/etc/ssh/sshd_config.d/lab.conf"
echo 'UseDNS no' >> "$dir/etc/ssh/sshd_config.d/lab.conf"
rm -f "$dir"/etc/ssh/ssh_host_* "$dir/usr/sbin/policy-rc.d" "$dir/etc/resolv.conf"
: > "$dir/etc/resolv.conf"
# compute1 boots with SELinux enforcing, so every file needs the policy's label. The
# labels are written here as xattrs (mkfs.ext4 -d copies them into the disk), because a
# relabel at boot would cost minutes under TCG on every run.
chroot "$dir" setfiles -F -e /proc /etc/selinux/default/contexts/files/file_contexts /
umount "$dir/proc"
trap - EXIT
