# Section 1 of the seed workflow through the server and export cmdlets (Install-NfsServer,
# New/Get/Set/Remove/Sync-NfsExport) on the lab's real nfs1 (kernel NFS), and exports files on
# light hosts. Section 2 (NfsMount.Tests.ps1) runs next and mounts the /nfs/shared export made here.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Nfs = New-LabSession nfs1
    $script:Cinder = New-LabSession cinder1
    $script:NfsAddress = (Get-LabHost nfs1).LabAddress
    $script:CinderAddress = (Get-LabHost cinder1).LabAddress
    $script:Subnet = ($NfsAddress -replace '\.\d+$', '.0') + '/24'
}

AfterAll {
    # Section 1 mounts nothing; cinder1's mounts are cleaned up after section 2 (NfsMount.Tests.ps1).
    Get-NfsCinderSession | Remove-NfsCinderSession
}

Describe 'Section 1: the NFS server on nfs1' -Tag 'Integration', 'Lab', 'VM', 'Nfs', 'NfsExport', 'NfsServer' -Skip:(-not $HasLab) {
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
        $hash = Get-RemoteFileState -Session $Nfs -Path /etc/exports
        Start-Sleep -Seconds 1
        $again = New-NfsExport -Session $Nfs -Path /nfs/shared -Client "$Subnet(rw,sync,no_subtree_check)" -CreateDirectory -Mode 0755 -Apply
        $again.Changed | Should -BeFalse
        Get-RemoteFileState -Session $Nfs -Path /etc/exports | Should -Be $hash
    }

    It 'lists the export with its live options from exportfs -v' {
        $export = Get-NfsExport -Session $Nfs -Path /nfs/shared
        $export.IsLive | Should -BeTrue
        $export.Clients[0].Host | Should -Be $Subnet
        $export.Clients[0].EffectiveOptions | Should -Contain 'root_squash'
    }

    It 'changes nothing with -WhatIf' {
        $hash = Get-RemoteFileState -Session $Nfs -Path /etc/exports
        Set-NfsExport -Session $Nfs -Path /nfs/shared -Client "$Subnet(ro,sync,no_subtree_check)" -Apply -WhatIf
        New-NfsExport -Session $Nfs -Path /nfs/whatif -Client "$Subnet(rw)" -CreateDirectory -WhatIf
        Remove-NfsExport -Session $Nfs -Path /nfs/shared -WhatIf
        Get-RemoteFileState -Session $Nfs -Path /etc/exports | Should -Be $hash
        (Invoke-NfsCinderCommand -Session $Nfs -ArgumentList test, -e, /nfs/whatif -AllowedExitCode 0, 1).ExitCode | Should -Be 1
    }

    It 'rejects hostile input before touching anything' {
        $hash = Get-RemoteFileState -Session $Nfs -Path /etc/exports
        foreach ($bad in @('/nfs/x;reboot', '/nfs/$(id)', "/nfs/a`nb", 'relative/path', '/nfs/"q"')) {
            { New-NfsExport -Session $Nfs -Path $bad -Client "$Subnet(rw)" -ErrorAction Stop } | Should -Throw
        }
        foreach ($bad in @('10.0.0.0/24(rw);reboot', '$(id)', '`id`(rw)', 'host name(rw)', '10.0.0.0/33(rw)', '10.0.0.1(rw,ro)', '10.0.0.1(sync,async)', '10.0.0.1(bogus)')) {
            { New-NfsExport -Session $Nfs -Path /nfs/hostile -Client $bad -ErrorAction Stop } | Should -Throw
        }
        Get-RemoteFileState -Session $Nfs -Path /etc/exports | Should -Be $hash
    }

    It 'adds and removes clients with Set-NfsExport; a repeat is Changed = False with the file untouched' {
        $added = Set-NfsExport -Session $Nfs -Path /nfs/shared -AddClient "$CinderAddress(rw,sync,no_subtree_check,no_root_squash)" -Apply -WarningAction SilentlyContinue
        $added.Changed | Should -BeTrue
        $added.Clients.Host | Should -Contain $CinderAddress
        ($added.Clients | Where-Object Host -eq $CinderAddress).IsLive | Should -BeTrue
        $hash = Get-RemoteFileState -Session $Nfs -Path /etc/exports
        Start-Sleep -Seconds 1
        (Set-NfsExport -Session $Nfs -Path /nfs/shared -AddClient "$CinderAddress(rw,sync,no_subtree_check,no_root_squash)" -Apply -WarningAction SilentlyContinue).Changed | Should -BeFalse
        Get-RemoteFileState -Session $Nfs -Path /etc/exports | Should -Be $hash
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

Describe 'Exports files on light hosts' -Tag 'Integration', 'Lab', 'Light', 'Nfs', 'NfsExport' -Skip:(-not $HasLab) {
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
