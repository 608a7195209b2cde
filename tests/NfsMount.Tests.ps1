# Section 2 of the seed workflow: cinder1 as NFS client (Install-NfsClient, Get-NfsRemoteExport,
# Mount-NfsShare, Get-NfsMount, Dismount-NfsShare, Get-NfsMountedClient) on the lab's real nfs1
# and cinder1 (kernel NFS). It mounts the /nfs/shared export that section 1
# (NfsExport.Tests.ps1) leaves on nfs1, so Invoke-PesterSuite.ps1 runs that file just before.
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
}

AfterAll {
    if ($script:Cinder) { Get-NfsMount -Session $Cinder -ErrorAction SilentlyContinue | Dismount-NfsShare -Force -ErrorAction SilentlyContinue }
    Get-NfsCinderSession | Remove-NfsCinderSession
}

Describe 'Section 2: cinder1 as NFS client' -Tag 'Integration', 'Lab', 'VM', 'Nfs', 'NfsMount' -Skip:(-not $HasLab) {
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
        $hash = Get-RemoteFileState -Session $Cinder -Path /etc/fstab
        Start-Sleep -Seconds 1
        (Mount-NfsShare -Session $Cinder -Server $NfsAddress -ExportPath /nfs/shared -MountPath /mnt/persisted -Persist -Option timeo=100).Changed | Should -BeFalse
        Get-RemoteFileState -Session $Cinder -Path /etc/fstab | Should -Be $hash
        (Invoke-NfsCinderCommand -Session $Cinder -ArgumentList grep, -c, ' /mnt/persisted ', /etc/fstab).StandardOutput.Trim() | Should -Be '1'
        $gone = Dismount-NfsShare -Session $Cinder -MountPath /mnt/persisted -RemovePersistent
        $gone.Changed | Should -BeTrue
        (Invoke-NfsCinderCommand -Session $Cinder -ArgumentList grep, -c, ' /mnt/persisted ', /etc/fstab -AllowedExitCode 0, 1).StandardOutput.Trim() | Should -Be '0'
    }

    It 'reports a failed persisted mount as the mount''s own error and leaves fstab untouched' {
        $hash = Get-RemoteFileState -Session $Cinder -Path /etc/fstab
        $failure = $null
        Mount-NfsShare -Session $Cinder -Server $NfsAddress -ExportPath /nfs/not-exported -MountPath /mnt/nfscinder-refused -CreateMountPoint -Persist `
            -TimeoutSec 30 -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'CommandFailed,NfsCinder.Commands.MountNfsShareCommand'
        # mount(8) exits 32 on a mount failure; the message is the mount's, with the server's answer.
        $failure[0].Exception.Message | Should -Match "Mounting ${NfsAddress}:/nfs/not-exported on /mnt/nfscinder-refused failed with exit status 32: .*(denied|No such file)"
        Get-RemoteFileState -Session $Cinder -Path /etc/fstab | Should -Be $hash
        Invoke-NfsCinderCommand -Session $Cinder -ArgumentList rmdir, /mnt/nfscinder-refused | Out-Null
    }

    It 'rejects hostile mount input before touching the host' {
        $hash = Get-RemoteFileState -Session $Cinder -Path /etc/fstab
        foreach ($bad in @(@{ MountPath = "/mnt/a`nb" }, @{ MountPath = 'relative' }, @{ Option = 'ro,exec=$(id)' }, @{ Option = 'a b' }, @{ Server = 'nfs1;id' }, @{ ExportPath = '/x y' })) {
            $arguments = @{ Server = $NfsAddress; ExportPath = '/nfs/shared'; MountPath = '/mnt/hostile'; Persist = $true }
            foreach ($key in $bad.Keys) { $arguments[$key] = $bad[$key] }
            { Mount-NfsShare -Session $Cinder @arguments -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidMountArgument*'
        }
        Get-RemoteFileState -Session $Cinder -Path /etc/fstab | Should -Be $hash
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
