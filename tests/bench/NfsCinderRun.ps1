<#
    One timed NfsCinder pass, run by the bench as a fresh `dotnet pwsh -NoProfile -File`
    under GNU time: import the built module, open a session to each of the first -Count
    light hosts, Set-CinderNfsBackend on all of them, close the sessions. Writes the
    in-process timings and each host's Changed to -ResultPath (JSON); exits 1 on any error.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $LabDescription,
    [Parameter(Mandatory)] [int] $Count,
    [Parameter(Mandatory)] [string] $ResultPath,
    [int] $ThrottleLimit = 32,
    [string] $Share = '10.40.0.1:/srv/nfs/cinder',
    [string] $BackendName = 'nfs',
    # Cinder's own default (nfs_shares_config); the module's default is /etc/cinder/nfsshares.
    [string] $SharesFile = '/etc/cinder/nfs_shares'
)
$ErrorActionPreference = 'Stop'
# No progress bars: output goes to a log file, as Ansible's does.
$ProgressPreference = 'SilentlyContinue'
$clock = [Diagnostics.Stopwatch]::StartNew()

Import-Module $ModuleManifest
$importSeconds = $clock.Elapsed.TotalSeconds

$lab = Get-Content $LabDescription -Raw | ConvertFrom-Json
# light1..lightN in numeric order, the same hosts the Ansible inventory for N lists.
$hosts = @($lab.Hosts | Where-Object Kind -eq 'light' | Sort-Object { [int]($_.Name -replace '\D') } | Select-Object -First $Count)
if ($hosts.Count -ne $Count) { throw "The lab has $($hosts.Count) light hosts; $Count asked for." }
$common = @{ UserName = $hosts[0].UserName; KeyFilePath = $hosts[0].KeyFile; KnownHostsPath = $hosts[0].KnownHostsPath }

# The sessions open in parallel, host:port each, as a user with many hosts would.
$start = $clock.Elapsed.TotalSeconds
$sessions = @(New-NfsCinderSession -ComputerName ($hosts | ForEach-Object { "$($_.ComputerName):$($_.Port)" }) @common -ThrottleLimit $ThrottleLimit)
$sessionSeconds = $clock.Elapsed.TotalSeconds - $start

$start = $clock.Elapsed.TotalSeconds
# Errors of single hosts are non-terminating: collect them and fail the run below.
$backends = @(Set-CinderNfsBackend -Session $sessions -Share $Share -BackendName $BackendName -SharesFile $SharesFile -ThrottleLimit $ThrottleLimit -ErrorAction Continue -ErrorVariable hostErrors)
$setSeconds = $clock.Elapsed.TotalSeconds - $start

$start = $clock.Elapsed.TotalSeconds
Remove-NfsCinderSession -Session $sessions
$closeSeconds = $clock.Elapsed.TotalSeconds - $start

[pscustomobject]@{
    Count = $Count
    ThrottleLimit = $ThrottleLimit
    ImportSeconds = [math]::Round($importSeconds, 3)
    SessionSeconds = [math]::Round($sessionSeconds, 3)
    SetSeconds = [math]::Round($setSeconds, 3)
    CloseSeconds = [math]::Round($closeSeconds, 3)
    TotalSeconds = [math]::Round($clock.Elapsed.TotalSeconds, 3)
    # Port identifies the host whatever name the session got.
    Hosts = @($backends | ForEach-Object { [pscustomobject]@{ Port = $_.Session.Port; Name = $_.Session.Name; Changed = $_.Changed; Backups = @($_.BackupPaths) } })
    Errors = @($hostErrors | ForEach-Object { "$_" })
} | ConvertTo-Json -Depth 4 | Set-Content $ResultPath
Write-Host ("{0} host(s): sessions {1:0.000} s, Set-CinderNfsBackend {2:0.000} s, {3} changed, {4} error(s)" -f $Count, $sessionSeconds, $setSeconds, @($backends | Where-Object Changed).Count, @($hostErrors).Count)
if (@($hostErrors).Count -or $backends.Count -ne $Count) { exit 1 }
