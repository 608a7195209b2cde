<#
    A real OpenSSH sshd on 127.0.0.1 for the session and runner tests, with throwaway keys.
    It runs in its own mount namespace, where copies of /etc/passwd, shadow, group and
    sudoers.d add three test users, so the tests change nothing on the machine itself:
      nfsc-nopass  sudo without password      nfsc-pass  sudo with password
      nfsc-nosudo  no sudo at all             root       key login
    Processes are tracked and stopped by PID only.
#>
Set-StrictMode -Version Latest
. (Join-Path $PSScriptRoot 'Sshd.ps1')

$NamespaceScript = @'
set -e
dir=$1
exec </dev/null >/dev/null 2>&1
for f in passwd shadow group; do mount --bind "$dir/etc/$f" "/etc/$f"; done
mount --bind "$dir/etc/sudoers.d" /etc/sudoers.d
mkdir -p /run/sshd
exec /usr/sbin/sshd -D -E "$dir/sshd.log" -f "$dir/sshd_config"
'@

function New-TestKey([string] $Path, [string] $Passphrase = '', [string] $Type = 'ed25519') {
    & ssh-keygen -q -t $Type -N $Passphrase -C "nfscinder-test" -f $Path
    if ($LASTEXITCODE) { throw "ssh-keygen failed for $Path" }
}

function New-TestPassword {
    -join ((1..20) | ForEach-Object { [char](Get-Random -Minimum 97 -Maximum 123) }) + 'Q7!'
}

function Start-TestSshd {
    <# Starts sshd; returns a description of it (port, keys, users, known_hosts). #>
    [CmdletBinding()]
    param([string] $Root = (Join-Path ([IO.Path]::GetTempPath()) "nfscinder-sshd-$PID-$(Get-Random)"))

    $etc = Join-Path $Root 'etc'
    New-Item (Join-Path $etc 'sudoers.d'), (Join-Path $Root 'authorized_keys'), (Join-Path $Root 'home') -ItemType Directory -Force | Out-Null
    New-TestKey (Join-Path $Root 'ssh_host_ed25519_key')
    New-TestKey (Join-Path $Root 'other_host_ed25519_key')
    New-TestKey (Join-Path $Root 'id_ed25519')
    New-TestKey (Join-Path $Root 'unauthorized_ed25519')
    $passphrase = New-TestPassword
    New-TestKey (Join-Path $Root 'id_encrypted') -Passphrase $passphrase
    $sudoPassword = New-TestPassword
    $hash = (& openssl passwd -6 $sudoPassword).Trim()

    $users = [ordered]@{ 'nfsc-nopass' = 4901; 'nfsc-pass' = 4902; 'nfsc-nosudo' = 4903 }
    $passwd = (Get-Content /etc/passwd) + @($users.GetEnumerator() | ForEach-Object { "$($_.Key):x:$($_.Value):$($_.Value)::$Root/home/$($_.Key):/bin/sh" })
    $group = (Get-Content /etc/group) + @($users.GetEnumerator() | ForEach-Object { "$($_.Key):x:$($_.Value):" })
    $shadow = (Get-Content /etc/shadow) + @($users.Keys | ForEach-Object { "${_}:${hash}:19000:0:99999:7:::" })
    Set-Content (Join-Path $etc 'passwd') $passwd
    Set-Content (Join-Path $etc 'group') $group
    Set-Content (Join-Path $etc 'shadow') $shadow
    & chmod 640 (Join-Path $etc 'shadow')
    Get-ChildItem /etc/sudoers.d -File -ErrorAction SilentlyContinue | Copy-Item -Destination (Join-Path $etc 'sudoers.d')
    $sudoers = Join-Path $etc 'sudoers.d/nfscinder-test'
    Set-Content $sudoers "Defaults lecture=never`nnfsc-nopass ALL=(ALL) NOPASSWD: ALL`nnfsc-pass ALL=(ALL) ALL`n"
    & chmod 440 $sudoers

    $publicKey = Get-Content (Join-Path $Root 'id_ed25519.pub') -Raw
    $encryptedKey = Get-Content (Join-Path $Root 'id_encrypted.pub') -Raw
    foreach ($user in @('root') + $users.Keys) {
        Set-Content (Join-Path $Root "authorized_keys/$user") ($publicKey + $encryptedKey)
        if ($user -ne 'root') {
            $home = Join-Path $Root "home/$user"
            New-Item $home -ItemType Directory -Force | Out-Null
            & chown "$($users[$user]):$($users[$user])" $home
        }
    }

    $port = Get-FreeLoopbackPort
    New-SshdConfig -Root $Root -Port $port -AuthorizedKeysFile "$Root/authorized_keys/%u" -AllowPasswords
    $processId = Start-NamespacedSshd -NamespaceScript $NamespaceScript -Root $Root -Port $port

    $knownHosts = Join-Path $Root 'known_hosts'
    $hostKey = (Get-Content (Join-Path $Root 'ssh_host_ed25519_key.pub') -Raw).Split(' ')
    Set-Content $knownHosts "[127.0.0.1]:$port $($hostKey[0]) $($hostKey[1])"
    [pscustomobject]@{
        Pid               = $processId
        Port              = $port
        Root              = $Root
        KeyFile           = Join-Path $Root 'id_ed25519'
        UnauthorizedKey   = Join-Path $Root 'unauthorized_ed25519'
        EncryptedKeyFile  = Join-Path $Root 'id_encrypted'
        KeyPassphrase     = ConvertTo-SecureString $passphrase -AsPlainText -Force
        SudoPassword      = ConvertTo-SecureString $sudoPassword -AsPlainText -Force
        SudoPasswordPlain = $sudoPassword
        KnownHostsPath    = $knownHosts
        HostKeyPublic     = Join-Path $Root 'ssh_host_ed25519_key.pub'
        OtherHostKeyPublic = Join-Path $Root 'other_host_ed25519_key.pub'
        LogPath           = Join-Path $Root 'sshd.log'
    }
}

function Get-TestSshdChildPid {
    <# PIDs of every process below the sshd listener (its per-connection processes). #>
    param([Parameter(Mandatory)] $Server)
    Get-ChildProcessId $Server.Pid
}

function Stop-TestSshd {
    <# Kills the listener and every process below it, by PID. #>
    param([Parameter(Mandatory)] $Server)
    Stop-ProcessTree $Server.Pid
    if ($Server.Root -and (Test-Path $Server.Root)) { Remove-Item $Server.Root -Recurse -Force -ErrorAction SilentlyContinue }
}

Export-ModuleMember -Function Start-TestSshd, Stop-TestSshd, Get-TestSshdChildPid
