# Light hosts of the lab: sshd processes on 127.0.0.1, each in its own mount namespace with
# copy-on-write overlays over /etc and /var. Each has its own /etc/exports, /etc/cinder, /etc/nova,
# /etc/fstab, /var/lib/nfs and /var/log/cinder, sees the machine's binaries, and changes
# nothing outside its folder. No kernel NFS: they serve config-level tests and fan-out.
# Dot-sourced by Lab.psm1.

$script:LightNamespaceScript = @'
set -e
dir=$1
exec </dev/null >/dev/null 2>&1
mount -t overlay overlay -o "lowerdir=/etc,upperdir=$dir/etc-upper,workdir=$dir/etc-work" /etc
mount -t overlay overlay -o "lowerdir=/var,upperdir=$dir/var-upper,workdir=$dir/var-work" /var
mkdir -p /run/sshd
exec /usr/sbin/sshd -D -E "$dir/sshd.log" -f "$dir/sshd_config"
'@

# Debian's cinder package creates this uid/gid; light hosts use the same, like the VMs.
$script:LightCinderId = 64061
# nova-common's system user gets the next free one; light hosts take the next number.
$script:LightNovaId = 64062
# /etc/nova/nova.conf as Debian's nova-common 2:26.2.2-1~deb12u5 installs it.
$script:LightNovaConf = Join-Path $PSScriptRoot '../fixtures/nova/debian12-nova.conf.shipped'

function Initialize-LightHostRoot {
    # The files a light host starts with, in its overlay upper layers.
    param([string] $Root, [string] $CinderConf)
    $etc = Join-Path $Root 'etc-upper'
    $var = Join-Path $Root 'var-upper'
    foreach ($dir in "$etc/cinder", "$etc/nova", "$etc/exports.d", "$var/lib/nfs", "$var/log/cinder", "$Root/etc-work", "$Root/var-work") {
        New-Item $dir -ItemType Directory -Force | Out-Null
    }
    $id = $LightCinderId
    $nova = $LightNovaId
    Set-Content "$etc/passwd" ((Get-Content /etc/passwd | Where-Object { $_ -notmatch '^(cinder|nova):' }) +
        "cinder:x:${id}:${id}:OpenStack Cinder:/var/lib/cinder:/usr/sbin/nologin" + "nova:x:${nova}:${nova}:OpenStack Nova:/var/lib/nova:/usr/sbin/nologin")
    Set-Content "$etc/group" ((Get-Content /etc/group | Where-Object { $_ -notmatch '^(cinder|nova):' }) + "cinder:x:${id}:" + "nova:x:${nova}:")
    Set-Content "$etc/exports" "# /etc/exports: the access control list for filesystems which may be exported`n"
    Copy-Item /etc/fstab "$etc/fstab" -ErrorAction SilentlyContinue
    if ($CinderConf -and (Test-Path $CinderConf)) { Copy-Item $CinderConf "$etc/cinder/cinder.conf" }
    else { Set-Content "$etc/cinder/cinder.conf" "[DEFAULT]`nenabled_backends = lvm`n" }
    & chown -R "0:$id" "$etc/cinder"
    & chmod 750 "$etc/cinder"
    & chmod 640 "$etc/cinder/cinder.conf"
    & chown "${id}:adm" "$var/log/cinder"
    # As nova-common's postinst leaves them: /etc/nova nova:nova 0750, nova.conf root:nova 0640.
    Copy-Item $LightNovaConf "$etc/nova/nova.conf"
    & chown "${nova}:${nova}" "$etc/nova"
    & chmod 750 "$etc/nova"
    & chown "0:${nova}" "$etc/nova/nova.conf"
    & chmod 640 "$etc/nova/nova.conf"
}

function Start-LabLightHost {
    <# Starts $Count light hosts named light1..N; returns their lab description entries. #>
    param([int] $Count, [string] $StateDir, [string] $KeyFile, [string] $KnownHosts, [string] $CinderConf)
    foreach ($number in 1..$Count) {
        $name = "light$number"
        $root = Join-Path $StateDir "light/$name"
        if (Test-Path $root) { Remove-Item $root -Recurse -Force }
        New-Item $root -ItemType Directory -Force | Out-Null
        Initialize-LightHostRoot -Root $root -CinderConf $CinderConf
        & ssh-keygen -q -t ed25519 -N '' -C "root@$name" -f (Join-Path $root 'ssh_host_ed25519_key')
        Copy-Item "$KeyFile.pub" (Join-Path $root 'authorized_keys')
        $port = Get-FreeLoopbackPort
        New-SshdConfig -Root $root -Port $port -AuthorizedKeysFile (Join-Path $root 'authorized_keys')
        $processId = Start-NamespacedSshd -NamespaceScript $LightNamespaceScript -Root $root -Port $port
        $hostKey = (Get-Content (Join-Path $root 'ssh_host_ed25519_key.pub') -Raw).Split(' ')
        Add-Content $KnownHosts "[127.0.0.1]:$port $($hostKey[0]) $($hostKey[1])"
        [pscustomobject]@{
            Name = $name; Role = 'light'; Kind = 'light'; ComputerName = '127.0.0.1'; Port = $port; UserName = 'root'
            KeyFile = $KeyFile; KnownHostsPath = $KnownHosts; HostKey = "$($hostKey[0]) $($hostKey[1])"
            LabAddress = $null; Pid = $processId; Root = $root
        }
    }
}
