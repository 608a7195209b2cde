<#
.SYNOPSIS
    The main job, run on the lab as an admin would write it as a runbook: the whole seed
    workflow through the module's cmdlets. NFS export on nfs1, showmount and a test mount from
    cinder1, the Cinder NFS backend with a restart of the real cinder-volume, virt_use_nfs on
    compute1, then Test-CinderNfsBackend (must be all Pass) and Find-NfsCinderProblem.
    Exits non-zero when any step or check fails.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $LabDescription
)
$ErrorActionPreference = 'Stop'
Import-Module $ModuleManifest
$lab = Get-Content $LabDescription -Raw | ConvertFrom-Json
$vms = $lab.Hosts | Where-Object Kind -eq 'vm'
function Show([string] $Title) { Write-Host "`n== $Title" -ForegroundColor Cyan }
# Runbooks and CI logs have no console width: give tables room instead of wrapping at 80 columns.
function Out-Wide { $input | Out-String -Width 200 | Write-Host }

Show 'Sessions to the lab hosts (key login, host keys checked against known_hosts)'
$sessions = foreach ($entry in $vms) {
    New-NfsCinderSession -ComputerName $entry.ComputerName -Port $entry.Port -UserName $entry.UserName `
        -KeyFilePath $entry.KeyFile -KnownHostsPath $entry.KnownHostsPath -Name $entry.Name
}
$sessions | Format-Table | Out-Wide
$nfs = $sessions | Where-Object Name -eq 'nfs1'
$cinder = $sessions | Where-Object Name -eq 'cinder1'
$compute = $sessions | Where-Object Name -eq 'compute1'
$nfsAddress = ($vms | Where-Object Name -eq 'nfs1').LabAddress
$subnet = ($nfsAddress -replace '\.\d+$', '.0') + '/24'
$startedAt = [datetime]::ParseExact(
    (Invoke-NfsCinderCommand -Session $cinder -ArgumentList date, '+%Y-%m-%d %H:%M:%S').StandardOutput.Trim(), 'yyyy-MM-dd HH:mm:ss', $null)

Show 'Get-NfsCinderHost -Session $sessions   (one round trip per host)'
Get-NfsCinderHost -Session $sessions | Format-Table | Out-Wide
$cinderUid = (Get-NfsCinderHost -Session $cinder).CinderUid

Show 'Section 1: the NFS server on nfs1 (Install-NfsServer, New-NfsExport -Apply, owned by the cinder uid)'
Install-NfsServer -Session $nfs | Format-List ComputerName, Role, Packages, Services, Changed | Out-Wide
$export = New-NfsExport -Session $nfs -Path /nfs/cinder -Client "$subnet(rw,sync,no_subtree_check)" `
    -CreateDirectory -Owner $cinderUid -Group $cinderUid -Mode 0775 -Apply
$export | Format-List Server, Path, Share, Clients, IsLive, SourceFile, Changed | Out-Wide

Show 'Section 2: cinder1 as NFS client (showmount -e, mount, df, unmount)'
Install-NfsClient -Session $cinder | Format-List ComputerName, Role, Services, Changed | Out-Wide
Get-NfsRemoteExport -Session $cinder -Server $nfsAddress | Format-Table ComputerName, Server, Path, Clients | Out-Wide
Mount-NfsShare -Session $cinder -Server $nfsAddress -ExportPath /nfs/cinder -MountPath /root/nfsshare -CreateMountPoint | Out-Null
Get-NfsMount -Session $cinder -MountPath /root/nfsshare | Format-Table Source, MountPath, Version, SizeBytes, UsedBytes, UsePercent, Responding | Out-Wide
Get-NfsMount -Session $cinder -MountPath /root/nfsshare | Dismount-NfsShare | Out-Null

Show 'Section 3: the export becomes a Cinder backend ($export | Set-CinderNfsBackend -Session $cinder -Restart)'
$backend = $export | Set-CinderNfsBackend -Session $cinder -Restart
$backend | Format-List BackendName, Layout, ConfigFile, SharesFile, Shares, MountPoints, Changed, BackupPaths, Restarted | Out-Wide

Show 'Section 4: SELinux on compute1 (Get-VirtUseNfs, Enable-VirtUseNfs)'
Get-VirtUseNfs -Session $compute | Format-Table ComputerName, SELinuxMode, Name, Value, PersistentValue | Out-Wide
Enable-VirtUseNfs -Session $compute | Format-Table ComputerName, SELinuxMode, Name, Value, PersistentValue, Changed | Out-Wide

Show 'Verification: Test-CinderNfsBackend -Session $cinder'
$checks = Test-CinderNfsBackend -Session $cinder
$checks | Format-Table | Out-Wide

Show 'Diagnosis: Find-NfsCinderProblem -Session $cinder, $compute -Since <start of this run>'
$findings = Find-NfsCinderProblem -Session $cinder, $compute -Since $startedAt
if ($findings) { $findings | Format-Table | Out-Wide } else { Write-Host 'No known NFS/Cinder failure logged since this run started.' }

$sessions | Remove-NfsCinderSession
$failed = @($checks | Where-Object Status -ne 'Pass')
if ($failed.Count -gt 0) {
    Write-Host "`nNot all green: $($failed.Count) check(s) did not pass." -ForegroundColor Red
    exit 1
}
Write-Host "`nAll $($checks.Count) checks passed: the NFS share is a working Cinder backend." -ForegroundColor Green
