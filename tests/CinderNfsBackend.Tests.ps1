# Cinder NFS backends as real clouds run them, on the lab's real cinder-volume (cinder1) and
# kernel NFS server (nfs1): two backends with their own shares files, several shares with
# options of their own, option changes that reach Cinder's mounts (and a busy mount that is
# left and named), shares added and removed, typed driver options with a visible effect on the
# real NfsDriver, an IPv6 share, a dead and an NFSv4-only server, -WhatIf, piped objects that
# give shares only, and the seed's [DEFAULT] layout that Cinder 10.0 and later refuse.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:InBuiltLab = $HasLab -and ((Get-LabHost nfs1).LabAddress -eq '10.40.0.1')
    # Your own lab description may give nfs1 an IPv6 address on the private link (LabAddress6).
    $script:HasIPv6 = $HasLab -and [bool]((Get-LabHost nfs1).PSObject.Properties['LabAddress6'] | Where-Object Value)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Nfs = New-LabSession nfs1
    $script:Cinder = New-LabSession cinder1
    $script:NfsAddress = (Get-LabHost nfs1).LabAddress
    $script:NfsAddress6 = (Get-LabHost nfs1).PSObject.Properties['LabAddress6'] | Where-Object Value | ForEach-Object Value
    $script:Subnet = ($NfsAddress -replace '\.\d+$', '.0') + '/24'
    $script:CinderId = (Get-NfsCinderHost -Session $Cinder).CinderUid
    $script:Slow = 900  # restarts under TCG on a loaded machine: bound generously, assert on outcomes
    # Where every check must pass, Test-CinderNfsBackend gets -TimeoutSec 60: a live share answers at
    # once, but a guest still busy with a five-backend restart may miss the default 3 s per check.

    function Invoke-Sh($Session, [string] $Script) {
        (Invoke-NfsCinderCommand -Session $Session -ArgumentList (@('sh', '-c', $Script, 'sh') + $args) -TimeoutSec 120).StandardOutput
    }
    function Get-Md5([string] $Text) { -join ([Security.Cryptography.MD5]::Create().ComputeHash([Text.Encoding]::UTF8.GetBytes($Text)) | ForEach-Object { $_.ToString('x2') }) }
    # Cinder's NFS mounts as the kernel has them: mount point -> source and options.
    function Get-CinderMount {
        $mounts = @{}
        foreach ($line in (Invoke-Sh $Cinder 'awk ''$3 ~ /^nfs4?$/ && $2 ~ "^/var/lib/cinder/mnt" {print $2, $1, $4}'' /proc/self/mounts') -split "`n" | Where-Object { $_ }) {
            $f = $line -split ' '
            $mounts[$f[0]] = [pscustomobject]@{ Source = $f[1]; Options = $f[2] -split ',' }
        }
        $mounts
    }
    function Get-FileState([string[]] $Path) { Get-RemoteFileState -Session $Cinder -Path $Path }
    function Get-LogSince([datetime] $Since) {
        $stamp = $Since.ToString('yyyy-MM-dd HH:mm:ss', [cultureinfo]::InvariantCulture)
        Invoke-Sh $Cinder 'awk -v s="$1" ''substr($0, 1, 19) >= s'' /var/log/cinder/cinder-volume.log' $stamp
    }
    function Get-HostTime { [datetime]::ParseExact((Invoke-Sh $Cinder 'date "+%Y-%m-%d %H:%M:%S"').Trim(), 'yyyy-MM-dd HH:mm:ss', [cultureinfo]::InvariantCulture) }
    function Reset-CinderHost {
        # No NFS backend, none of the test's shares files, none of Cinder's mounts.
        Get-CinderNfsBackend -Session $Cinder -WarningAction SilentlyContinue | Remove-CinderNfsBackend -Session $Cinder -RemoveSharesFile -Confirm:$false -WarningAction SilentlyContinue | Out-Null
        Invoke-Sh $Cinder 'rm -f /etc/cinder/nfsshares-*; awk ''$2 ~ "^/var/lib/cinder/mnt" {print $2}'' /proc/self/mounts | while read -r m; do umount -l "$m"; done' | Out-Null
    }

    Invoke-Sh $Cinder 'cp -p /etc/cinder/cinder.conf /root/cinder.conf.before-backend-tests' | Out-Null
    Reset-CinderHost
    Install-NfsServer -Session $Nfs | Out-Null
    $clients = @("$Subnet(rw,sync,no_subtree_check)") + @(if ($NfsAddress6) { 'fd40::/64(rw,sync,no_subtree_check)' })
    foreach ($path in '/nfs/gold-a', '/nfs/gold-b', '/nfs/silver', '/nfs/snap', '/nfs/v6') {
        New-NfsExport -Session $Nfs -Path $path -Client $clients -CreateDirectory -Owner $CinderId -Group $CinderId -Mode 0775 -Apply | Out-Null
    }
    $script:GoldA = "${NfsAddress}:/nfs/gold-a"
    $script:GoldB = "${NfsAddress}:/nfs/gold-b"
    $script:Silver = "${NfsAddress}:/nfs/silver"
    $script:V6Share = if ($NfsAddress6) { "[$NfsAddress6]:/nfs/v6" } else { $null }
    $script:Base = '/var/lib/cinder/mnt'
}

