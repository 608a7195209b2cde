# Sections 1 and 2 of the seed workflow through the NFS cmdlets, on the lab's real nfs1 and
# cinder1 (kernel NFS), and file-level cases on light hosts.
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
        $first = Install-NfsServer -Session $Nfs
        $first.ComputerName | Should -Be $Nfs.ComputerName
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
