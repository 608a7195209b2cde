<#
.SYNOPSIS
    The main job, run on the lab as an admin would write it as a runbook: the whole seed
    workflow through the module's cmdlets. NFS export on nfs1, showmount and a test mount from
    cinder1, the Cinder NFS backend with a restart of the real cinder-volume, then
    Test-CinderNfsBackend (must be all Pass) and Find-NfsCinderProblem. It ends where the seed
    ends, on compute1 (libvirt, qemu, SELinux enforcing): nova's options from the backend, a
    volume file on the share mounted where nova mounts it, an attach that fails while
    virt_use_nfs is off, the diagnosis that names Enable-VirtUseNfs, the fix, the attach that
    works, and Test-NovaNfsHost (must be all Pass). Exits non-zero when any step or check fails.
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

Show 'Verification: Test-CinderNfsBackend -Session $cinder'
$checks = Test-CinderNfsBackend -Session $cinder
$checks | Format-Table | Out-Wide

Show 'Diagnosis: Find-NfsCinderProblem -Session $cinder, $compute -Since <start of this run>'
$findings = Find-NfsCinderProblem -Session $cinder, $compute -Since $startedAt
if ($findings) { $findings | Format-Table | Out-Wide } else { Write-Host 'No known NFS/Cinder failure logged since this run started.' }

Show 'Section 4: compute1 attaches the volume (nova.conf from the backend, SELinux enforcing)'
$backend | Set-NovaNfsSetting -Session $compute -WarningAction SilentlyContinue | Format-List ComputerName, MountPointBase, MountOptions, Changed | Out-Wide
Get-VirtUseNfs -Session $compute | Format-Table ComputerName, SELinuxMode, Name, Value, PersistentValue | Out-Wide
# The seed's starting point: virt_use_nfs off (for this boot; earlier runs may have left it on).
Disable-VirtUseNfs -Session $compute -Temporary | Out-Null
$guest = Join-Path $PSScriptRoot 'support/guest'
$volume = 'volume-0d3c7a52-94d1-4bb4-a3c8-demo00000001'
# A volume file as Cinder's NFS driver leaves it (raw, 0666 with nas_secure_file_permissions=false).
Invoke-NfsCinderCommand -Session $nfs -ArgumentList sh, -c, 'qemu-img create -q -f raw "$1" 16M && chown "$2:$2" "$1" && chmod 0666 "$1"', sh, "/nfs/cinder/$volume", $cinderUid | Out-Null
$nova = Get-NovaNfsSetting -Session $compute
# Mounted as nova's libvirt driver mounts it: os-brick's RemoteFsClient, <nfs_mount_point_base>/<md5>.
$mountPoint = (Invoke-NfsCinderCommand -Session $compute -ArgumentList python3, -c, (Get-Content (Join-Path $guest 'nova-mount.py') -Raw), $backend.Shares[0].Share, $nova.MountPointBase, "$($nova.MountOptions)").StandardOutput.Trim()
Invoke-NfsCinderCommand -Session $compute -ArgumentList sh, -c, 'printf "%s" "$1" > /run/nfscinder-attach.xml && virsh create /run/nfscinder-attach.xml --paused >/dev/null', sh, (Get-Content (Join-Path $guest 'attach-domain.xml') -Raw) | Out-Null
$computeStart = [datetime]::ParseExact((Invoke-NfsCinderCommand -Session $compute -ArgumentList date, '+%Y-%m-%d %H:%M:%S').StandardOutput.Trim(), 'yyyy-MM-dd HH:mm:ss', $null)
function Invoke-Attach {
    (Invoke-NfsCinderCommand -Session $compute -ArgumentList sh, -c, 'virsh attach-disk nfscinder-attach "$1" vdb --targetbus virtio --driver qemu --subdriver raw 2>&1; echo "exit $?"', sh, "$mountPoint/$volume").StandardOutput.Trim()
}
Write-Host "virsh attach-disk nfscinder-attach $mountPoint/$volume vdb  (virt_use_nfs off)"
$firstAttach = Invoke-Attach
Write-Host $firstAttach
Show 'Diagnosis on compute1: Find-NfsCinderProblem -Session $compute -Since <the attach>'
$computeFindings = @(Find-NfsCinderProblem -Session $compute -Since $computeStart)
$computeFindings | Format-Table | Out-Wide
$named = @($computeFindings | Where-Object Fix -like 'Enable-VirtUseNfs*')
Show 'The fix the diagnosis names: Enable-VirtUseNfs -Session $compute'
Enable-VirtUseNfs -Session $compute | Format-Table ComputerName, SELinuxMode, Name, Value, PersistentValue, Changed | Out-Wide
Write-Host "virsh attach-disk nfscinder-attach $mountPoint/$volume vdb  (virt_use_nfs on)"
$secondAttach = Invoke-Attach
Write-Host $secondAttach
Show 'Verification: $backend | Test-NovaNfsHost -Session $compute'
$novaChecks = @($backend | Test-NovaNfsHost -Session $compute)
$novaChecks | Format-Table | Out-Wide
Invoke-NfsCinderCommand -Session $compute -ArgumentList sh, -c, 'virsh destroy nfscinder-attach >/dev/null; rm -f /run/nfscinder-attach.xml; umount "$1"', sh, $mountPoint | Out-Null
Invoke-NfsCinderCommand -Session $nfs -ArgumentList rm, -f, "/nfs/cinder/$volume" | Out-Null

$sessions | Remove-NfsCinderSession
$attachProblems = @(
    if ($firstAttach -notmatch 'Permission denied') { 'the attach with virt_use_nfs off did not fail as the seed says' }
    if ($named.Count -eq 0) { 'Find-NfsCinderProblem did not name Enable-VirtUseNfs' }
    if ($secondAttach -notmatch 'Disk attached successfully') { 'the attach after Enable-VirtUseNfs failed' }
)
foreach ($problem in $attachProblems) { Write-Host "Attach: $problem." -ForegroundColor Red }
$failed = @(@($checks) + @($novaChecks) | Where-Object Status -ne 'Pass')
if ($attachProblems.Count -gt 0) { exit 1 }
if ($failed.Count -gt 0) {
    Write-Host "`nNot all green: $($failed.Count) check(s) did not pass." -ForegroundColor Red
    exit 1
}
Write-Host "`nAll $($checks.Count + $novaChecks.Count) checks passed: the NFS share is a working Cinder backend, and compute1 attached its volume once virt_use_nfs was on." -ForegroundColor Green
