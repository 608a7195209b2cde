# nova.conf's [libvirt] NFS options on compute hosts: Get- and Set-NovaNfsSetting on the lab's
# light hosts, each with Debian's shipped /etc/nova/nova.conf (root:nova 0640).
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:LightCount = if ($HasLab) { @((Get-Content $LabDescriptionPath -Raw | ConvertFrom-Json).Hosts | Where-Object Kind -eq 'light').Count } else { 0 }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $lab = Get-Content $LabDescriptionPath -Raw | ConvertFrom-Json
    $script:Lights = @($lab.Hosts | Where-Object Kind -eq 'light' | Select-Object -First 3 | ForEach-Object { New-LabSession $_.Name })
    $script:Light = $Lights[0]
    $script:Shipped = Get-Content (Join-Path $PSScriptRoot 'fixtures/nova/debian12-nova.conf.shipped') -Raw
    function Get-NovaConf([object] $Session) { (Invoke-NfsCinderCommand -Session $Session -ArgumentList cat, /etc/nova/nova.conf).StandardOutput }
    # The file is too big for a command line: each host keeps its own copy of how it started
    # (in its private /var), with owner and mode.
    function Reset-NovaConf([object] $Session) {
        Invoke-NfsCinderCommand -Session $Session -ArgumentList sh, -c, 'cp -p /var/tmp/nova.conf.shipped /etc/nova/nova.conf && rm -f /etc/nova/nova.conf.*.bak' | Out-Null
    }
    foreach ($session in $Lights) {
        Invoke-NfsCinderCommand -Session $session -ArgumentList sh, -c, '[ -e /var/tmp/nova.conf.shipped ] || cp -p /etc/nova/nova.conf /var/tmp/nova.conf.shipped' | Out-Null
        (Invoke-NfsCinderCommand -Session $session -ArgumentList sha256sum, /var/tmp/nova.conf.shipped).StandardOutput.Split(' ')[0] |
            Should -Be (Get-FileHash (Join-Path $PSScriptRoot 'fixtures/nova/debian12-nova.conf.shipped') -Algorithm SHA256).Hash.ToLowerInvariant()
    }
}

AfterAll {
    foreach ($session in $Lights) { Reset-NovaConf $session }
    Get-NfsCinderSession | Remove-NfsCinderSession
}

