# Section 3 of the workflow end to end on the lab's real cinder-volume: the export on nfs1,
# Set-CinderNfsBackend -Restart on cinder1, the real NfsDriver mounting the share under
# /var/lib/cinder/mnt/<md5> in secure mode, Test-CinderNfsBackend, and the diagnosis of the
# secure-mode fallback from cinder1's real log. (The SELinux denial on compute1 is produced by a
# real attach now: NovaAttach.Tests.ps1.)
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:InBuiltLab = $HasLab -and ((Get-LabHost nfs1).LabAddress -eq '10.40.0.1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Nfs = New-LabSession nfs1
    $script:Cinder = New-LabSession cinder1
    $script:NfsAddress = (Get-LabHost nfs1).LabAddress
    $script:Subnet = ($NfsAddress -replace '\.\d+$', '.0') + '/24'
    $script:CinderId = (Get-NfsCinderHost -Session $Cinder).CinderUid

    function Invoke-Sh($Session, [string] $Script) {
        (Invoke-NfsCinderCommand -Session $Session -ArgumentList (@('sh', '-c', $Script, 'sh') + $args)).StandardOutput
    }
    # cinder.conf and the shares file (content, owner, mode, time) and the names in /etc/cinder (backups show there).
    function Get-CinderFileState { Get-RemoteFileState -Session $Cinder -Path /etc/cinder/cinder.conf, /etc/cinder/nfsshares -Directory /etc/cinder }
    # A freshly booted cinder1 may not have written its log yet (cinder-volume takes a minute
    # to start under TCG): no log yet is offset 0.
    function Get-VolumeLogSize { [long](Invoke-Sh $Cinder 'if [ -e /var/log/cinder/cinder-volume.log ]; then stat -c %s /var/log/cinder/cinder-volume.log; else echo 0; fi') }
    function Get-VolumeLogSince([long] $Offset) { Invoke-Sh $Cinder 'tail -c +$(($1 + 1)) /var/log/cinder/cinder-volume.log' $Offset }

    # A clean start: no NFS backend and no shares file, the export owned by cinder's uid.
    Remove-CinderNfsBackend -Session $Cinder -Confirm:$false | Out-Null
    Invoke-Sh $Cinder 'rm -f /etc/cinder/nfsshares' | Out-Null
    Install-NfsServer -Session $Nfs | Out-Null
    $script:Export = New-NfsExport -Session $Nfs -Path /nfs/cinder -Client "$Subnet(rw,sync,no_subtree_check)" -CreateDirectory `
        -Owner $CinderId -Group $CinderId -Mode 0775 -Apply
    $script:Share = if ($InBuiltLab) { $Export.Share } else { "${NfsAddress}:/nfs/cinder" }
}

AfterAll {
    # cinder-volume never unmounts its shares, and later suites rework nfs1's exports: left
    # mounted, they would hang, and every later df on cinder1 would wait for them.
    if ($Cinder) { Invoke-Sh $Cinder 'awk ''$2 ~ "^/var/lib/cinder/mnt/" {print $2}'' /proc/self/mounts | while read -r m; do umount -l "$m"; done' | Out-Null }
    Get-NfsCinderSession | Remove-NfsCinderSession
}

Describe 'Section 3: the Cinder NFS backend on cinder1' -Tag 'Integration', 'Lab', 'VM', 'Cinder', 'CinderNfsBackend' -Skip:(-not $HasLab) {
    It 'rejects a bad share before touching anything' {
        $before = Get-CinderFileState
        { Set-CinderNfsBackend -Session $Cinder -Share 'nfs1-without-a-path' -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidShare,NfsCinder.Commands.SetCinderNfsBackendCommand'
        Get-CinderFileState | Should -Be $before
    }

    It 'changes nothing with -WhatIf' {
        $before = Get-CinderFileState
        Set-CinderNfsBackend -Session $Cinder -Share $Share -Restart -WhatIf | Should -BeNullOrEmpty
        Get-CinderFileState | Should -Be $before
    }

    It 'refuses the seed''s Default layout, which Cinder 10.0 and later do not read, before touching anything' {
        $before = Get-CinderFileState
        { Set-CinderNfsBackend -Session $Cinder -Share $Share -Layout Default -ErrorAction Stop } |
            Should -Throw -ErrorId 'DefaultLayoutNotSupported,NfsCinder.Commands.SetCinderNfsBackendCommand' -ExpectedMessage '*not supported since Ocata*-Layout MultiBackend*'
        Get-CinderFileState | Should -Be $before
    }

    It 'configures the backend from an NfsExport and restarts; the real NfsDriver mounts the share in secure mode' {
        $logOffset = Get-VolumeLogSize
        $backend = if ($InBuiltLab) { $Export | Set-CinderNfsBackend -Session $Cinder -Restart -RestartTimeoutSec 900 } else { Set-CinderNfsBackend -Session $Cinder -Share $Share -Restart -RestartTimeoutSec 900 }
        $backend.Changed | Should -BeTrue
        $backend.Restarted | Should -BeTrue
        $backend.Shares.Share | Should -Be $Share
        $md5 = -join ([Security.Cryptography.MD5]::Create().ComputeHash([Text.Encoding]::UTF8.GetBytes($Share)) | ForEach-Object { $_.ToString('x2') })
        $backend.MountPoints | Should -Be "/var/lib/cinder/mnt/$md5"

        # cinder-volume itself mounted it (Cinder's mount, not ours) ...
        Invoke-Sh $Cinder 'awk -v m="$1" ''$2 == m {print $1, $3}'' /proc/self/mounts' "/var/lib/cinder/mnt/$md5" | Should -Match "^$([regex]::Escape($Share)) nfs4?"
        # ... in secure mode: its indicator file is there, owned by cinder, and the log has no fallback.
        Invoke-Sh $Cinder 'stat -c %U "$1/.cinderSecureEnvIndicator"' "/var/lib/cinder/mnt/$md5" | Should -Be "cinder`n"
        $log = Get-VolumeLogSince $logOffset
        $log | Should -Match 'Starting volume driver NfsDriver'
        $log | Should -Match 'Driver initialization completed successfully'
        $log | Should -Not -Match 'Reverting to non-secure mode'
        $log | Should -Not -Match 'Failed to created Cinder secure environment indicator file'
    }

    It 'writes the shares file root:cinder 0640 and keeps Debian''s lvm in enabled_backends' {
        Invoke-Sh $Cinder 'stat -c "%U:%G %a" /etc/cinder/nfsshares' | Should -Be "root:cinder 640`n"
        Invoke-Sh $Cinder 'grep -v "^#" /etc/cinder/nfsshares' | Should -Be "$Share`n"
        Invoke-Sh $Cinder 'grep "^enabled_backends" /etc/cinder/cinder.conf' | Should -Be "enabled_backends = lvm,nfs`n"
        Invoke-Sh $Cinder 'stat -c "%U:%G %a" /etc/cinder/cinder.conf' | Should -Be "root:cinder 640`n"
    }

    It 'reads the same backend back with Get-CinderNfsBackend' {
        $read = Get-CinderNfsBackend -Session $Cinder
        $read.BackendName | Should -Be 'nfs'
        $read.Layout | Should -Be 'MultiBackend'
        $read.Shares.Share | Should -Be $Share
        $read.Options['volume_backend_name'] | Should -Be 'nfs'
        $read.Changed | Should -BeFalse
    }

    It 'changes nothing on a second run: Changed = False, no restart, files untouched' {
        $before = Get-CinderFileState
        $again = Set-CinderNfsBackend -Session $Cinder -Share $Share -Restart
        $again.Changed | Should -BeFalse
        $again.Restarted | Should -BeFalse
        $again.BackupPaths | Should -BeNullOrEmpty
        Get-CinderFileState | Should -Be $before
    }

    It 'passes every check of Test-CinderNfsBackend, in one round trip (cinder.conf travels with the probe)' {
        $count = $Cinder.CommandCount
        $checks = Test-CinderNfsBackend -Session $Cinder -TimeoutSec 60
        $Cinder.CommandCount - $count | Should -Be 1
        $checks.Check | Should -Be 'Configuration', 'SharesFile', 'SharesFilePermissions', 'VolumeService', 'ShareReachable', 'ShareMounted', 'MountOptions', 'CinderCanWrite', 'StaleMounts', 'DriverStarted', 'VolumeLog'
        $checks | Where-Object Status -ne 'Pass' | ForEach-Object { "$_" } | Should -BeNullOrEmpty
        Test-CinderNfsBackend -Session $Cinder -TimeoutSec 60 -Quiet | Should -BeTrue
    }

    It 'restarts cinder-volume on its own, reporting each backend''s driver, also on a host with no volume log yet' {
        # A fresh install has no cinder-volume.log until the service first writes one, seconds
        # after the restart: the wait must find it then, not give up on it or wait to its timeout.
        Invoke-Sh $Cinder 'systemctl stop cinder-volume && mv /var/log/cinder/cinder-volume.log /var/log/cinder/cinder-volume.log.before-fresh-start' | Out-Null
        # Bounded generously (a loaded 2-core machine runs the TCG guest slowly); what it proves
        # is that the wait ends on the drivers' outcome, well before its own timeout.
        $state = Restart-CinderVolumeService -Session $Cinder -TimeoutSec 900 -WarningVariable warned -WarningAction SilentlyContinue
        $state.Waited.TotalSeconds | Should -BeLessThan 600
        $state.Unit | Should -Be 'cinder-volume'
        $state.Active | Should -BeTrue
        ($state.Drivers | Where-Object Driver -eq 'NfsDriver').Status | Should -Be 'Initialized'
        # Debian's default lvm backend has no volume group in the lab: reported, not hidden.
        ($state.Drivers | Where-Object Driver -eq 'LVMVolumeDriver').Status | Should -Be 'Failed'
        ($warned -join "`n") | Should -Match 'LVMVolumeDriver .*pkgosvg0'
    }

    It 'removes the backend, returning it as it was; a second remove does nothing' {
        $removed = Remove-CinderNfsBackend -Session $Cinder -Confirm:$false
        $removed.BackendName | Should -Be 'nfs'
        $removed.Changed | Should -BeTrue
        $removed.Shares.Share | Should -Be $Share
        @($removed.BackupPaths).Count | Should -Be 1
        Invoke-Sh $Cinder 'grep "^enabled_backends" /etc/cinder/cinder.conf; grep -c "^\[nfs\]" /etc/cinder/cinder.conf || true' |
            Should -Be "enabled_backends = lvm`n0`n"
        Remove-CinderNfsBackend -Session $Cinder -Confirm:$false | Should -BeNullOrEmpty
        # Put it back as the running service has it (no restart needed: same settings).
        (Set-CinderNfsBackend -Session $Cinder -Share $Share).Changed | Should -BeTrue
        Test-CinderNfsBackend -Session $Cinder -TimeoutSec 60 -Quiet | Should -BeTrue
    }
}