AfterAll {
    if ($script:Holder) { Invoke-Sh $Cinder 'kill "$1" 2>/dev/null; true' $Holder | Out-Null }
    # nfs1 back to a plain NFS server (the dead and v4-only cases change it).
    Invoke-Sh $Nfs 'if [ -e /etc/nfs.conf.before-tests ]; then mv -f /etc/nfs.conf.before-tests /etc/nfs.conf; fi; systemctl unmask rpc-statd.service rpcbind.service rpcbind.socket >/dev/null 2>&1; systemctl start rpcbind.socket rpcbind nfs-server' | Out-Null
    if ($Cinder) {
        Invoke-Sh $Cinder 'systemctl stop cinder-volume; cp -p /root/cinder.conf.before-backend-tests /etc/cinder/cinder.conf; rm -f /etc/cinder/nfsshares-* /etc/cinder/nfsshares.*.bak /etc/cinder/nfsshares-*.bak; umount /mnt/nfscinder-v6 /mnt/nfscinder-opts 2>/dev/null; sed -i "\#/mnt/nfscinder-#d" /etc/fstab; awk ''$2 ~ "^/var/lib/cinder/mnt" {print $2}'' /proc/self/mounts | while read -r m; do umount -l "$m"; done; systemctl start cinder-volume' | Out-Null
    }
    Get-NfsCinderSession | Remove-NfsCinderSession
}

