<#
.SYNOPSIS
    The main job, run on the lab as an admin would type it. Today the module holds the
    foundation (sessions, the safe runner, host facts); the workflow cmdlets (exports,
    mounts, the Cinder backend, virt_use_nfs, diagnosis) come with the next issues, and
    this script says so instead of pretending.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $LabDescription
)
$ErrorActionPreference = 'Stop'
Import-Module $ModuleManifest
$lab = Get-Content $LabDescription -Raw | ConvertFrom-Json

Write-Host "`n== Sessions to the lab hosts (key login, host keys checked against known_hosts)"
$sessions = foreach ($entry in $lab.Hosts) {
    New-NfsCinderSession -ComputerName $entry.ComputerName -Port $entry.Port -UserName $entry.UserName `
        -KeyFilePath $entry.KeyFile -KnownHostsPath $entry.KnownHostsPath -Name $entry.Name
}
$sessions | Format-Table | Out-Host

Write-Host '== Get-NfsCinderHost -Session $sessions   (one round trip per host)'
Get-NfsCinderHost -Session $sessions | Format-Table | Out-Host

$nfs = $sessions | Where-Object Name -eq 'nfs1'
$cinder = $sessions | Where-Object Name -eq 'cinder1'
$compute = $sessions | Where-Object Name -eq 'compute1'
Write-Host '== What the workflow cmdlets will automate, shown with Invoke-NfsCinderCommand (argv, never shell text)'
if ($nfs) { Invoke-NfsCinderCommand -Session $nfs -ArgumentList exportfs, -v -Verbose | Format-Table | Out-Host }
if ($cinder) { Invoke-NfsCinderCommand -Session $cinder -ArgumentList systemctl, is-active, cinder-volume -AllowedExitCode 0, 3 | Format-Table | Out-Host }
if ($compute) { Invoke-NfsCinderCommand -Session $compute -ArgumentList getsebool, virt_use_nfs | Format-Table | Out-Host }

Write-Host @'
== Not built yet (issues 4 and 5): New-NfsExport on nfs1, Get-NfsRemoteExport from cinder1,
   Set-CinderNfsBackend -Restart on cinder1, Enable-VirtUseNfs on compute1, Test-CinderNfsBackend.
'@
$sessions | Remove-NfsCinderSession
