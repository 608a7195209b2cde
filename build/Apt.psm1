<#
    The one Debian package installer of the build, the lab and the bench: each installs what
    its commands need when they are missing, and only as root.
#>
Set-StrictMode -Version Latest

# How long to wait for another apt (a second build on this machine, unattended-upgrades) to
# let go of apt's locks.
$script:LockWait = [TimeSpan]::FromMinutes(10)

function Install-AptPackage {
    <#
        Installs the Debian packages of the commands (path or name -> package) that are missing;
        needs root. -NoServiceStart keeps the packages from starting their services (a system
        sshd on port 22) through policy-rc.d.
    #>
    param(
        [Parameter(Mandatory)] [Collections.IDictionary] $Needed,
        [Parameter(Mandatory)] [string] $For,
        [switch] $NoServiceStart
    )
    $missing = @($Needed.GetEnumerator() | Where-Object { -not (Get-Command $_.Key -CommandType Application -ErrorAction SilentlyContinue) } |
            ForEach-Object Value | Sort-Object -Unique)
    if (-not $missing) { return }
    if (-not $IsLinux -or (& id -u) -ne '0') {
        throw "$For needs: $($missing -join ', '). Install them (apt-get install $($missing -join ' ')) or run as root so the build can."
    }
    Write-Host "Installing $($missing -join ', ') with apt-get ($For)"
    $env:DEBIAN_FRONTEND = 'noninteractive'
    Invoke-AptGet 'update', '-qq'
    $policy = '/usr/sbin/policy-rc.d'
    $addPolicy = $NoServiceStart -and -not (Test-Path $policy)
    if ($addPolicy) { Set-Content $policy "#!/bin/sh`nexit 101`n"; & chmod 755 $policy }
    try { Invoke-AptGet (@('install', '-y', '-qq', '--no-install-recommends') + $missing) }
    finally { if ($addPolicy) { Remove-Item $policy -Force } }
}

function Invoke-AptGet {
    <#
        apt-get, waiting while another apt holds its locks: install waits for dpkg's lock by
        itself (DPkg::Lock::Timeout), update does not, so it is tried again while the lock is
        held. Any other failure stops at once, with apt's own words.
    #>
    param([Parameter(Mandatory)] [string[]] $ArgumentList)
    $deadline = [DateTime]::UtcNow + $script:LockWait
    $arguments = @('-o', "DPkg::Lock::Timeout=$([int]$script:LockWait.TotalSeconds)") + $ArgumentList
    while ($true) {
        $output = @(& apt-get @arguments 2>&1 | ForEach-Object { "$_" })
        $code = $LASTEXITCODE
        if ($code -eq 0) { $output | Out-Host; return }
        $locked = ($output -join "`n") -match 'Could not get lock|Unable to lock'
        if (-not $locked -or [DateTime]::UtcNow -gt $deadline) {
            $output | Out-Host
            throw "'apt-get $($ArgumentList -join ' ')' failed with exit code $code."
        }
        Write-Host "apt is busy (another apt holds its lock); trying again in 5 s"
        Start-Sleep -Seconds 5
    }
}

Export-ModuleMember -Function Install-AptPackage
