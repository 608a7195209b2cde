# Sections 1 and 2 of the seed workflow through the NFS cmdlets, on the lab's real nfs1 and
# cinder1 (kernel NFS), and file-level cases on light hosts.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
    # Some cases rely on the built-in lab (names resolving between guests).
    $script:InBuiltLab = $HasLab -and ((Get-LabHost nfs1).LabAddress -eq '10.40.0.1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Nfs = New-LabSession nfs1
    $script:Cinder = New-LabSession cinder1
    $script:NfsAddress = (Get-LabHost nfs1).LabAddress
    $script:CinderAddress = (Get-LabHost cinder1).LabAddress
    $script:Subnet = ($NfsAddress -replace '\.\d+$', '.0') + '/24'
    function Get-RemoteHash($Session, [string] $Path) {
        (Invoke-NfsCinderCommand -Session $Session -ArgumentList sh, -c, 'if [ -e "$1" ]; then sha256sum -- "$1" | cut -d" " -f1; stat -c %Y -- "$1"; else echo absent; fi', sh, $Path).StandardOutput
    }
}

AfterAll {
    if ($script:Cinder) { Get-NfsMount -Session $Cinder -ErrorAction SilentlyContinue | Dismount-NfsShare -Force -ErrorAction SilentlyContinue }
    Get-NfsCinderSession | Remove-NfsCinderSession
}

