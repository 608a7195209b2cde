<#
.SYNOPSIS
    The main job, run on the lab as an admin would type it: sections 1, 2 and 4 of the
    seed workflow through the module's cmdlets. The Cinder backend's end-to-end run and
    the diagnosis come with issue 5; this script says so instead of pretending.
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
$nfsAddress = ($lab.Hosts | Where-Object Name -eq 'nfs1').LabAddress
$subnet = ($nfsAddress -replace '\.\d+$', '.0') + '/24'
$cinderUid = (Get-NfsCinderHost -Session $cinder).CinderUid

Write-Host '== Section 1: the NFS server (Install-NfsServer, New-NfsExport -Apply)'
Install-NfsServer -Session $nfs | Format-List ComputerName, Role, Packages, Services, Changed | Out-Host
New-NfsExport -Session $nfs -Path /nfs/cinder -Client "$subnet(rw,sync,no_subtree_check)" -CreateDirectory -Owner $cinderUid -Group $cinderUid -Mode 0775 -Apply |
    Format-List Server, Path, Clients, IsLive, SourceFile, Changed | Out-Host

Write-Host '== Section 2: cinder1 as NFS client (showmount -e, mount, df, unmount)'
Install-NfsClient -Session $cinder | Format-List ComputerName, Role, Services, Changed | Out-Host
Get-NfsRemoteExport -Session $cinder -Server $nfsAddress | Format-Table ComputerName, Server, Path, Clients | Out-Host
Mount-NfsShare -Session $cinder -Server $nfsAddress -ExportPath /nfs/cinder -MountPath /root/nfsshare -CreateMountPoint | Out-Null
Get-NfsMount -Session $cinder | Format-Table Source, MountPath, Version, SizeBytes, UsedBytes, UsePercent, Responding | Out-Host
Get-NfsMount -Session $cinder -MountPath /root/nfsshare | Dismount-NfsShare | Out-Null

Write-Host '== Section 4: SELinux on compute1 (Get-VirtUseNfs, Enable-VirtUseNfs)'
Get-VirtUseNfs -Session $compute | Format-Table ComputerName, SELinuxMode, Name, Value, PersistentValue | Out-Host
Enable-VirtUseNfs -Session $compute | Format-Table ComputerName, SELinuxMode, Name, Value, PersistentValue, Changed | Out-Host

Write-Host @'
== Still to come (issue 5): Set-CinderNfsBackend -Restart on cinder1 proven against the real
   cinder-volume, Test-CinderNfsBackend, and the log diagnosis cmdlet.
'@
$sessions | Remove-NfsCinderSession
