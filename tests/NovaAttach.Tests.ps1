# Section 4 of the workflow for real: a volume file on nfs1's export, mounted on compute1 where
# nova mounts it (os-brick's own connector, <nfs_mount_point_base>/<md5>), attached with virsh
# to a running (paused) domain under enforcing SELinux. Refused while virt_use_nfs is off,
# found by Find-NfsCinderProblem in the logs the refusal wrote, attached after Enable-VirtUseNfs.
# Test-NovaNfsHost's dry attach must agree with the real attach both times.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:LightCount = if ($HasLab) { @((Get-Content $LabDescriptionPath -Raw | ConvertFrom-Json).Hosts | Where-Object Kind -eq 'light').Count } else { 0 }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Compute = New-LabSession compute1
    $script:Nfs = New-LabSession nfs1
    # The Cinder side only has to say which share and options: a light host's cinder.conf,
    # written by Set-CinderNfsBackend like cinder1's, without restarting a cinder-volume.
    $script:CinderConf = Get-LabHost -Light -Count 1 | Open-LabHostSession
    $script:Export = '/srv/nova-attach'
    $script:Share = "$((Get-LabHost nfs1).LabAddress):$Export"
    $script:Volume = 'volume-6f1b1c1e-5b0e-4c37-9d1a-1f6d2c0a7e11'
    $script:Timings = [ordered]@{}
    function Invoke-Guest([object] $Session, [string[]] $Arguments) {
        $r = Invoke-NfsCinderCommand -Session $Session -ArgumentList $Arguments -ErrorAction Stop
        $r.StandardOutput
    }
    # virsh attach-disk as nova's libvirt driver does it: the file on nova's mount, virtio, raw.
    function Invoke-Attach {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $r = Invoke-NfsCinderCommand -Session $Compute -ArgumentList sh, -c, 'virsh attach-disk nfscinder-attach "$1" vdb --targetbus virtio --driver qemu --subdriver raw 2>&1; echo "rc=$?"', sh, "$script:MountPoint/$Volume"
        [pscustomobject]@{ Output = $r.StandardOutput; Seconds = $watch.Elapsed.TotalSeconds }
    }

    Invoke-Guest $CinderConf @('sh', '-c', 'rm -rf /var/tmp/cinder-before-attach && cp -a /etc/cinder /var/tmp/cinder-before-attach') | Out-Null
    Invoke-Guest $Compute @('sh', '-c', 'cp -p /etc/nova/nova.conf /var/tmp/nova.conf.before-attach') | Out-Null

    # nfs1: the export and a volume file as Cinder's NFS driver leaves it (raw, mode 0666 as
    # with nas_secure_file_permissions=false).
    Invoke-Guest $Nfs @('mkdir', '-p', $Export) | Out-Null
    New-NfsExport -Session $Nfs -Path $Export -Client "$((Get-LabHost compute1).LabAddress)(rw,sync,no_subtree_check)" -Apply -ErrorAction Stop | Out-Null
    Invoke-Guest $Nfs @('sh', '-c', 'qemu-img create -q -f raw "$1" 16M && chmod 0666 "$1"', 'sh', "$Export/$Volume") | Out-Null

    $script:Backend = Set-CinderNfsBackend -Session $CinderConf -BackendName nova-attach -Share $Share -MountOptions vers=4.1 -ErrorAction Stop
    $Backend | Set-NovaNfsSetting -Session $Compute -WarningAction SilentlyContinue -ErrorAction Stop | Out-Null
    $script:MountBase = (Get-NovaNfsSetting -Session $Compute).MountPointBase

    Disable-VirtUseNfs -Session $Compute -Temporary -ErrorAction Stop | Out-Null
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $mountScript = Get-Content (Join-Path $PSScriptRoot 'support/guest/nova-mount.py') -Raw
    $script:MountPoint = (Invoke-Guest $Compute @('python3', '-c', $mountScript, $Share, $MountBase, 'vers=4.1')).Trim()
    $Timings['os-brick mount'] = $watch.Elapsed.TotalSeconds
    $watch.Restart()
    $xml = Get-Content (Join-Path $PSScriptRoot 'support/guest/attach-domain.xml') -Raw
    Invoke-Guest $Compute @('sh', '-c', 'printf "%s" "$1" > /run/nfscinder-attach.xml && virsh create /run/nfscinder-attach.xml --paused', 'sh', $xml) | Out-Null
    $Timings['paused domain start'] = $watch.Elapsed.TotalSeconds
    $script:Since = [DateTime]::Parse((Invoke-Guest $Compute @('date', '+%Y-%m-%d %H:%M:%S')).Trim(), [Globalization.CultureInfo]::InvariantCulture)
}

