# Section 4 of the workflow: virt_use_nfs on the lab's SELinux host, persistent across a
# real reboot of the guest; hosts without SELinux answer NotApplicable, not an error.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Compute = New-LabSession compute1
    $script:Nfs = New-LabSession nfs1
    function Get-BootId { (Invoke-NfsCinderCommand -Session $Compute -ArgumentList cat, /proc/sys/kernel/random/boot_id).StandardOutput.Trim() }
}

AfterAll {
    Get-NfsCinderSession | Remove-NfsCinderSession
}

Describe 'virt_use_nfs on compute1' -Tag 'Integration', 'Lab', 'VM', 'Selinux', 'VirtUseNfs' -Skip:(-not $HasLab) {
    It 'starts off, with SELinux active' {
        Disable-VirtUseNfs -Session $Compute | Out-Null
        $state = Get-VirtUseNfs -Session $Compute
        $state.Status | Should -Be 'Applicable'
        $state.SELinuxMode | Should -BeIn 'Permissive', 'Enforcing'
        $state.Value | Should -BeFalse
        $state.PersistentValue | Should -BeFalse
    }

    It 'changes nothing with -WhatIf' {
        Enable-VirtUseNfs -Session $Compute -WhatIf | Out-Null
        (Invoke-NfsCinderCommand -Session $Compute -ArgumentList getsebool, virt_use_nfs).StandardOutput.Trim() | Should -Be 'virt_use_nfs --> off'
    }

    It 'turns it on persistently; a second run is Changed = False' {
        $on = Enable-VirtUseNfs -Session $Compute
        $on.Changed | Should -BeTrue
        $on.Value | Should -BeTrue
        $on.PersistentValue | Should -BeTrue
        (Invoke-NfsCinderCommand -Session $Compute -ArgumentList getsebool, virt_use_nfs).StandardOutput.Trim() | Should -Be 'virt_use_nfs --> on'
        (Enable-VirtUseNfs -Session $Compute).Changed | Should -BeFalse
    }

    It 'is still on after a reboot of the guest' {
        $before = Get-BootId
        Invoke-NfsCinderCommand -Session $Compute -ArgumentList systemd-run, --on-active=1, systemctl, reboot | Out-Null
        # The session reconnects on its own once sshd is back (same verified host key).
        $deadline = [DateTime]::UtcNow.AddSeconds(180)
        $after = $before
        while ($after -eq $before -and [DateTime]::UtcNow -lt $deadline) {
            Start-Sleep -Seconds 3
            try { $after = Get-BootId } catch { }
        }
        $after | Should -Not -Be $before -Because 'the guest must really have rebooted'
        $state = Get-VirtUseNfs -Session $Compute
        $state.Value | Should -BeTrue
        $state.PersistentValue | Should -BeTrue
    }

    It 'turns it off again' {
        $off = Disable-VirtUseNfs -Session $Compute
        $off.Changed | Should -BeTrue
        $off.Value | Should -BeFalse
        $off.PersistentValue | Should -BeFalse
    }
}

Describe 'virt_use_nfs where SELinux is off' -Tag 'Integration', 'Lab', 'VM', 'Selinux', 'VirtUseNfs' -Skip:(-not $HasLab) {
    It 'answers NotApplicable with a warning, not an error, and changes nothing' {
        $state = Enable-VirtUseNfs -Session $Nfs -WarningVariable warned -WarningAction SilentlyContinue -ErrorVariable failed
        $state.Status | Should -Be 'NotApplicable'
        $state.Changed | Should -BeFalse
        $state.Value | Should -BeNullOrEmpty
        $failed | Should -BeNullOrEmpty
        "$warned" | Should -Match 'does not apply'
    }
}