Describe 'Section 1: the NFS server on nfs1' -Tag 'Integration', 'Lab', 'Nfs' -Skip:(-not $HasLab) {
    It 'installs and starts the server; a second run changes nothing and calls no package manager' {
        # The lab image keeps the .debs, so apt can install again with no route out.
        if ($NfsAddress -eq '10.40.0.1') {
            Invoke-NfsCinderCommand -Session $Nfs -ArgumentList env, DEBIAN_FRONTEND=noninteractive, apt-get, remove, -y, -q, nfs-kernel-server -TimeoutSec 300 -ErrorAction Stop | Out-Null
        }
        $first = Install-NfsServer -Session $Nfs
        $first.ComputerName | Should -Be $Nfs.ComputerName
        if ($NfsAddress -eq '10.40.0.1') { $first.InstalledNow | Should -Contain 'nfs-kernel-server'; $first.Changed | Should -BeTrue }
        $first.Services | ForEach-Object { $_.Active | Should -BeTrue; $_.Enabled | Should -BeTrue }
        $before = $Nfs.CommandCount
        $second = Install-NfsServer -Session $Nfs -Verbose 4>&1
        $result = $second | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
        $result.Changed | Should -BeFalse
        ($second | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | Out-String) | Should -Not -Match 'apt-get install|yum|dnf'
        $Nfs.CommandCount - $before | Should -BeLessOrEqual 2
    }

    It 'creates an export, its directory, and applies it; twice is Changed = False with the file untouched' {
        $new = New-NfsExport -Session $Nfs -Path /nfs/shared -Client "$Subnet(rw,sync,no_subtree_check)" -CreateDirectory -Mode 0755 -Apply
        $new.Changed | Should -BeTrue
        $new.Path | Should -Be '/nfs/shared'
        $new.IsLive | Should -BeTrue
        $hash = Get-RemoteHash $Nfs /etc/exports
        Start-Sleep -Seconds 1
        $again = New-NfsExport -Session $Nfs -Path /nfs/shared -Client "$Subnet(rw,sync,no_subtree_check)" -CreateDirectory -Mode 0755 -Apply
        $again.Changed | Should -BeFalse
        Get-RemoteHash $Nfs /etc/exports | Should -Be $hash
    }

    It 'lists the export with its live options from exportfs -v' {
        $export = Get-NfsExport -Session $Nfs -Path /nfs/shared
        $export.IsLive | Should -BeTrue
        $export.Clients[0].Host | Should -Be $Subnet
        $export.Clients[0].EffectiveOptions | Should -Contain 'root_squash'
    }

    It 'changes nothing with -WhatIf' {
        $hash = Get-RemoteHash $Nfs /etc/exports
        Set-NfsExport -Session $Nfs -Path /nfs/shared -Client "$Subnet(ro,sync,no_subtree_check)" -Apply -WhatIf
        New-NfsExport -Session $Nfs -Path /nfs/whatif -Client "$Subnet(rw)" -CreateDirectory -WhatIf
        Remove-NfsExport -Session $Nfs -Path /nfs/shared -WhatIf
        Get-RemoteHash $Nfs /etc/exports | Should -Be $hash
        (Invoke-NfsCinderCommand -Session $Nfs -ArgumentList test, -e, /nfs/whatif -AllowedExitCode 0, 1).ExitCode | Should -Be 1
    }

    It 'rejects hostile input before touching anything' {
        $hash = Get-RemoteHash $Nfs /etc/exports
        foreach ($bad in @('/nfs/x;reboot', '/nfs/$(id)', "/nfs/a`nb", 'relative/path', '/nfs/"q"')) {
            { New-NfsExport -Session $Nfs -Path $bad -Client "$Subnet(rw)" -ErrorAction Stop } | Should -Throw
        }
        foreach ($bad in @('10.0.0.0/24(rw);reboot', '$(id)', '`id`(rw)', 'host name(rw)', '10.0.0.0/33(rw)', '10.0.0.1(rw,ro)', '10.0.0.1(sync,async)', '10.0.0.1(bogus)')) {
            { New-NfsExport -Session $Nfs -Path /nfs/hostile -Client $bad -ErrorAction Stop } | Should -Throw
        }
        Get-RemoteHash $Nfs /etc/exports | Should -Be $hash
    }

    It 'adds and removes clients with Set-NfsExport; a repeat is Changed = False with the file untouched' {
        $added = Set-NfsExport -Session $Nfs -Path /nfs/shared -AddClient "$CinderAddress(rw,sync,no_subtree_check,no_root_squash)" -Apply -WarningAction SilentlyContinue
        $added.Changed | Should -BeTrue
        $added.Clients.Host | Should -Contain $CinderAddress
        ($added.Clients | Where-Object Host -eq $CinderAddress).IsLive | Should -BeTrue
        $hash = Get-RemoteHash $Nfs /etc/exports
        Start-Sleep -Seconds 1
        (Set-NfsExport -Session $Nfs -Path /nfs/shared -AddClient "$CinderAddress(rw,sync,no_subtree_check,no_root_squash)" -Apply -WarningAction SilentlyContinue).Changed | Should -BeFalse
        Get-RemoteHash $Nfs /etc/exports | Should -Be $hash
        (Set-NfsExport -Session $Nfs -Path /nfs/shared -RemoveClient $CinderAddress -Apply).Changed | Should -BeTrue
        (Set-NfsExport -Session $Nfs -Path /nfs/shared -RemoveClient $CinderAddress -Apply).Changed | Should -BeFalse
    }

    It 'removes an export; a repeat is Changed = False; a backup holds the old file' {
        $made = New-NfsExport -Session $Nfs -Path /nfs/temporary -Client "$Subnet(ro,sync,no_subtree_check)" -CreateDirectory -Apply
        $gone = Remove-NfsExport -Session $Nfs -Path /nfs/temporary -Apply -Confirm:$false
        $gone.Changed | Should -BeTrue
        (Invoke-NfsCinderCommand -Session $Nfs -ArgumentList cat, $gone.BackupPath).StandardOutput | Should -Match '/nfs/temporary'
        (Get-NfsExport -Session $Nfs -Path /nfs/temporary) | Should -BeNullOrEmpty
        (Remove-NfsExport -Session $Nfs -Path /nfs/temporary -Confirm:$false).Changed | Should -BeFalse
    }

    It 'turns each exportfs error into an error record naming the file and line' {
        Invoke-NfsCinderCommand -Session $Nfs -ArgumentList sh, -c, 'mkdir -p /etc/exports.d && echo "/nfs/shared 10.40.0.9(rw,bogusopt)" > /etc/exports.d/broken.exports' | Out-Null
        try {
            $sync = Sync-NfsExport -Session $Nfs -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'ExportfsError*'
            $failures[0].Exception.Message | Should -Match 'broken\.exports.*1.*bogusopt'
            $sync.Errors | Should -Not -BeNullOrEmpty
        }
        finally { Invoke-NfsCinderCommand -Session $Nfs -ArgumentList rm, -f, /etc/exports.d/broken.exports | Out-Null }
    }

    It 'syncs with exportfs -arv and returns what was exported' {
        $sync = Sync-NfsExport -Session $Nfs
        $sync.Exported | Should -Contain "${Subnet}:/nfs/shared"
        $sync.Errors | Should -BeNullOrEmpty
    }
}

