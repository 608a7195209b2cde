<#
    The NfsCinder test lab: real Debian hosts for the integration tests and the demo.
    VM hosts (nfs1, cinder1, compute1) are QEMU guests under TCG booting an image this
    module builds once with debootstrap and caches outside the repo, keyed by a hash of
    the recipe in image/. Start writes a lab description file (lab.json) that the tests
    read; Stop ends exactly the processes Start recorded, by PID.
#>
Set-StrictMode -Version Latest
. (Join-Path $PSScriptRoot '../support/Sshd.ps1')
. (Join-Path $PSScriptRoot 'LabVm.ps1')
. (Join-Path $PSScriptRoot 'LabLight.ps1')
Import-Module (Join-Path $PSScriptRoot '../../build/Apt.psm1')

$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

function Get-LabStateDirectory {
    if ($env:NFSCINDER_LAB_STATE) { $env:NFSCINDER_LAB_STATE } else { Join-Path $RepoRoot 'tests/.work/lab' }
}

function Get-LabDescriptionPath {
    <# Where the tests find the lab: NFSCINDER_LAB_DESCRIPTION (your own hosts) or the started lab. #>
    if ($env:NFSCINDER_LAB_DESCRIPTION) { $env:NFSCINDER_LAB_DESCRIPTION } else { Join-Path (Get-LabStateDirectory) 'lab.json' }
}

function Get-LabCacheRoot {
    if ($env:NFSCINDER_LAB_CACHE) { return $env:NFSCINDER_LAB_CACHE }
    $base = if ($env:XDG_CACHE_HOME) { $env:XDG_CACHE_HOME } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.cache' }
    Join-Path $base 'nfscinder/lab'
}