Describe 'Several NFS backends on cinder1' -Tag 'Integration', 'Lab', 'VM', 'Cinder', 'CinderNfsBackend' -Skip:(-not $HasLab) {
    It 'refuses, before writing anything, a second backend on the first one''s shares file, naming it' {
        Set-CinderNfsBackend -Session $Cinder -BackendName gold -Share $GoldA -ShareMountOptions timeo=100,nosharecache -MountOptions vers=4.1 | Out-Null
        $before = Get-FileState /etc/cinder/cinder.conf, /etc/cinder/nfsshares-gold, /etc/cinder/nfsshares-silver
        { Set-CinderNfsBackend -Session $Cinder -BackendName silver -Share $Silver -SharesFile /etc/cinder/nfsshares-gold -ErrorAction Stop } |
            Should -Throw -ErrorId 'SharesFileInUse,NfsCinder.Commands.SetCinderNfsBackendCommand' -ExpectedMessage "*shares file of backend 'gold'*Nothing was changed*"
        Get-FileState /etc/cinder/cinder.conf, /etc/cinder/nfsshares-gold, /etc/cinder/nfsshares-silver | Should -Be $before
    }

    It 'two backends, three shares with options of their own: one restart starts both, each driver named, each share mounted as configured' {
        # A share added to gold without restating its list, then silver, with a restart for both.
        # Both gold shares live on one file system of nfs1: without nosharecache the kernel gives
        # the second mount the first one's superblock and its timeo (measured on cinder1).
        $added = Add-CinderNfsShare -Session $Cinder -BackendName gold -Share $GoldB -MountOptions timeo=200,nosharecache
        $added.Shares.Share | Should -Be $GoldA, $GoldB
        $started = Get-HostTime
        # (PowerShell variables ignore case: a result named $silver would hide $Silver, the share.)
        $second = Set-CinderNfsBackend -Session $Cinder -BackendName silver -Share $Silver -Restart -RestartTimeoutSec $Slow
        $second.SharesFile | Should -Be /etc/cinder/nfsshares-silver
        $second.Restarted | Should -BeTrue
        Write-Host ("    restart with two NFS backends (and Debian's lvm): {0:0} s" -f $second.Service.Waited.TotalSeconds)
        $nfsDrivers = $second.Service.Drivers | Where-Object Driver -eq NfsDriver
        ($nfsDrivers | Sort-Object BackendName | ForEach-Object { "$($_.BackendName)=$($_.Status)" }) -join ' ' | Should -Be 'gold=Initialized silver=Initialized'

        $mounts = Get-CinderMount
        $a = $mounts["$Base/$(Get-Md5 $GoldA)"]; $b = $mounts["$Base/$(Get-Md5 $GoldB)"]; $s = $mounts["$Base/$(Get-Md5 $Silver)"]
        $a.Source | Should -Be $GoldA
        $a.Options | Should -Contain 'vers=4.1'
        $a.Options | Should -Contain 'timeo=100'
        $b.Options | Should -Contain 'vers=4.1'
        $b.Options | Should -Contain 'timeo=200'
        # No version asked: os-brick 6.1 (Debian 12) tries vers=4,minorversion=1 first.
        $s.Source | Should -Be $Silver
        @($s.Options -match '^vers=4\.').Count | Should -Be 1
        $shown = foreach ($m in $a, $b, $s) { ($m.Options | Where-Object { $_ -match '^(vers|timeo)=' }) -join ',' }
        Write-Host "    live: gold-a $($shown[0]); gold-b $($shown[1]); silver $($shown[2])"
        Invoke-Sh $Cinder 'grep -v "^#" /etc/cinder/nfsshares-gold; stat -c "%U:%G %a" /etc/cinder/nfsshares-gold' |
            Should -Be "$GoldA -o timeo=100,nosharecache`n$GoldB -o timeo=200,nosharecache`nroot:cinder 640`n"
        Get-LogSince $started | Should -Not -Match 'multiple version options'
    }

    It 'passes every check of both backends in one round trip, and Get-CinderNfsBackend lists both' {
        $count = $Cinder.CommandCount
        $checks = Test-CinderNfsBackend -Session $Cinder -TimeoutSec 60
        $Cinder.CommandCount - $count | Should -Be 1
        ($checks.BackendName | Select-Object -Unique) | Should -Be 'gold', 'silver'
        $checks | Where-Object Status -ne 'Pass' | ForEach-Object { "$_" } | Should -BeNullOrEmpty
        (Get-CinderNfsBackend -Session $Cinder).BackendName | Should -Be 'gold', 'silver'
    }

    It 'reports changed options until one restart remounts the shares with them, leaving the one a process holds, named' {
        $mpA = "$Base/$(Get-Md5 $GoldA)"; $mpB = "$Base/$(Get-Md5 $GoldB)"; $mpS = "$Base/$(Get-Md5 $Silver)"
        (Set-CinderNfsBackend -Session $Cinder -BackendName silver -MountOptions vers=3).Changed | Should -BeTrue
        $drift = Test-CinderNfsBackend -Session $Cinder -TimeoutSec 60 -BackendName silver | Where-Object Check -eq MountOptions
        $drift.Status | Should -Be 'Warn'
        $drift.Detail | Should -Match 'configured vers=3; not live: vers=3 \(live: vers=4\.\d\)'
        # A process with its working directory on gold-a, as a volume copy would be.
        $script:Holder = (Invoke-Sh $Cinder 'cd "$1" && setsid sleep 1200 </dev/null >/dev/null 2>&1 & echo $!' $mpA).Trim()
        $changed = Set-CinderNfsBackend -Session $Cinder -BackendName gold -MountOptions vers=4.2 -Restart -RestartTimeoutSec $Slow -WarningVariable warned -WarningAction SilentlyContinue
        Write-Host ("    restart remounting two shares, one left busy: {0:0} s" -f $changed.Service.Waited.TotalSeconds)
        ($changed.Service.Remounted | Sort-Object) | Should -Be (@($mpB, $mpS) | Sort-Object)
        $changed.Service.LeftMounted | Should -Match ([regex]::Escape($mpA) + ": left mounted: in use by $Holder\(sleep\)")
        ($warned -join "`n") | Should -Match 'keeps its old options'
        $mounts = Get-CinderMount
        $mounts[$mpA].Options | Should -Contain 'vers=4.1'
        $mounts[$mpB].Options | Should -Contain 'vers=4.2'
        $mounts[$mpS].Options | Should -Contain 'vers=3'
        Test-CinderNfsBackend -Session $Cinder -TimeoutSec 60 -BackendName silver | Where-Object Status -ne 'Pass' | ForEach-Object { "$_" } | Should -BeNullOrEmpty
        (Test-CinderNfsBackend -Session $Cinder -TimeoutSec 60 -BackendName gold | Where-Object { $_.Check -eq 'MountOptions' -and $_.Status -eq 'Warn' }).Target | Should -Be $GoldA
        # Nothing left for silver: a second run neither changes nor restarts (gold-a's drift is gold's).
        $again = Set-CinderNfsBackend -Session $Cinder -BackendName silver -MountOptions vers=3 -Restart
        ($again.Changed, $again.Restarted) | Should -Be $false, $false
    }

    It 'takes one share out with Remove-CinderNfsShare; the restart unmounts it and remounts the freed one' {
        Invoke-Sh $Cinder 'kill "$1"' $Holder | Out-Null
        $script:Holder = $null
        $mpA = "$Base/$(Get-Md5 $GoldA)"; $mpB = "$Base/$(Get-Md5 $GoldB)"
        $removed = Remove-CinderNfsShare -Session $Cinder -BackendName gold -Share $GoldB -Restart -RestartTimeoutSec $Slow -Confirm:$false
        $removed.Shares.Share | Should -Be $GoldA
        ($removed.Service.Unmounts | Where-Object MountPoint -eq $mpB).Reason | Should -Be 'Stale'
        $removed.Service.Remounted | Should -Be $mpA
        $mounts = Get-CinderMount
        $mounts.ContainsKey($mpB) | Should -BeFalse
        $mounts[$mpA].Options | Should -Contain 'vers=4.2'
        Invoke-Sh $Cinder 'cat /etc/cinder/nfsshares-gold' | Should -Match "^# Written by NfsCinder.*`n$([regex]::Escape($GoldA)) -o timeo=100,nosharecache`n$"
        (Remove-CinderNfsShare -Session $Cinder -BackendName gold -Share $GoldB -Confirm:$false).Changed | Should -BeFalse
        { Remove-CinderNfsShare -Session $Cinder -BackendName gold -Share $GoldA -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'LastShare,*'
    }

    It 'IPv6 end to end: Mount-NfsShare and fstab with brackets; a Cinder share [addr]:/path' -Skip:(-not $HasIPv6) {
        $mount = Mount-NfsShare -Session $Cinder -Server $NfsAddress6 -ExportPath /nfs/v6 -MountPath /mnt/nfscinder-v6 -CreateMountPoint -Persist
        $mount.Changed | Should -BeTrue
        Invoke-Sh $Cinder 'awk ''$2 == "/mnt/nfscinder-v6" {print $1}'' /proc/self/mounts; grep " /mnt/nfscinder-v6 " /etc/fstab' |
            Should -Be "[$NfsAddress6]:/nfs/v6`n[$NfsAddress6]:/nfs/v6 /mnt/nfscinder-v6 nfs defaults,_netdev 0 0`n"
        { Mount-NfsShare -Session $Cinder -Server $NfsAddress6 -ExportPath /nfs/v6 -MountPath /mnt/x -Option proto=tcp -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidMountArgument,*' -ExpectedMessage '*proto=tcp6*'
        Dismount-NfsShare -Session $Cinder -MountPath /mnt/nfscinder-v6 -RemovePersistent | Out-Null
        Invoke-Sh $Cinder 'grep -c nfscinder-v6 /etc/fstab || true' | Should -Be "0`n"
        (Add-CinderNfsShare -Session $Cinder -BackendName silver -Share $V6Share).Shares.Share | Should -Be $Silver, $V6Share
    }

    It 'typed options with a visible effect on the real driver, in one restart: mount attempts, mount point base, secure operations, snapshots' {
        # bronze: a share nfs1 does not export, one mount attempt (Cinder makes 3 by default, each slow under TCG); snap: snapshots with secure
        # operations, written by hand since the cmdlet refuses it; gold: snapshots with secure
        # operations off; silver: a mount point base of its own.
        Set-CinderNfsBackend -Session $Cinder -BackendName bronze -Share "${NfsAddress}:/nfs/not-exported" -MountAttempts 1 | Out-Null
        { Set-CinderNfsBackend -Session $Cinder -BackendName snap -Share "${NfsAddress}:/nfs/snap" -SnapshotSupport $true -ErrorAction Stop } |
            Should -Throw -ErrorId 'SnapshotsNeedInsecureOperations,*'
        Set-CinderNfsBackend -Session $Cinder -BackendName snap -Share "${NfsAddress}:/nfs/snap" | Out-Null
        Invoke-Sh $Cinder 'crudini --set /etc/cinder/cinder.conf snap nfs_snapshot_support true' | Out-Null
        Set-CinderNfsBackend -Session $Cinder -BackendName gold -SnapshotSupport $true -NasSecureFileOperations false -NasSecureFilePermissions false | Out-Null
        $oldSilver = "$Base/$(Get-Md5 $Silver)"
        $started = Get-HostTime
        $moved = Set-CinderNfsBackend -Session $Cinder -BackendName silver -MountPointBase /var/lib/cinder/mnt-silver -Restart -RestartTimeoutSec $Slow `
            -ErrorVariable failures -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        Write-Host ("    restart with five backends: {0:0} s" -f $moved.Service.Waited.TotalSeconds)
        $drivers = @{}; $moved.Service.Drivers | ForEach-Object { $drivers[$_.BackendName] = $_ }
        $drivers['gold'].Status | Should -Be 'Initialized'
        $drivers['silver'].Status | Should -Be 'Initialized'
        $drivers['bronze'].Status | Should -Be 'Failed'
        $drivers['snap'].Status | Should -Be 'Failed'
        $drivers['snap'].LastError | Should -Match 'Snapshots are not supported with nas_secure_file_operations enabled'
        @($failures | Where-Object { $_.FullyQualifiedErrorId -like 'CinderNfsDriverFailed*' }).Count | Should -Be 2
        $log = Get-LogSince $started
        $log | Should -Match ([regex]::Escape("Mount failure for ${NfsAddress}:/nfs/not-exported after 1 attempts"))
        # gold's own worker runs file operations as root, as nas_secure_file_operations = false says.
        ($log -split "`n" | Where-Object { $_ -match "^\S+ \S+ $($drivers['gold'].Pid) WARNING" }) -join "`n" | Should -Match 'The NAS file operations will be run as root'
        # silver's shares under its new base; its old mount there was stale and is gone.
        ($moved.Service.Unmounts | Where-Object MountPoint -eq $oldSilver).Reason | Should -Be 'Stale'
        $moved.MountPoints | Should -Be (@($Silver, $V6Share) | Where-Object { $_ } | ForEach-Object { "/var/lib/cinder/mnt-silver/$(Get-Md5 $_)" })
        $mounts = Get-CinderMount
        $mounts.ContainsKey($oldSilver) | Should -BeFalse
        foreach ($mp in $moved.MountPoints) { $mounts[$mp] | Should -Not -BeNullOrEmpty }
        if ($V6Share) { $mounts[$moved.MountPoints[1]].Source | Should -Be $V6Share }

        $findings = Find-NfsCinderProblem -Session $Cinder -Since $started
        $findings.Signature | Should -Contain 'SnapshotsNeedInsecureOperations'
        $findings.Signature | Should -Contain 'MountAttemptsExhausted'
        (Test-CinderNfsBackend -Session $Cinder -TimeoutSec 60 -BackendName snap | Where-Object Check -eq Configuration).Status | Should -Be 'Fail'
        Test-CinderNfsBackend -Session $Cinder -TimeoutSec 60 -BackendName silver | Where-Object Status -ne 'Pass' | ForEach-Object { "$_" } | Should -BeNullOrEmpty
    }

    It 'reports an obsolete key with a warning and removes it with -Unset' {
        Invoke-Sh $Cinder 'crudini --set /etc/cinder/cinder.conf gold nfs_used_ratio 0.95' | Out-Null
        $gold = Get-CinderNfsBackend -Session $Cinder -BackendName gold -WarningVariable warned -WarningAction SilentlyContinue
        $gold.Options['nfs_used_ratio'] | Should -Be '0.95'
        ($warned -join "`n") | Should -Match 'nfs_used_ratio is removed in Cinder 8\.0\.0.*reserved_percentage'
        $unset = Set-CinderNfsBackend -Session $Cinder -BackendName gold -Unset nfs_used_ratio -ReservedPercentage 5 -WarningVariable warned2 -WarningAction SilentlyContinue
        $unset.Changed | Should -BeTrue
        $unset.Options.ContainsKey('nfs_used_ratio') | Should -BeFalse
        $unset.Options['reserved_percentage'] | Should -Be '5'
        ($warned2 -join "`n") | Should -Not -Match 'nfs_used_ratio'
    }

    It 'Remove-CinderNfsBackend says what it leaves behind; -RemoveSharesFile takes the file, kept as a .bak' {
        $bronze = Remove-CinderNfsBackend -Session $Cinder -BackendName bronze -Confirm:$false -WarningVariable warned -WarningAction SilentlyContinue
        $bronze.LeftBehind | Should -Be 'its shares file /etc/cinder/nfsshares-bronze'
        ($warned -join "`n") | Should -Match '-RemoveSharesFile removes the file'
        $snapMount = "$Base/$(Get-Md5 "${NfsAddress}:/nfs/snap")"
        $snap = Remove-CinderNfsBackend -Session $Cinder -BackendName snap -RemoveSharesFile -Confirm:$false -WarningAction SilentlyContinue
        $snap.LeftBehind | Should -Be "Cinder's mount $snapMount"
        @($snap.BackupPaths -match '^/etc/cinder/nfsshares-snap\.\d{8}T\d{6}Z\.bak$').Count | Should -Be 1
        Invoke-Sh $Cinder 'test -e /etc/cinder/nfsshares-snap && echo present || echo absent; grep -c "^\[snap\]" /etc/cinder/cinder.conf || true' | Should -Be "absent`n0`n"
        (Get-CinderNfsBackend -Session $Cinder).BackendName | Should -Be 'gold', 'silver'
    }

    It 'Mount-NfsShare never reports success while other options stay live: an error, or -Remount' {
        Mount-NfsShare -Session $Cinder -Server $NfsAddress -ExportPath /nfs/gold-a -MountPath /mnt/nfscinder-opts -CreateMountPoint -Version 4.1 | Out-Null
        $fstab = Get-FileState /etc/fstab
        { Mount-NfsShare -Session $Cinder -Server $NfsAddress -ExportPath /nfs/gold-a -MountPath /mnt/nfscinder-opts -Version 4.2 -Persist -ErrorAction Stop } |
            Should -Throw -ErrorId 'MountOptionsDiffer,*' -ExpectedMessage '*vers=4.2 (live: vers=4.1)*-Remount*'
        Get-FileState /etc/fstab | Should -Be $fstab
        $again = Mount-NfsShare -Session $Cinder -Server $NfsAddress -ExportPath /nfs/gold-a -MountPath /mnt/nfscinder-opts -Version 4.2 -Persist -Remount
        $again.Changed | Should -BeTrue
        Invoke-Sh $Cinder 'awk ''$2 == "/mnt/nfscinder-opts" {print $4}'' /proc/self/mounts; grep " /mnt/nfscinder-opts " /etc/fstab' |
            Should -Match "vers=4\.2.*`n${NfsAddress}:/nfs/gold-a /mnt/nfscinder-opts nfs vers=4\.2,_netdev 0 0"
        (Mount-NfsShare -Session $Cinder -Server $NfsAddress -ExportPath /nfs/gold-a -MountPath /mnt/nfscinder-opts -Version 4.2 -Persist).Changed | Should -BeFalse
        Dismount-NfsShare -Session $Cinder -MountPath /mnt/nfscinder-opts -RemovePersistent | Out-Null
    }

    It 'a dead server: every check of every share comes back within one deadline' {
        Invoke-Sh $Nfs 'systemctl stop nfs-server' | Out-Null
        try {
            $elapsed = Measure-Command { $checks = Test-CinderNfsBackend -Session $Cinder }
            Write-Host ("    Test-CinderNfsBackend, nfsd stopped, {0} shares: {1:0.0} s" -f @($checks | Where-Object Check -eq ShareReachable).Count, $elapsed.TotalSeconds)
            @($checks | Where-Object Check -eq ShareReachable).Count | Should -BeGreaterOrEqual 2
            $checks | Where-Object Check -eq ShareReachable | ForEach-Object { $_.Status | Should -Be 'Fail' }
            $elapsed.TotalSeconds | Should -BeLessThan 15
        }
        finally { Invoke-Sh $Nfs 'systemctl start nfs-server' | Out-Null }
    }

    It 'an NFSv4-only server (no NFSv3, no MOUNT protocol) is a warning with the reason, not a failure' {
        Invoke-Sh $Nfs 'cp -p /etc/nfs.conf /etc/nfs.conf.before-tests && sed -i "s/^\[nfsd\]$/[nfsd]\nvers3=n/" /etc/nfs.conf && systemctl mask --now rpc-statd.service rpcbind.service rpcbind.socket >/dev/null 2>&1 && systemctl restart nfs-server' | Out-Null
        try {
            $reach = Test-CinderNfsBackend -Session $Cinder -BackendName gold | Where-Object Check -eq ShareReachable
            $reach.Status | Should -Be 'Warn'
            $reach.Detail | Should -Match 'v4 answers, v3 no.*an NFSv4-only server'
            # silver asks for vers=3, which the server no longer offers.
            (Test-CinderNfsBackend -Session $Cinder -BackendName silver | Where-Object { $_.Check -eq 'ShareReachable' -and $_.Target -eq $Silver }).Detail |
                Should -Match 'ask for NFSv3'
        }
        finally {
            Invoke-Sh $Nfs 'mv -f /etc/nfs.conf.before-tests /etc/nfs.conf; systemctl unmask rpc-statd.service rpcbind.service rpcbind.socket >/dev/null 2>&1; systemctl start rpcbind.socket rpcbind; systemctl restart nfs-server' | Out-Null
        }
    }
}

Describe 'What a backend cmdlet will not do' -Tag 'Integration', 'Lab', 'VM', 'Cinder', 'CinderNfsBackend' -Skip:(-not $HasLab) {
    It 'follows -WhatIf:$false and $WhatIfPreference like a built-in cmdlet, and names the host as the session does' {
        $files = '/etc/cinder/cinder.conf', '/etc/cinder/nfsshares-whatif'
        $before = Get-FileState $files
        $WhatIfPreference = $true
        Set-CinderNfsBackend -Session $Cinder -BackendName whatif -Share $GoldA | Should -BeNullOrEmpty
        Get-FileState $files | Should -Be $before
        $made = Set-CinderNfsBackend -Session $Cinder -BackendName whatif -Share $GoldA -WhatIf:$false
        $made.Changed | Should -BeTrue
        (Remove-CinderNfsBackend -Session $Cinder -BackendName whatif -RemoveSharesFile -WhatIf:$false -Confirm:$false -WarningAction SilentlyContinue).Changed | Should -BeTrue
        $WhatIfPreference = $false

        # What-if lines as a user sees them, in a pwsh of their own.
        $script = ". '$(Join-Path $PSScriptRoot 'common.ps1')'; `$c = New-LabSession cinder1; Set-CinderNfsBackend -Session `$c -BackendName whatif -Share '$GoldA' -Restart -WhatIf"
        $shown = & ([Environment]::ProcessPath) @(Get-PwshArgument) -NoProfile -NonInteractive -Command $script 2>&1 | Out-String
        $shown | Should -Match 'What if: .* on target "cinder1:/etc/cinder/nfsshares-whatif"'
        $shown | Should -Match 'on target "cinder1:/etc/cinder/cinder.conf"'
        $shown | Should -Not -Match '127\.0\.0\.1'
    }

    It 'takes only shares from a piped export: without -Session it never writes on the NFS server' {
        $nfsConf = Invoke-Sh $Nfs 'sha256sum /etc/cinder/cinder.conf 2>/dev/null || echo none'
        $export = Get-NfsExport -Session $Nfs -Path /nfs/gold-a
        $export | Set-CinderNfsBackend -BackendName piped -ErrorVariable failed -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        # This machine (the only other host it may act on) has no cinder.conf.
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'CinderConfigMissing*'
        $failed[0].TargetObject.Name | Should -Not -Be 'nfs1'
        Invoke-Sh $Nfs 'sha256sum /etc/cinder/cinder.conf 2>/dev/null || echo none' | Should -Be $nfsConf
        $piped = $export | Set-CinderNfsBackend -Session $Cinder -BackendName piped
        $piped.Session.Name | Should -Be 'cinder1'
        $piped.Shares.Share | Should -Be $export.Share
        Remove-CinderNfsBackend -Session $Cinder -BackendName piped -RemoveSharesFile -Confirm:$false -WarningAction SilentlyContinue | Out-Null
    }

    It 'refuses a share holding a control character, NUL included, before anything is touched' {
        $before = Get-FileState /etc/cinder/cinder.conf, /etc/cinder/nfsshares-gold
        foreach ($bad in "${NfsAddress}:/x$([char]0)y", "${NfsAddress}:/x$([char]0x1b)y", "${NfsAddress}:/x$([char]0x2028)y") {
            { Set-CinderNfsBackend -Session $Cinder -BackendName gold -Share $bad -ErrorAction Stop } |
                Should -Throw -ErrorId 'InvalidShare,*' -ExpectedMessage '*must be one line of printable characters*'
            { Add-CinderNfsShare -Session $Cinder -BackendName gold -Share $bad -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidShare,*'
        }
        { Set-CinderNfsBackend -Session $Cinder -BackendName gold -MountPointBase "/var/lib/x$([char]0)" -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidCinderBackend,*'
        Get-FileState /etc/cinder/cinder.conf, /etc/cinder/nfsshares-gold | Should -Be $before
    }
}

Describe 'The seed''s [DEFAULT] layout on a real Cinder 21' -Tag 'Integration', 'Lab', 'VM', 'Cinder', 'CinderNfsBackend' -Skip:(-not $InBuiltLab) {
    It 'is refused by Set-CinderNfsBackend with the version; written by hand, the real cinder-volume exits; Set-CinderNfsBackend moves it into a section' {
        $before = Get-FileState /etc/cinder/cinder.conf
        { Set-CinderNfsBackend -Session $Cinder -Share $GoldA -Layout Default -ErrorAction Stop } |
            Should -Throw -ErrorId 'DefaultLayoutNotSupported,*' -ExpectedMessage '*Cinder 21.3.1*not supported since Ocata*'
        Get-FileState /etc/cinder/cinder.conf | Should -Be $before

        # The seed's section 3, as the guide writes it: no enabled_backends, the driver in [DEFAULT].
        Invoke-Sh $Cinder 'printf "%s\n" "$1" > /etc/cinder/nfsshares-seed && chown root:cinder /etc/cinder/nfsshares-seed && chmod 640 /etc/cinder/nfsshares-seed &&
            crudini --del /etc/cinder/cinder.conf DEFAULT enabled_backends &&
            crudini --set /etc/cinder/cinder.conf DEFAULT volume_driver cinder.volume.drivers.nfs.NfsDriver &&
            crudini --set /etc/cinder/cinder.conf DEFAULT nfs_shares_config /etc/cinder/nfsshares-seed' $GoldA | Out-Null
        $started = Get-HostTime
        Invoke-Sh $Cinder 'systemctl restart cinder-volume' | Out-Null
        $refused = $null
        $deadline = [DateTime]::UtcNow.AddSeconds($Slow)
        while (-not $refused -and [DateTime]::UtcNow -lt $deadline) {
            Start-Sleep -Seconds 5
            $refused = Find-NfsCinderProblem -Session $Cinder -Since $started | Where-Object Signature -eq DefaultLayoutRefused
        }
        $refused.Evidence | Should -Match 'does not specify "enabled_backends". Using DEFAULT section to configure drivers is not supported since Ocata'
        $refused.Fix | Should -BeLike 'Set-CinderNfsBackend*'
        $config = Test-CinderNfsBackend -Session $Cinder -TimeoutSec 60 -BackendName nfs | Where-Object Check -eq Configuration
        $config.Status | Should -Be 'Fail'
        $config.Detail | Should -Match 'Cinder 21\.3\.1 does not read'

        $moved = Set-CinderNfsBackend -Session $Cinder -BackendName nfs -Restart -RestartTimeoutSec $Slow -WarningVariable warned -WarningAction SilentlyContinue -ErrorAction Stop
        ($warned -join "`n") | Should -Match 'Moved the NFS backend from \[DEFAULT\]'
        $moved.Layout | Should -Be 'MultiBackend'
        $moved.SharesFile | Should -Be /etc/cinder/nfsshares-seed
        ($moved.Service.Drivers | Where-Object BackendName -eq nfs).Status | Should -Be 'Initialized'
        Invoke-Sh $Cinder 'crudini --get /etc/cinder/cinder.conf DEFAULT enabled_backends; crudini --get /etc/cinder/cinder.conf DEFAULT volume_driver 2>/dev/null || echo none' |
            Should -Be "nfs`nnone`n"
    }
}