Describe 'Get-NovaNfsSetting and Set-NovaNfsSetting' -Tag 'Integration', 'Lab', 'Light', 'Nova' -Skip:($LightCount -lt 1) {
    BeforeEach { foreach ($session in $Lights) { Reset-NovaConf $session } }

    It "reads Debian's shipped nova.conf as nova does, in one round trip" {
        $count = $Light.CommandCount
        $setting = Get-NovaNfsSetting -Session $Light
        $Light.CommandCount - $count | Should -Be 1
        $setting.MountPointBase | Should -Be '/var/lib/nova/mnt'
        $setting.MountPointBaseSetting | Should -BeNullOrEmpty
        $setting.StatePath | Should -Be '/var/lib/nova'
        $setting.MountOptions | Should -BeNullOrEmpty
        $setting.ConfigFile | Should -Be '/etc/nova/nova.conf'
    }

    It 'sets both options below their commented examples, keeps owner and mode, backs up the file; a second run changes nothing' {
        $set = Set-NovaNfsSetting -Session $Light -MountOptions vers=4.1, timeo=600 -MountPointBase '$state_path/nfs' -WarningAction SilentlyContinue
        $set.Changed | Should -BeTrue
        $set.MountOptions | Should -Be 'vers=4.1,timeo=600'
        $set.MountPointBase | Should -Be '/var/lib/nova/nfs'
        $set.BackupPath | Should -Match '^/etc/nova/nova\.conf\.\d{8}T\d{6}Z\.bak$'
        $text = Get-NovaConf $Light
        $text | Should -BeLike "*#nfs_mount_options = <None>`nnfs_mount_options = vers=4.1,timeo=600`n*"
        $text | Should -BeLike "*#nfs_mount_point_base = `$state_path/mnt`nnfs_mount_point_base = `$state_path/nfs`n*"
        (Invoke-NfsCinderCommand -Session $Light -ArgumentList stat, -c, '%U:%G %a', /etc/nova/nova.conf).StandardOutput.Trim() | Should -Be 'root:nova 640'
        (Invoke-NfsCinderCommand -Session $Light -ArgumentList cat, $set.BackupPath).StandardOutput | Should -BeExactly $Shipped

        $count = $Light.CommandCount
        $again = Set-NovaNfsSetting -Session $Light -MountOptions vers=4.1, timeo=600 -MountPointBase '$state_path/nfs'
        $again.Changed | Should -BeFalse
        $Light.CommandCount - $count | Should -Be 1 -Because 'a run with nothing to change only reads'
        (Get-NovaNfsSetting -Session $Light).MountOptions | Should -Be 'vers=4.1,timeo=600'
    }

    It 'gives back the shipped bytes with -Unset' {
        Set-NovaNfsSetting -Session $Light -MountOptions vers=3 -WarningAction SilentlyContinue | Out-Null
        (Set-NovaNfsSetting -Session $Light -Unset nfs_mount_options -WarningAction SilentlyContinue).Changed | Should -BeTrue
        Get-NovaConf $Light | Should -BeExactly $Shipped
    }

    It 'changes nothing with -WhatIf' {
        $before = Get-RemoteFileState -Session $Light -Path /etc/nova/nova.conf
        Set-NovaNfsSetting -Session $Light -MountOptions vers=4.2 -WhatIf | Should -BeNullOrEmpty
        Get-RemoteFileState -Session $Light -Path /etc/nova/nova.conf | Should -Be $before
    }

    It "takes the mount options of a Cinder backend from the pipeline, on several compute hosts at once" {
        $cinder = $Lights[-1]
        $backend = Set-CinderNfsBackend -Session $cinder -Share 192.0.2.10:/srv/nova-test -BackendName novatest -MountOptions vers=4.1, nosharecache -WarningAction SilentlyContinue
        try {
            $settings = @(Get-CinderNfsBackend -Session $cinder -BackendName novatest | Set-NovaNfsSetting -Session $Lights -WarningAction SilentlyContinue)
            $settings.Count | Should -Be $Lights.Count
            $settings | ForEach-Object { $_.MountOptions | Should -Be 'vers=4.1,nosharecache'; $_.Changed | Should -BeTrue }
            # Each host kept as its own: the pipeline gave options, never the Cinder host as target.
            @($settings.Session.Name | Sort-Object) | Should -Be @($Lights.Name | Sort-Object)
            foreach ($session in $Lights) { (Get-NovaNfsSetting -Session $session).MountOptions | Should -Be 'vers=4.1,nosharecache' }
        }
        finally { Remove-CinderNfsBackend -Session $cinder -BackendName novatest -RemoveSharesFile -Confirm:$false -WarningAction SilentlyContinue -ErrorAction SilentlyContinue | Out-Null }
    }

    It 'refuses backends that mount differently, and bad values, before touching any host' {
        $before = Get-RemoteFileState -Session $Light -Path /etc/nova/nova.conf
        $config = "[DEFAULT]`nenabled_backends = a,b`n[a]`nvolume_driver = cinder.volume.drivers.nfs.NfsDriver`nnfs_mount_options = vers=3`n[b]`nvolume_driver = cinder.volume.drivers.nfs.NfsDriver`n"
        $count = $Light.CommandCount
        { Set-NovaNfsSetting -Session $Light -MountPointBase relative/mnt -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidNovaNfsSetting,NfsCinder.Commands.SetNovaNfsSettingCommand'
        { Set-NovaNfsSetting -Session $Light -MountOptions 'vers=4.1 timeo=600' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidNovaNfsSetting,NfsCinder.Commands.SetNovaNfsSettingCommand'
        { Set-NovaNfsSetting -Session $Light -ErrorAction Stop } | Should -Throw '*Nothing to set*'
        $Light.CommandCount - $count | Should -Be 0
        Get-RemoteFileState -Session $Light -Path /etc/nova/nova.conf | Should -Be $before
    }

    It 'refuses two Cinder backends whose mount options differ, naming both' {
        $cinder = $Lights[-1]
        $a = Set-CinderNfsBackend -Session $cinder -Share 192.0.2.10:/srv/a -BackendName novaa -MountOptions vers=3 -WarningAction SilentlyContinue
        $b = Set-CinderNfsBackend -Session $cinder -Share 192.0.2.10:/srv/b -BackendName novab -WarningAction SilentlyContinue
        try {
            $before = Get-RemoteFileState -Session $Light -Path /etc/nova/nova.conf
            { $a, $b | Set-NovaNfsSetting -Session $Light -ErrorAction Stop } | Should -Throw '*novaa: vers=3*novab: (none)*'
            Get-RemoteFileState -Session $Light -Path /etc/nova/nova.conf | Should -Be $before
        }
        finally { foreach ($name in "novaa", "novab") { Remove-CinderNfsBackend -Session $cinder -BackendName $name -RemoveSharesFile -Confirm:$false -WarningAction SilentlyContinue -ErrorAction SilentlyContinue | Out-Null } }
    }

    It 'says what to do on a host without nova.conf' {
        Invoke-NfsCinderCommand -Session $Light -ArgumentList rm, -f, /etc/nova/nova.conf | Out-Null
        Get-NovaNfsSetting -Session $Light -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'NovaConfigMissing*'
        $failure[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        "$($failure[0].ErrorDetails.RecommendedAction)$($failure[0].Exception.Message)" | Should -Match 'nova-compute'
    }
}
