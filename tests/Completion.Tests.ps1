# Tab completion as a user gets it (TabExpansion2): session names, and backend names, export
# paths and mount paths read from the host the command line's -Session names.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:HasLight = $HasLab -and @((Get-Content $LabDescriptionPath -Raw | ConvertFrom-Json).Hosts | Where-Object Kind -eq 'light').Count -gt 0
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    function Complete([string] $Line) {
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText
    }
}

AfterAll {
    Get-NfsCinderSession | Remove-NfsCinderSession
}

Describe 'Tab completion' -Tag 'Integration', 'Lab', 'Light', 'Completion' -Skip:(-not $HasLight) {
    BeforeAll {
        $lab = Get-Content $LabDescriptionPath -Raw | ConvertFrom-Json
        $lightName = ($lab.Hosts | Where-Object Kind -eq 'light' | Select-Object -First 1).Name
        # Completion resolves -Session $variable from the global scope, as at a prompt.
        $global:NfsCinderCompletionLight = New-LabSession $lightName
        Invoke-NfsCinderCommand -Session $NfsCinderCompletionLight -ArgumentList sh, -c, 'mkdir -p /srv/complete-one /srv/complete-two' | Out-Null
        New-NfsExport -Session $NfsCinderCompletionLight -Path /srv/complete-one -Client '10.0.0.0/8(ro)' | Out-Null
        New-NfsExport -Session $NfsCinderCompletionLight -Path /srv/complete-two -Client '10.0.0.0/8(ro)' | Out-Null
        Set-CinderNfsBackend -Session $NfsCinderCompletionLight -Share 'nfs1:/nfs/a' -BackendName nfs-gold | Out-Null
        Set-CinderNfsBackend -Session $NfsCinderCompletionLight -Share 'nfs1:/nfs/b' -BackendName nfs-silver -SharesFile /etc/cinder/nfsshares-silver | Out-Null
    }

    AfterAll {
        Remove-Variable NfsCinderCompletionLight -Scope Global -ErrorAction SilentlyContinue
    }

    It 'completes session names' {
        $global:NfsCinderCompletionLight.Name | Should -Not -BeNullOrEmpty
        Complete "Get-NfsCinderSession -Name $($NfsCinderCompletionLight.Name.Substring(0, 3))" | Should -Contain $NfsCinderCompletionLight.Name
        Complete 'Remove-NfsCinderSession -Name zzz-no-such' | Should -BeNullOrEmpty
    }

    It 'completes the NFS backend names of the host''s cinder.conf' {
        $names = Complete 'Get-CinderNfsBackend -Session $NfsCinderCompletionLight -BackendName '
        $names | Should -Contain 'nfs-gold'
        $names | Should -Contain 'nfs-silver'
        $names | Should -Not -Contain 'lvm'
        Complete 'Test-CinderNfsBackend -Session $NfsCinderCompletionLight -BackendName nfs-s' | Should -Be 'nfs-silver'
    }

    It 'completes export paths from the host''s exports files' {
        Complete 'Get-NfsExport -Session $NfsCinderCompletionLight -Path /srv/complete-' | Should -Be '/srv/complete-one', '/srv/complete-two'
        Complete 'Remove-NfsExport -Session $NfsCinderCompletionLight -Path /srv/complete-t' | Should -Be '/srv/complete-two'
    }

    It 'completes NFS mount paths on the host' -Skip:(-not $HasLab) {
        $global:NfsCinderCompletionCinder = New-LabSession cinder1
        $nfs = New-LabSession nfs1
        $address = (Get-LabHost nfs1).LabAddress
        New-NfsExport -Session $nfs -Path /nfs/complete -Client "$($address -replace '\.\d+$', '.0')/24(rw,sync,no_subtree_check)" -CreateDirectory -Apply -ErrorAction Stop | Out-Null
        Mount-NfsShare -Session $NfsCinderCompletionCinder -Server $address -ExportPath /nfs/complete -MountPath /mnt/nfscinder-complete -CreateMountPoint -ErrorAction Stop | Out-Null
        try {
            Complete 'Dismount-NfsShare -Session $NfsCinderCompletionCinder -MountPath /mnt/nfscinder-c' | Should -Be '/mnt/nfscinder-complete'
            Complete 'Get-NfsMount -Session $NfsCinderCompletionCinder -MountPath /mnt/nfscinder-' | Should -Contain '/mnt/nfscinder-complete'
        }
        finally {
            Dismount-NfsShare -Session $NfsCinderCompletionCinder -MountPath /mnt/nfscinder-complete | Out-Null
            Remove-Variable NfsCinderCompletionCinder -Scope Global -ErrorAction SilentlyContinue
        }
    }

    It 'without -Session completes from this machine, not from a lab host' {
        Complete 'Get-NfsExport -Path /srv/complete-' | Should -Not -Contain '/srv/complete-one'
    }
}
