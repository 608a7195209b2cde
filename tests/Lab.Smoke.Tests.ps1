# Proves the lab is real: kernel NFS between two guests, SELinux on compute1, a running
# cinder-volume on cinder1. Everything goes through the module's own sessions.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Nfs = New-LabSession nfs1
    $script:Cinder = New-LabSession cinder1
    $script:Compute = New-LabSession compute1
    # Addresses on the hosts' private network (the lab's 10.40.0.0/24, or yours).
    $script:NfsAddress = (Get-LabHost nfs1).LabAddress
    $script:CinderAddress = (Get-LabHost cinder1).LabAddress
    function Invoke-Lab($Session, [string[]] $Argv, [int] $TimeoutSec = 60) {
        Invoke-NfsCinderCommand -Session $Session -ArgumentList $Argv -TimeoutSec $TimeoutSec -ErrorAction Stop
    }
}

AfterAll {
    if ($script:Cinder) { Invoke-NfsCinderCommand -Session $Cinder -ArgumentList sh, -c, 'umount /mnt/smoke /mnt/smoke3 2>/dev/null; true' -ErrorAction SilentlyContinue | Out-Null }
    if ($script:Nfs) { Invoke-NfsCinderCommand -Session $Nfs -ArgumentList sh, -c, ': > /etc/exports; exportfs -ra' -ErrorAction SilentlyContinue | Out-Null }
    Get-NfsCinderSession | Remove-NfsCinderSession
}

Describe 'The lab' -Tag 'Integration', 'Lab', 'VM' -Skip:(-not $HasLab) {
    It 'gives each VM its own name, role and verified host key' {
        foreach ($session in $Nfs, $Cinder, $Compute) {
            (Invoke-Lab $session hostname).StandardOutput.Trim() | Should -Be $session.Name
            $session.HostKeyFingerprint | Should -Match '^SHA256:'
        }
        @($Nfs, $Cinder, $Compute | ForEach-Object HostKeyFingerprint | Sort-Object -Unique -CaseSensitive).Count | Should -Be 3
    }

    It 'runs Debian 12 with the NFS server on nfs1 and the client on cinder1' {
        # The hosts run in parallel and each result comes as its host finishes: by name, not by order.
        $facts = Get-NfsCinderHost -Session $Nfs, $Cinder
        @($facts.HostName | Sort-Object) | Should -Be @('cinder1', 'nfs1')
        $facts | ForEach-Object { $_.Distribution | Should -Be 'Debian'; $_.OsMajorVersion | Should -Be 12; $_.Init | Should -Be 'Systemd' }
        ($facts | Where-Object HostName -eq 'nfs1').HasNfsServer | Should -BeTrue
        ($facts | Where-Object HostName -eq 'cinder1').HasNfsClient | Should -BeTrue
    }

    It 'serves an export made by hand on nfs1 that showmount on cinder1 lists' {
        Invoke-Lab $Nfs sh, -c, 'mkdir -p /nfs/smoke && echo smoke-data > /nfs/smoke/hello && echo "/nfs/smoke $1(rw,sync,no_subtree_check)" > /etc/exports && exportfs -ra', sh, $CinderAddress | Out-Null
        $list = (Invoke-Lab $Cinder showmount, -e, $NfsAddress -TimeoutSec 30).StandardOutput
        $list | Should -Match "Export list for $([regex]::Escape($NfsAddress)):"
        $list | Should -Match "/nfs/smoke\s+$([regex]::Escape($CinderAddress))"
        if ($NfsAddress -eq '10.40.0.1') { (Invoke-Lab $Cinder showmount, -e, nfs1).StandardOutput | Should -Match 'Export list for nfs1:' }
    }

    It 'lets cinder1 mount it with the kernel NFS client, and df shows it' {
        Invoke-Lab $Cinder mkdir, -p, /mnt/smoke | Out-Null
        Invoke-Lab $Cinder mount, -t, nfs, "${NfsAddress}:/nfs/smoke", /mnt/smoke -TimeoutSec 45 | Out-Null
        (Invoke-Lab $Cinder cat, /mnt/smoke/hello).StandardOutput.Trim() | Should -Be 'smoke-data'
        (Invoke-Lab $Cinder df, -h, /mnt/smoke).StandardOutput | Should -Match "$([regex]::Escape($NfsAddress)):/nfs/smoke\s+\S+\s+\S+\s+\S+\s+\d+%\s+/mnt/smoke"
        (Invoke-Lab $Cinder findmnt, -n, -o, FSTYPE, /mnt/smoke).StandardOutput.Trim() | Should -BeLike 'nfs*'
    }

    It 'squashes root on the export (root_squash is the default)' {
        Invoke-NfsCinderCommand -Session $Cinder -ArgumentList touch, /mnt/smoke/as-root -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].Exception.Message | Should -Match 'Permission denied'
    }

    It 'lists cinder1 in showmount -a on nfs1 after an NFSv3 mount (v4 mounts skip mountd)' {
        Invoke-Lab $Cinder mkdir, -p, /mnt/smoke3 | Out-Null
        Invoke-Lab $Cinder mount, -t, nfs, -o, vers=3, "${NfsAddress}:/nfs/smoke", /mnt/smoke3 -TimeoutSec 45 | Out-Null
        (Invoke-Lab $Nfs showmount, -a, --no-headers).StandardOutput | Should -Match "$([regex]::Escape($CinderAddress)):/nfs/smoke"
    }

    It 'has SELinux on compute1 with virt_use_nfs off' {
        (Invoke-Lab $Compute getenforce).StandardOutput.Trim() | Should -BeIn 'Permissive', 'Enforcing'
        (Invoke-Lab $Compute getsebool, virt_use_nfs).StandardOutput.Trim() | Should -Be 'virt_use_nfs --> off'
        (Get-NfsCinderHost -Session $Compute).SELinux | Should -BeIn 'Permissive', 'Enforcing'
    }

    It 'runs the real cinder-volume on cinder1 (and only there)' {
        (Invoke-Lab $Cinder systemctl, is-active, cinder-volume).StandardOutput.Trim() | Should -Be 'active'
        # Python starting cinder under TCG on a loaded machine has taken over 60 s: bound it generously.
        (Invoke-Lab $Cinder cinder-volume, --version -TimeoutSec 300).StandardOutput.Trim() | Should -Match '^\d+\.\d+'
        (Get-NfsCinderHost -Session $Cinder).HasCinderVolume | Should -BeTrue
        (Invoke-NfsCinderCommand -Session $Nfs -ArgumentList systemctl, is-active, cinder-volume -AllowedExitCode 0, 3).StandardOutput.Trim() | Should -Not -Be 'active'
    }
}