Describe 'Section 2: cinder1 as NFS client' -Tag 'Integration', 'Lab', 'Nfs' -Skip:(-not $HasLab) {
    It 'installs the client; a second run is Changed = False' {
        Install-NfsClient -Session $Cinder | Out-Null
        (Install-NfsClient -Session $Cinder).Changed | Should -BeFalse
    }

    It 'sees the export with showmount -e from cinder1' {
        $remote = Get-NfsRemoteExport -Session $Cinder -Server $NfsAddress
        ($remote | Where-Object Path -eq '/nfs/shared').Clients | Should -Contain $Subnet
    }

    It 'mounts it from the pipeline, df shows it, twice is Changed = False' {
        $mount = Get-NfsExport -Session $Nfs -Path /nfs/shared | Mount-NfsShare -Session $Cinder -MountPath /mnt/x -Server $NfsAddress -CreateMountPoint -Version 4.2
        $mount.Changed | Should -BeTrue
        $mount.Responding | Should -BeTrue
        $mount.SizeBytes | Should -BeGreaterThan 0
        (Mount-NfsShare -Session $Cinder -Server $NfsAddress -ExportPath /nfs/shared -MountPath /mnt/x -Version 4.2).Changed | Should -BeFalse
        $listed = Get-NfsMount -Session $Cinder | Where-Object MountPath -eq '/mnt/x'
        $listed.Server | Should -Be $NfsAddress
        $listed.ExportPath | Should -Be '/nfs/shared'
        $listed.UsePercent | Should -BeGreaterOrEqual 0
    }

    It 'mounts straight from New-NfsExport: the export carries its server' -Skip:(-not $InBuiltLab) {
        # In the lab, nfs1's own name resolves on cinder1, so no -Server is needed.
        $mount = New-NfsExport -Session $Nfs -Path /nfs/shared -Client "$Subnet(rw,sync,no_subtree_check)" |
            Mount-NfsShare -Session $Cinder -MountPath /mnt/piped -CreateMountPoint
        # The kernel may name an already-mounted server by the address it first used.
        $mount.Server | Should -BeIn 'nfs1', $NfsAddress
        $mount.ExportPath | Should -Be '/nfs/shared'
        $mount.Changed | Should -BeTrue
        $mount.Responding | Should -BeTrue
        Dismount-NfsShare -Session $Cinder -MountPath /mnt/piped | Out-Null
    }

    It 'persists a mount in fstab once, with a backup; a repeat leaves fstab untouched' {
        $mount = Mount-NfsShare -Session $Cinder -Server $NfsAddress -ExportPath /nfs/shared -MountPath /mnt/persisted -CreateMountPoint -Persist -Option timeo=100
        $mount.Persistent | Should -BeTrue
        $hash = Get-RemoteHash $Cinder /etc/fstab
        Start-Sleep -Seconds 1
        (Mount-NfsShare -Session $Cinder -Server $NfsAddress -ExportPath /nfs/shared -MountPath /mnt/persisted -Persist -Option timeo=100).Changed | Should -BeFalse
        Get-RemoteHash $Cinder /etc/fstab | Should -Be $hash
        (Invoke-NfsCinderCommand -Session $Cinder -ArgumentList grep, -c, ' /mnt/persisted ', /etc/fstab).StandardOutput.Trim() | Should -Be '1'
        $gone = Dismount-NfsShare -Session $Cinder -MountPath /mnt/persisted -RemovePersistent
        $gone.Changed | Should -BeTrue
        (Invoke-NfsCinderCommand -Session $Cinder -ArgumentList grep, -c, ' /mnt/persisted ', /etc/fstab -AllowedExitCode 0, 1).StandardOutput.Trim() | Should -Be '0'
    }

    It 'reports a failed persisted mount as the mount''s own error and leaves fstab untouched' {
        $hash = Get-RemoteHash $Cinder /etc/fstab
        $failure = $null
        Mount-NfsShare -Session $Cinder -Server $NfsAddress -ExportPath /nfs/not-exported -MountPath /mnt/nfscinder-refused -CreateMountPoint -Persist `
            -TimeoutSec 30 -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'CommandFailed,NfsCinder.Commands.MountNfsShareCommand'
        # mount(8) exits 32 on a mount failure; the message is the mount's, with the server's answer.
        $failure[0].Exception.Message | Should -Match "Mounting ${NfsAddress}:/nfs/not-exported on /mnt/nfscinder-refused failed with exit status 32: .*(denied|No such file)"
        Get-RemoteHash $Cinder /etc/fstab | Should -Be $hash
        Invoke-NfsCinderCommand -Session $Cinder -ArgumentList rmdir, /mnt/nfscinder-refused | Out-Null
    }

    It 'rejects hostile mount input before touching the host' {
        $hash = Get-RemoteHash $Cinder /etc/fstab
        foreach ($bad in @(@{ MountPath = "/mnt/a`nb" }, @{ MountPath = 'relative' }, @{ Option = 'ro,exec=$(id)' }, @{ Option = 'a b' }, @{ Server = 'nfs1;id' }, @{ ExportPath = '/x y' })) {
            $arguments = @{ Server = $NfsAddress; ExportPath = '/nfs/shared'; MountPath = '/mnt/hostile'; Persist = $true }
            foreach ($key in $bad.Keys) { $arguments[$key] = $bad[$key] }
            { Mount-NfsShare -Session $Cinder @arguments -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidMountArgument*'
        }
        Get-RemoteHash $Cinder /etc/fstab | Should -Be $hash
    }

    It 'handles shell metacharacters in a mount path exactly: just a name' {
        $odd = '/mnt/a;touch${IFS}/tmp/pwned;$(id)`reboot`'
        $mount = Mount-NfsShare -Session $Cinder -Server $NfsAddress -ExportPath /nfs/shared -MountPath $odd -CreateMountPoint
        $mount.MountPath | Should -BeExactly $odd
        (Get-NfsMount -Session $Cinder | Where-Object MountPath -eq $odd).Responding | Should -BeTrue
        (Invoke-NfsCinderCommand -Session $Cinder -ArgumentList test, -e, /tmp/pwned -AllowedExitCode 0, 1).ExitCode | Should -Be 1
        (Dismount-NfsShare -Session $Cinder -MountPath $odd).Changed | Should -BeTrue
    }

    It 'really squashes root' {
        Invoke-NfsCinderCommand -Session $Cinder -ArgumentList touch, /mnt/x/as-root -ErrorVariable failure -ErrorAction SilentlyContinue
        "$failure" | Should -Match 'Permission denied'
    }

    It 'lists cinder1 in showmount -a after an NFSv3 mount' {
        Mount-NfsShare -Session $Cinder -Server $NfsAddress -ExportPath /nfs/shared -MountPath /mnt/x3 -CreateMountPoint -Version 3 | Out-Null
        (Get-NfsMountedClient -Session $Nfs).Client | Should -Contain $CinderAddress
    }

    It 'never hangs when the server dies: Get-NfsMount and Get-NfsRemoteExport answer within 15 s' {
        Invoke-NfsCinderCommand -Session $Nfs -ArgumentList systemctl, stop, nfs-server | Out-Null
        Invoke-NfsCinderCommand -Session $Nfs -ArgumentList systemctl, stop, rpcbind.socket, rpcbind | Out-Null
        try {
            $elapsed = Measure-Command { $mounts = Get-NfsMount -Session $Cinder -ResponseTimeoutSec 5 }
            Write-Host ("    Get-NfsMount with nfsd stopped: {0:0.0} s" -f $elapsed.TotalSeconds)
            $elapsed.TotalSeconds | Should -BeLessThan 15
            ($mounts | Where-Object MountPath -eq '/mnt/x').Responding | Should -BeFalse
            $elapsed = Measure-Command { Get-NfsRemoteExport -Session $Cinder -Server $NfsAddress -ErrorVariable failure -ErrorAction SilentlyContinue }
            Write-Host ("    Get-NfsRemoteExport with rpcbind stopped: {0:0.0} s" -f $elapsed.TotalSeconds)
            $elapsed.TotalSeconds | Should -BeLessThan 15
            $failure[0].FullyQualifiedErrorId | Should -BeLike 'Showmount*'
        }
        finally {
            Invoke-NfsCinderCommand -Session $Nfs -ArgumentList systemctl, start, rpcbind, nfs-server | Out-Null
        }
    }

    It 'dismounts from the pipeline; twice is Changed = False' {
        $gone = Get-NfsMount -Session $Cinder | Where-Object MountPath -in '/mnt/x', '/mnt/x3' | Dismount-NfsShare
        $gone | ForEach-Object { $_.Changed | Should -BeTrue }
        (Dismount-NfsShare -Session $Cinder -MountPath /mnt/x).Changed | Should -BeFalse
    }
}