function Get-LabImageKey {
    # Any change to the recipe (script or the files it copies) makes a new image.
    $sha = [Security.Cryptography.SHA256]::Create()
    $image = Join-Path $PSScriptRoot 'image'
    foreach ($file in Get-ChildItem $image -Recurse -File | Sort-Object FullName) {
        $relative = [IO.Path]::GetRelativePath($image, $file.FullName).Replace('\', '/')
        $bytes = [Text.Encoding]::UTF8.GetBytes($relative + "`n") + [IO.File]::ReadAllBytes($file.FullName)
        $null = $sha.TransformBlock($bytes, 0, $bytes.Length, $null, 0)
    }
    $null = $sha.TransformFinalBlock([byte[]]::new(0), 0, 0)
    -join ($sha.Hash[0..7] | ForEach-Object { $_.ToString('x2') })
}

function Get-HostDebianMirror {
    # The image comes from the same Debian mirror this machine's apt already uses.
    $deb822 = Get-ChildItem /etc/apt/sources.list.d -Filter '*.sources' -ErrorAction SilentlyContinue
    foreach ($file in $deb822) {
        foreach ($stanza in ((Get-Content $file.FullName -Raw) -split "(?:`r?`n){2,}")) {
            # $Matches holds the last -match, so the URIs match comes last.
            if ($stanza -match '(?m)^Types:.*\bdeb\b' -and $stanza -match '(?m)^Suites:.*\bbookworm\b(?!-)' -and $stanza -match '(?m)^URIs:\s*(\S+)') { return $Matches[1] }
        }
    }
    foreach ($line in Get-Content /etc/apt/sources.list -ErrorAction SilentlyContinue) {
        if ($line -match '^\s*deb\s+(\[[^\]]*\]\s+)?(\S+)\s+bookworm\s') { return $Matches[2] }
    }
    throw 'No Debian bookworm mirror found in /etc/apt/sources.list(.d); the lab image is built from it.'
}

function Install-LabPrerequisite {
    Install-AptPackage -For 'The lab' -Needed @{ 'qemu-system-x86_64' = 'qemu-system-x86'; 'qemu-img' = 'qemu-utils'; 'debootstrap' = 'debootstrap'; 'mkfs.ext4' = 'e2fsprogs'; 'ssh-keygen' = 'openssh-client' }
}

function Get-LabImage {
    <# Returns the cached image (disk, kernel, initrd), building it first when the recipe changed. #>
    $key = Get-LabImageKey
    $cache = Join-Path (Get-LabCacheRoot) $key
    $image = @{ Key = $key; Disk = Join-Path $cache 'disk.img'; Kernel = Join-Path $cache 'vmlinuz'; Initrd = Join-Path $cache 'initrd.img' }
    if ((Test-Path $image.Disk) -and (Test-Path $image.Kernel) -and (Test-Path $image.Initrd)) { return $image }

    if ((& id -u) -ne '0') { throw 'Building the lab image needs root (debootstrap, chroot). Run as root once; later runs reuse the cached image.' }
    $work = "$cache.building"
    if (Test-Path $work) { Remove-Item $work -Recurse -Force }
    New-Item $work -ItemType Directory -Force | Out-Null
    $rootfs = Join-Path $work 'rootfs'
    $mirror = Get-HostDebianMirror
    Write-Host "Building the lab image $key (debootstrap, cinder-volume); this takes a few minutes once."
    $watch = [Diagnostics.Stopwatch]::StartNew()
    & sh (Join-Path $PSScriptRoot 'image/build-rootfs.sh') $rootfs $mirror *> (Join-Path $work 'build.log')
    if ($LASTEXITCODE) { throw "The image recipe failed; see $(Join-Path $work 'build.log')" }
    $kernel = Get-ChildItem (Join-Path $rootfs 'boot') -Filter 'vmlinuz-*' | Select-Object -First 1
    $initrd = Get-ChildItem (Join-Path $rootfs 'boot') -Filter 'initrd.img-*' | Select-Object -First 1
    Copy-Item $kernel.FullName (Join-Path $work 'vmlinuz')
    Copy-Item $initrd.FullName (Join-Path $work 'initrd.img')
    Copy-Item (Join-Path $rootfs 'etc/cinder/cinder.conf') (Join-Path $work 'cinder.conf')
    Copy-Item (Join-Path $rootfs 'root/cinder.conf.shipped') (Join-Path $work 'cinder.conf.shipped')
    & mkfs.ext4 -q -F -L labroot -d $rootfs (Join-Path $work 'disk.img') 4G | Out-Null
    if ($LASTEXITCODE) { throw 'mkfs.ext4 could not turn the root filesystem into a disk image' }
    Remove-Item $rootfs -Recurse -Force
    if (Test-Path $cache) { Remove-Item $cache -Recurse -Force }
    Move-Item $work $cache
    Write-Host ("Lab image built in {0:0} s: {1}" -f $watch.Elapsed.TotalSeconds, $cache)
    $image
}

function Wait-LabVm {
    # Ready means: our key logs in (so sshd runs with the seeded host key) and boot finished.
    param([pscustomobject] $VmHost, [datetime] $Deadline)
    $ssh = @('-o', 'BatchMode=yes', '-o', 'ConnectTimeout=5', '-o', "UserKnownHostsFile=$($VmHost.KnownHostsPath)", '-o', 'StrictHostKeyChecking=yes',
        '-i', $VmHost.KeyFile, '-p', $VmHost.Port, "$($VmHost.UserName)@$($VmHost.ComputerName)")
    while ([DateTime]::UtcNow -lt $Deadline) {
        if (-not (Test-Path "/proc/$($VmHost.Pid)")) { throw "$($VmHost.Name) (qemu PID $($VmHost.Pid)) exited; see $($VmHost.ConsoleLog)" }
        $state = & ssh @ssh 'timeout 60 systemctl is-system-running --wait' 2>$null
        if ($state -in 'running', 'degraded') { return $state }
        Start-Sleep -Seconds 2
    }
    throw "$($VmHost.Name) did not become ready in time (its boot ran past the lab's deadline); see $($VmHost.ConsoleLog)"
}

function Start-Lab {
    <#
        Builds or reuses the image, boots the VMs in parallel, waits for them, writes lab.json.
        -CinderConf: the cinder.conf light hosts start with (default: the image's, when VMs
        are started; else a two-line stub). The bench passes Debian's shipped file so light
        hosts edit the real thing without an image.
    #>
    [CmdletBinding()]
    # 900 s: a TCG guest boots in about a minute here, but a 2-core machine running a second lab
    # and builds beside it took cinder1 past 300 s; the bound only matters when a guest hangs.
    param([string[]] $Hosts = @($LabVmDefinitions.Keys), [int] $LightHosts = 0, [int] $TimeoutSec = 900, [string] $CinderConf)
    # A file asked for must be there: Initialize-LightHostRoot would quietly use the stub.
    if ($CinderConf -and -not (Test-Path $CinderConf -PathType Leaf)) { throw "-CinderConf '$CinderConf' does not exist." }
    $unknown = @($Hosts | Where-Object { -not $LabVmDefinitions.Contains($_) })
    if ($unknown) { throw "Unknown lab host(s): $($unknown -join ', '). Known: $($LabVmDefinitions.Keys -join ', ')" }
    if ((Get-LabStatus | Where-Object Running)) { throw 'A lab is already running; stop it first (./build.ps1 -Task Lab -Action Stop).' }
    Install-LabPrerequisite
    $image = if ($Hosts) { Get-LabImage } else { $null }
    $stateDir = Get-LabStateDirectory
    if (Test-Path $stateDir) { Remove-Item $stateDir -Recurse -Force }
    New-Item $stateDir -ItemType Directory -Force | Out-Null
    $watch = [Diagnostics.Stopwatch]::StartNew()

    $keyFile = Join-Path $stateDir 'id_ed25519'
    & ssh-keygen -q -t ed25519 -N '' -C 'nfscinder-lab' -f $keyFile
    $knownHosts = Join-Path $stateDir 'known_hosts'
    $linkPorts = @(Get-FreeLoopbackPort; Get-FreeLoopbackPort)
    $vmHosts = [Collections.Generic.List[object]]::new()
    # nfs1 listens on both links, so it starts first; the others connect to it.
    $ordered = @('nfs1', 'cinder1', 'compute1' | Where-Object { $_ -in $Hosts -or ($_ -eq 'nfs1' -and @($Hosts).Count) })
    $linkOf = @{ cinder1 = $linkPorts[0]; compute1 = $linkPorts[1] }
    foreach ($name in $ordered) {
        $definition = $LabVmDefinitions[$name]
        $seed = New-LabSeedDisk -Name $name -Definition $definition -StateDir $stateDir -ClientPublicKey "$keyFile.pub"
        $port = Get-FreeLoopbackPort
        $links = if ($name -eq 'nfs1') { $linkPorts } else { @($linkOf[$name]) }
        $processId = Start-LabVm -Name $name -Definition $definition -Image $image -StateDir $stateDir -SshPort $port -LinkPorts $links -SeedDisk $seed
        $hostKey = (Get-Content (Join-Path $stateDir "$name-seed/ssh_host_ed25519_key.pub") -Raw).Split(' ')
        Add-Content $knownHosts "[127.0.0.1]:$port $($hostKey[0]) $($hostKey[1])"
        $vmHosts.Add([pscustomobject]@{
            Name = $name; Role = $definition.Role; Kind = 'vm'; ComputerName = '127.0.0.1'; Port = $port; UserName = 'root'
            KeyFile = $keyFile; KnownHostsPath = $knownHosts; HostKey = "$($hostKey[0]) $($hostKey[1])"
            LabAddress = $definition.Address; LabAddress6 = $definition.Address6; Pid = $processId; ConsoleLog = Join-Path $stateDir "$name.console.log"
        })
    }
    $booted = $watch.Elapsed.TotalSeconds
    # Light hosts start while the VMs boot; they take milliseconds each.
    $lightConf = if ($CinderConf) { (Resolve-Path $CinderConf).Path } elseif ($image) { Join-Path (Split-Path $image.Disk) 'cinder.conf' } else { $null }
    $lights = if ($LightHosts -gt 0) { @(Start-LabLightHost -Count $LightHosts -StateDir $stateDir -KeyFile $keyFile -KnownHosts $knownHosts -CinderConf $lightConf) } else { @() }
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    foreach ($vm in $vmHosts) { $null = Wait-LabVm -VmHost $vm -Deadline $deadline }
    $all = @($vmHosts) + $lights
    $description = [pscustomobject]@{ Created = [DateTime]::UtcNow.ToString('o'); Image = if ($image) { $image.Key } else { $null }; StateDirectory = $stateDir; Hosts = $all }
    $description | ConvertTo-Json -Depth 4 | Set-Content (Join-Path $stateDir 'lab.json')
    Write-Host ("Lab ready in {0:0} s ({1:0} s to launch): {2}" -f $watch.Elapsed.TotalSeconds, $booted, (($all | ForEach-Object { "$($_.Name)=127.0.0.1:$($_.Port)" }) -join ', '))
    $description
}

function Get-LabStatus {
    <# What the lab started and whether each process still runs. #>
    $path = Join-Path (Get-LabStateDirectory) 'lab.json'
    # PID files exist from launch on, so a Start that failed halfway is still stoppable.
    $pending = @(Get-ChildItem (Get-LabStateDirectory) -Filter '*.pid' -ErrorAction SilentlyContinue) +
        @(Get-ChildItem (Join-Path (Get-LabStateDirectory) 'light/*/sshd.pid') -ErrorAction SilentlyContinue)
    $described = if (Test-Path $path) { @((Get-Content $path -Raw | ConvertFrom-Json).Hosts) } else { @() }
    $names = @($described | ForEach-Object Name) + @($pending | ForEach-Object { if ($_.Name -eq 'sshd.pid') { $_.Directory.Name } else { $_.BaseName } }) | Sort-Object -Unique
    foreach ($name in $names) {
        $entry = $described | Where-Object Name -eq $name | Select-Object -First 1
        $pidFile = @((Join-Path (Get-LabStateDirectory) "$name.pid"), (Join-Path (Get-LabStateDirectory) "light/$name/sshd.pid")) | Where-Object { Test-Path $_ } | Select-Object -First 1
        $processId = if ($entry) { [int]$entry.Pid } elseif ($pidFile) { [int](Get-Content $pidFile -Raw).Trim() } else { 0 }
        $kind = if ($entry) { $entry.Kind } elseif ($name -like 'light*') { 'light' } else { 'vm' }
        [pscustomobject]@{
            Name = $name; Kind = $kind; Role = if ($entry) { $entry.Role } else { $null }
            Port = if ($entry) { $entry.Port } else { $null }; Pid = $processId; Running = (Test-LabProcess $processId $name)
            MemoryMB = Get-ProcessMemoryMB $processId
        }
    }
}

function Get-ProcessMemoryMB([int] $ProcessId) {
    # Resident memory, as the machine pays for it (VmRSS in /proc/PID/status).
    $status = Get-Content "/proc/$ProcessId/status" -ErrorAction SilentlyContinue | Where-Object { $_ -like 'VmRSS:*' }
    if ($status -match '(\d+)\s*kB') { [math]::Round([int]$Matches[1] / 1024) } else { $null }
}

function Test-LabProcess([int] $ProcessId, [string] $Name) {
    # A PID only counts as ours while its command line still names this lab VM.
    if ($ProcessId -le 0 -or -not (Test-Path "/proc/$ProcessId/cmdline")) { return $false }
    $cmdline = (Get-Content "/proc/$ProcessId/cmdline" -Raw -ErrorAction SilentlyContinue) -replace "`0", ' '
    ($cmdline -like "*nfscinder-lab-$Name *" -or $cmdline -like "*/light/$Name/sshd_config*") -and $cmdline -like "*$(Get-LabStateDirectory)*"
}

function Stop-Lab {
    <# Ends the lab's processes by PID (TERM, then KILL after 10 s) and removes its disks. #>
    [CmdletBinding()]
    param()
    $running = @(Get-LabStatus | Where-Object Running)
    # Light hosts: sshd and its sessions; VMs: qemu, which shuts down on TERM.
    foreach ($light in $running | Where-Object Kind -eq 'light') { Stop-ProcessTree $light.Pid }
    foreach ($vm in $running | Where-Object Kind -ne 'light') { & kill -TERM $vm.Pid 2>$null }
    $deadline = [DateTime]::UtcNow.AddSeconds(10)
    while (($running | Where-Object { Test-LabProcess $_.Pid $_.Name }) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }
    foreach ($vm in $running | Where-Object { Test-LabProcess $_.Pid $_.Name }) { & kill -KILL $vm.Pid 2>$null }
    $stateDir = Get-LabStateDirectory
    # Overlays, seed disks and seed folders (they hold the throwaway host keys) go; logs stay.
    Get-ChildItem $stateDir -Include '*.qcow2', '*.pid', '*-seed.img' -Recurse -ErrorAction SilentlyContinue | Remove-Item -Force
    Get-ChildItem $stateDir -Directory -Filter '*-seed' -ErrorAction SilentlyContinue | Remove-Item -Recurse -Force
    if (Test-Path (Join-Path $stateDir 'light')) { Remove-Item (Join-Path $stateDir 'light') -Recurse -Force }
    if (Test-Path (Join-Path $stateDir 'lab.json')) { Remove-Item (Join-Path $stateDir 'lab.json') -Force }
    foreach ($vm in $running) { Write-Host "Stopped $($vm.Name) (PID $($vm.Pid))" }
}

Export-ModuleMember -Function Start-Lab, Stop-Lab, Get-LabStatus, Get-LabImage, Get-LabDescriptionPath, Get-LabImageKey