AfterAll {
    if ($Compute) {
        Invoke-NfsCinderCommand -Session $Compute -ArgumentList sh, -c, 'virsh destroy nfscinder-attach >/dev/null 2>&1; rm -f /run/nfscinder-attach.xml; [ -n "$1" ] && umount "$1"; cp -p /var/tmp/nova.conf.before-attach /etc/nova/nova.conf; rm -f /etc/nova/nova.conf.*.bak', sh, "$script:MountPoint" -ErrorAction SilentlyContinue | Out-Null
        Disable-VirtUseNfs -Session $Compute -Temporary -ErrorAction SilentlyContinue | Out-Null
    }
    if ($Nfs) {
        Remove-NfsExport -Session $Nfs -Path $Export -Apply -Confirm:$false -ErrorAction SilentlyContinue | Out-Null
        Invoke-NfsCinderCommand -Session $Nfs -ArgumentList rm, -rf, $Export -ErrorAction SilentlyContinue | Out-Null
    }
    if ($CinderConf) {
        Invoke-NfsCinderCommand -Session $CinderConf -ArgumentList sh, -c, 'rm -rf /etc/cinder && mv /var/tmp/cinder-before-attach /etc/cinder' -ErrorAction SilentlyContinue | Out-Null
    }
    if ($Timings.Count) { Write-Host ('compute1 attach test: ' + (($Timings.GetEnumerator() | ForEach-Object { '{0} {1:0.0} s' -f $_.Key, $_.Value }) -join ', ')) }
    Get-NfsCinderSession | Remove-NfsCinderSession
}

Describe 'The seed attach failure on compute1 (libvirt, qemu, SELinux enforcing)' -Tag 'Integration', 'Lab', 'VM', 'Selinux', 'Nova', 'Attach' -Skip:(-not $HasLab -or $LightCount -lt 1) {
    It 'runs qemu confined: SELinux enforcing, the domain as svirt_t' {
        (Get-VirtUseNfs -Session $Compute).SELinuxMode | Should -Be 'Enforcing'
        Invoke-Guest $Compute @('sh', '-c', 'ps -eo label,comm | grep qemu-system') | Should -Match ':svirt_t:'
        $MountPoint | Should -Be "$MountBase/$((Get-CinderNfsBackend -Session $CinderConf -BackendName nova-attach).MountPoints[0] | Split-Path -Leaf)"
    }

    It 'Test-NovaNfsHost fails the dry attach while virt_use_nfs is off, without touching the share' {
        $checks = $Backend | Test-NovaNfsHost -Session $Compute
        ($checks | Where-Object Check -eq 'VirtUseNfs').Status | Should -Be 'Fail'
        ($checks | Where-Object Check -eq 'VirtUseNfs').Remedy | Should -Be 'Enable-VirtUseNfs -Session $compute'
        ($checks | Where-Object Check -eq 'ShareMountable').Status | Should -Be 'Pass'
        ($checks | Where-Object Check -eq 'ShareMountable').Detail | Should -Match ([regex]::Escape($MountPoint))
        ($checks | Where-Object Check -eq 'MountOptions').Status | Should -Be 'Pass'
        $dry = $checks | Where-Object Check -eq 'DryAttach'
        $dry.Status | Should -Be 'Fail'
        $dry.Detail | Should -Match 'nfs_t'
        ($checks | Where-Object Check -eq 'NfsClient').Status | Should -Be 'Pass'
        ($checks | Where-Object Check -eq 'Hypervisor').Status | Should -Be 'Pass'
        $Backend | Test-NovaNfsHost -Session $Compute -Quiet | Should -BeFalse
    }

    It 'virsh attach-disk fails: SELinux keeps libvirt and qemu off the NFS file' {
        $attach = Invoke-Attach
        $Timings['failing attach'] = $attach.Seconds
        $attach.Output | Should -Match 'Permission denied'
        $attach.Output | Should -Match 'rc=1'
        Invoke-Guest $Compute @('virsh', 'domblklist', 'nfscinder-attach') | Should -Not -Match $Volume
    }

    It 'Find-NfsCinderProblem finds the refusal in the logs it wrote and names Enable-VirtUseNfs' {
        # The journal may take a moment to hold what libvirtd logged.
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        do {
            $findings = @(Find-NfsCinderProblem -Session $Compute -Since $Since)
            if ($findings.Signature -contains 'LibvirtAccessDenied' -and $findings.Signature -contains 'SelinuxNfsDenied') { break }
            Start-Sleep -Seconds 2
        } while ([DateTime]::UtcNow -lt $deadline)
        $libvirt = $findings | Where-Object Signature -eq 'LibvirtAccessDenied'
        $libvirt.LogFile | Should -Be 'journal:libvirtd,virtqemud'
        $libvirt.Evidence | Should -Match ([regex]::Escape("$MountPoint/$Volume"))
        $avc = $findings | Where-Object Signature -eq 'SelinuxNfsDenied'
        $avc.Evidence | Should -Match 'tcontext=system_u:object_r:nfs_t'
        foreach ($finding in $libvirt, $avc) { $finding.Fix | Should -Be 'Enable-VirtUseNfs -Session $compute' }
    }

    It 'attaches after Enable-VirtUseNfs, and the dry attach agrees' {
        Enable-VirtUseNfs -Session $Compute -Temporary | Select-Object -ExpandProperty Value | Should -BeTrue
        $attach = Invoke-Attach
        $Timings['attach after Enable-VirtUseNfs'] = $attach.Seconds
        $attach.Output | Should -Match 'Disk attached successfully'
        Invoke-Guest $Compute @('virsh', 'domblklist', 'nfscinder-attach') | Should -Match ([regex]::Escape("$MountPoint/$Volume"))
        $checks = $Backend | Test-NovaNfsHost -Session $Compute
        ($checks | Where-Object Check -eq 'DryAttach').Status | Should -Be 'Pass'
        $checks | Where-Object Status -eq 'Fail' | Should -BeNullOrEmpty
    }
}