Describe 'Exports files on light hosts' -Tag 'Integration', 'Lab', 'Light', 'Nfs' -Skip:(-not $HasLab) {
    BeforeAll {
        $script:Light = New-LabSession light1
        $script:Original = "# /etc/exports: hand-written`n/srv/keep 192.0.2.0/24(ro,sync,no_subtree_check)   # trailing note`n`n`"/srv/with space`" -sync,no_subtree_check host1 \`n    host2(rw)`n"
        Invoke-NfsCinderCommand -Session $Light -ArgumentList sh, -c, 'printf %s "$1" > /etc/exports', sh, $Original | Out-Null
    }

    It 'adds and removes an export and gives back the file byte for byte' {
        $new = New-NfsExport -Session $Light -Path /srv/added -Client '192.0.2.7(rw,sync,no_subtree_check)'
        $new.Changed | Should -BeTrue
        $new.LineNumber | Should -BeGreaterThan 4
        (Get-NfsExport -Session $Light).Path | Should -Be @('/srv/keep', '/srv/with space', '/srv/added')
        (Remove-NfsExport -Session $Light -Path /srv/added -Confirm:$false).Changed | Should -BeTrue
        (Invoke-NfsCinderCommand -Session $Light -ArgumentList cat, /etc/exports).StandardOutput | Should -BeExactly $Original
    }

    It 'keeps owner and mode of the exports file and leaves no temp files' {
        Invoke-NfsCinderCommand -Session $Light -ArgumentList sh, -c, 'chown nobody:nogroup /etc/exports && chmod 600 /etc/exports' | Out-Null
        New-NfsExport -Session $Light -Path /srv/meta -Client '192.0.2.8(ro,sync,no_subtree_check)' | Out-Null
        (Invoke-NfsCinderCommand -Session $Light -ArgumentList stat, -c, '%U:%G %a', /etc/exports).StandardOutput.Trim() | Should -Be 'nobody:nogroup 600'
        (Invoke-NfsCinderCommand -Session $Light -ArgumentList sh, -c, 'ls -a /etc | grep -c "^\.nfscinder" || true').StandardOutput.Trim() | Should -Be '0'
    }

    It 'writes to a file in /etc/exports.d when asked, and Get-NfsExport reads it from there' {
        Invoke-NfsCinderCommand -Session $Light -ArgumentList mkdir, -p, /etc/exports.d | Out-Null
        $new = New-NfsExport -Session $Light -Path /srv/dropin -Client '192.0.2.9(rw,sync,no_subtree_check)' -File /etc/exports.d/cinder.exports
        $new.SourceFile | Should -Be '/etc/exports.d/cinder.exports'
        (Get-NfsExport -Session $Light -Path /srv/dropin).SourceFile | Should -Be '/etc/exports.d/cinder.exports'
        { New-NfsExport -Session $Light -Path /srv/x -Client '192.0.2.9(rw)' -File /etc/passwd -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidExportsFile*'
    }

    It 'refuses a second, different export of the same path and says to use Set-NfsExport' {
        New-NfsExport -Session $Light -Path /srv/keep -Client '198.51.100.0/24(rw)' -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'ExportExists*'
        $failure[0].ErrorDetails.RecommendedAction | Should -Match 'Set-NfsExport'
    }
}