Describe 'Diagnosis from the hosts'' real logs' -Tag 'Integration', 'Lab', 'VM', 'Cinder', 'CinderNfsBackend', 'Diagnosis', 'NfsCinderProblem' -Skip:(-not $HasLab) {
    It 'a root-owned export: Test-CinderNfsBackend fails CinderCanWrite, Find-NfsCinderProblem names the fallback and the fix' {
        New-NfsExport -Session $Nfs -Path /nfs/rootowned -Client "$Subnet(rw,sync,no_subtree_check)" -CreateDirectory -Owner root -Group root -Mode 0755 -Apply | Out-Null
        $rootShare = $Share -replace '/nfs/cinder$', '/nfs/rootowned'
        $startedAt = [datetime]::ParseExact((Invoke-Sh $Cinder 'date "+%Y-%m-%d %H:%M:%S"').Trim(), 'yyyy-MM-dd HH:mm:ss', [cultureinfo]::InvariantCulture)
        try {
            Set-CinderNfsBackend -Session $Cinder -Share $rootShare -Restart -RestartTimeoutSec 900 | Out-Null
            $checks = Test-CinderNfsBackend -Session $Cinder
            ($checks | Where-Object Check -eq 'CinderCanWrite').Status | Should -Be 'Fail'
            ($checks | Where-Object Check -eq 'CinderCanWrite').Remedy | Should -Match "New-NfsExport .*-Owner $CinderId"
            ($checks | Where-Object Check -eq 'VolumeLog').Detail | Should -Match 'RevertedToNonSecure'
            Test-CinderNfsBackend -Session $Cinder -Quiet | Should -BeFalse

            $findings = Find-NfsCinderProblem -Session $Cinder -Since $startedAt
            $fallback = $findings | Where-Object Signature -eq 'RevertedToNonSecure'
            $fallback.Evidence | Should -Match 'Reverting to non-secure mode'
            $fallback.LogFile | Should -Be '/var/log/cinder/cinder-volume.log'
            $fallback.Fix | Should -Match '^Set-CinderNfsBackend'
            ($findings | Where-Object Signature -eq 'SecureIndicatorFailed').Fix | Should -Match "New-NfsExport -Session \`$nfs -Path /nfs/rootowned"
        }
        finally {
            Set-CinderNfsBackend -Session $Cinder -Share $Share -Restart -RestartTimeoutSec 900 | Out-Null
        }
        Test-CinderNfsBackend -Session $Cinder -TimeoutSec 60 -Quiet | Should -BeTrue
    }

    It 'rejects a relative -LogFile before reading anything' {
        { Find-NfsCinderProblem -Session $Cinder -LogFile 'cinder-volume.log' -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidLogFile,NfsCinder.Commands.FindNfsCinderProblemCommand'
    }
}
