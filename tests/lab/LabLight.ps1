# Light hosts of the lab: sshd processes on 127.0.0.1, each in its own mount namespace with
# copy-on-write overlays over /etc and /var. Each has its own /etc/exports, /etc/cinder,
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

function Initialize-LightHostRoot {
    # The files a light host starts with, in its overlay upper layers.
    param([string] $Root, [string] $CinderConf)
    $etc = Join-Path $Root 'etc-upper'
    $var = Join-Path $Root 'var-upper'
    foreach ($dir in "$etc/cinder", "$etc/exports.d", "$var/lib/nfs", "$var/log/cinder", "$Root/etc-work", "$Root/var-work") {
        New-Item $dir -ItemType Directory -Force | Out-Null
    }
    $id = $LightCinderId
    Set-Content "$etc/passwd" ((Get-Content /etc/passwd | Where-Object { $_ -notmatch '^cinder:' }) + "cinder:x:${id}:${id}:OpenStack Cinder:/var/lib/cinder:/usr/sbin/nologin")
    Set-Content "$etc/group" ((Get-Content /etc/group | Where-Object { $_ -notmatch '^cinder:' }) + "cinder:x:${id}:")
    Set-Content "$etc/exports" "# /etc/exports: the access control list for filesystems which may be exported`n"
    Copy-Item /etc/fstab "$etc/fstab" -ErrorAction SilentlyContinue
    if ($CinderConf -and (Test-Path $CinderConf)) { Copy-Item $CinderConf "$etc/cinder/cinder.conf" }
    else { Set-Content "$etc/cinder/cinder.conf" "[DEFAULT]`nenabled_backends = lvm`n" }
    & chown -R "0:$id" "$etc/cinder"
    & chmod 750 "$etc/cinder"
    & chmod 640 "$etc/cinder/cinder.conf"
    & chown "${id}:adm" "$var/log/cinder"
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
