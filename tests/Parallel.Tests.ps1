# Many hosts at once (issue 7): parallel work with -ThrottleLimit, streaming, one host's
# failure kept to that host, Ctrl+C, pipeline input, parallel session open; and the round
# trips each cmdlet costs per host, counted by the runner, so a regression fails here.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:LightCount = if ($HasLab) { @((Get-Content $LabDescriptionPath -Raw | ConvertFrom-Json).Hosts | Where-Object Kind -eq 'light').Count } else { 0 }
    $script:InBuiltLab = $HasLab -and (@((Get-Content $LabDescriptionPath -Raw | ConvertFrom-Json).Hosts | Where-Object LabAddress -eq '10.40.0.1').Count -eq 1)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $lab = Get-Content $LabDescriptionPath -Raw | ConvertFrom-Json
    $script:LightHosts = @($lab.Hosts | Where-Object Kind -eq 'light')
    $script:Lights = @($LightHosts | ForEach-Object { New-LabSession $_.Name })

    # Remote commands the block costs on the session (the runner counts every one).
    function Measure-RoundTrip([object] $Session, [scriptblock] $Block) {
        $before = $Session.CommandCount
        $null = & $Block
        $Session.CommandCount - $before
    }
    function Get-LightProcess([string[]] $Argv) {
        # Light hosts share this machine's process table: look for the exact argv.
        $wanted = ($Argv -join "`0") + "`0"
        foreach ($file in Get-ChildItem /proc -Directory -ErrorAction SilentlyContinue | Where-Object Name -match '^\d+$') {
            $cmdline = try { [IO.File]::ReadAllText("$($file.FullName)/cmdline") } catch { '' }
            if ($cmdline -eq $wanted) { [int] $file.Name }
        }
    }
}

AfterAll {
    Get-NfsCinderSession | Remove-NfsCinderSession
}

Describe 'Many hosts in parallel' -Tag 'Integration', 'Lab', 'Light', 'Parallel' -Skip:($LightCount -lt 4) {
    It 'works on the hosts at once and streams each result as its host finishes' {
        # Host i sleeps i seconds: one after another that is 10 s, at once about 4 s.
        $i = 0
        foreach ($session in $Lights[0..3]) { $i++; Invoke-NfsCinderCommand -Session $session -ArgumentList sh, -c, 'echo "$1" > /etc/nfscinder-delay', sh, $i | Out-Null }
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $arrivals = Invoke-NfsCinderCommand -Session $Lights[0..3] -ArgumentList sh, -c, 'sleep "$(cat /etc/nfscinder-delay)"; cat /etc/nfscinder-delay' |
            ForEach-Object { [pscustomobject]@{ Delay = [int] $_.StandardOutput.Trim(); At = $clock.Elapsed.TotalSeconds } }
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 7
        @($arrivals).Count | Should -Be 4
        # Streaming: the 1-second host came out long before the 4-second one finished.
        ($arrivals | Where-Object Delay -eq 1).At | Should -BeLessThan 3
        ($arrivals | Sort-Object At | ForEach-Object Delay) -join ',' | Should -Be '1,2,3,4'
    }

    It 'honours -ThrottleLimit' {
        $two = Measure-Command { Invoke-NfsCinderCommand -Session $Lights[0..3] -ArgumentList sleep, 2 -ThrottleLimit 2 }
        $four = Measure-Command { Invoke-NfsCinderCommand -Session $Lights[0..3] -ArgumentList sleep, 2 -ThrottleLimit 4 }
        $one = Measure-Command { Invoke-NfsCinderCommand -Session $Lights[0..1] -ArgumentList sleep, 1 -ThrottleLimit 1 }
        $two.TotalSeconds | Should -BeGreaterThan 3.9
        $two.TotalSeconds | Should -BeLessThan 6
        $four.TotalSeconds | Should -BeLessThan 3.9
        $one.TotalSeconds | Should -BeGreaterThan 1.9
    }

    It 'keeps one host''s failure to that host: an error record naming it, the others complete' {
        $broken = $Lights[1]
        Invoke-NfsCinderCommand -Session $broken -ArgumentList mv, /etc/cinder/cinder.conf, /etc/cinder/cinder.conf.away | Out-Null
        try {
            $results = Set-CinderNfsBackend -Session $Lights[0..3] -Share 10.40.0.1:/srv/parallel -BackendName parallel -ErrorVariable failures -ErrorAction SilentlyContinue
            @($results).Count | Should -Be 3
            $results.Session.Name | Should -Not -Contain $broken.Name
            @($failures).Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'CinderConfigMissing*'
            $failures[0].TargetObject.Name | Should -Be $broken.Name
        }
        finally {
            Invoke-NfsCinderCommand -Session $broken -ArgumentList mv, /etc/cinder/cinder.conf.away, /etc/cinder/cinder.conf | Out-Null
        }
    }

    It 'takes hosts from the pipeline in parallel, each record with its own values' {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $out = $Lights[0..3] | Invoke-NfsCinderCommand -ArgumentList sleep, 2
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 5
        @($out).Count | Should -Be 4
        # Values bound per record must not leak into the next record's host.
        Set-CinderNfsBackend -Session $Lights[0] -Share 10.40.0.1:/srv/a -BackendName pipea | Out-Null
        Set-CinderNfsBackend -Session $Lights[1] -Share 10.40.0.1:/srv/b -BackendName pipeb | Out-Null
        $found = [pscustomobject]@{ Session = $Lights[0]; BackendName = 'pipea' }, [pscustomobject]@{ Session = $Lights[1]; BackendName = 'pipeb' } |
            Get-CinderNfsBackend
        ($found | Sort-Object { $_.Session.Name } | ForEach-Object { "$($_.Session.Name)=$($_.BackendName)=$($_.Shares[0].Share)" }) -join ' ' |
            Should -Be "$($Lights[0].Name)=pipea=10.40.0.1:/srv/a $($Lights[1].Name)=pipeb=10.40.0.1:/srv/b"
    }

    It 'stops on Ctrl+C within seconds, ends every remote command and keeps the sessions usable' {
        $ps = [powershell]::Create()
        $null = $ps.AddScript('param($s, $m) Import-Module $m; Invoke-NfsCinderCommand -Session $s -ArgumentList sleep, 4546 -TimeoutSec 120').
            AddArgument($Lights[0..3]).AddArgument((Get-Module NfsCinder).Path)
        $handle = $ps.BeginInvoke()
        $deadline = [DateTime]::UtcNow.AddSeconds(15)
        while (@(Get-LightProcess sleep, 4546).Count -lt 4 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }
        @(Get-LightProcess sleep, 4546).Count | Should -Be 4
        $elapsed = Measure-Command { $ps.Stop() }
        $elapsed.TotalSeconds | Should -BeLessThan 5
        $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        $ps.Dispose()
        $deadline = [DateTime]::UtcNow.AddSeconds(5)
        while ((Get-LightProcess sleep, 4546) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }
        Get-LightProcess sleep, 4546 | Should -BeNullOrEmpty
        (Invoke-NfsCinderCommand -Session $Lights[0..3] -ArgumentList echo, still-here).StandardOutput.Trim() | Sort-Object -Unique | Should -Be 'still-here'
    }

    It 'ends quietly when downstream wants no more (Select-Object -First 1)' {
        # The first host answers after 1 s, the others would take 20 s: ending well before
        # that shows they were stopped, with room for a loaded machine (3.5 s was too tight).
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $first = Invoke-NfsCinderCommand -Session $Lights[0..3] -ArgumentList sh, -c, 'd=$(cat /etc/nfscinder-delay); [ "$d" = 1 ] || d=20; sleep "$d"' |
            Select-Object -First 1
        @($first).Count | Should -Be 1
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 10
        $Lights[3].State | Should -Be 'Opened'
    }

    It 'opens sessions in parallel, host:port each, in the order given' {
        $targets = @($LightHosts[0..3] | ForEach-Object { "127.0.0.1:$($_.Port)" })
        $sessions = New-NfsCinderSession -ComputerName $targets -UserName root -KeyFilePath $LightHosts[0].KeyFile -KnownHostsPath $LightHosts[0].KnownHostsPath
        try {
            @($sessions.Name) -join ' ' | Should -Be ($targets -join ' ')
            $sessions | ForEach-Object { $_.State | Should -Be 'Opened' }
            @($sessions.Port) -join ' ' | Should -Be (@($LightHosts[0..3].Port) -join ' ')
        }
        finally { $sessions | Remove-NfsCinderSession }
    }

    It 'refuses a malformed host:port before connecting anywhere' {
        { New-NfsCinderSession -ComputerName '127.0.0.1:99999' -UserName root -KeyFilePath $LightHosts[0].KeyFile -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidComputerName*'
    }

    It 'shows one overall bar with a child bar per running host' {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript('param($Manifest, $Sessions) Import-Module $Manifest; Get-NfsCinderHost -Session $Sessions').
                AddArgument((Get-Module NfsCinder).Path).AddArgument($Lights[0..3])
            @($ps.Invoke()).Count | Should -Be 4
            $bar = @($ps.Streams.Progress | Where-Object ActivityId -eq 90)
            $bar[-1].RecordType | Should -Be 'Completed'
            ($bar.StatusDescription -match '^4 of 4 done') | Should -Not -BeNullOrEmpty
        }
        finally { $ps.Dispose() }
    }
}

Describe 'Round trips per host' -Tag 'Integration', 'Lab', 'Light', 'Parallel', 'RoundTrip' -Skip:(-not $HasLab) {
    BeforeAll {
        $script:Light = $Lights[0]
    }

    It 'Cinder backend: a read or a test costs 1, a change 2, the no-change pass 1, a removal 2' {
        # The share is on loopback: Test-CinderNfsBackend asks it with showmount.
        Measure-RoundTrip $Light { Set-CinderNfsBackend -Session $Light -Share 127.0.0.1:/srv/trips -BackendName trips } | Should -BeLessOrEqual 3
        Measure-RoundTrip $Light { Set-CinderNfsBackend -Session $Light -Share 127.0.0.1:/srv/trips -BackendName trips } | Should -Be 1
        Measure-RoundTrip $Light { Get-CinderNfsBackend -Session $Light -BackendName trips } | Should -Be 1
        Measure-RoundTrip $Light { Test-CinderNfsBackend -Session $Light -BackendName trips -ShareTimeoutSec 2 } | Should -Be 1
        (Test-CinderNfsBackend -Session $Light -BackendName trips -ShareTimeoutSec 2 | Where-Object Check -eq 'SharesFile').Status | Should -Be 'Pass'
        Measure-RoundTrip $Light { Remove-CinderNfsBackend -Session $Light -BackendName trips -Confirm:$false } | Should -BeLessOrEqual 3
        Measure-RoundTrip $Light { Remove-CinderNfsBackend -Session $Light -BackendName trips -Confirm:$false } | Should -Be 1
    }

    It 'host facts cost at most 1' {
        Measure-RoundTrip $Light { Get-NfsCinderHost -Session $Light } | Should -BeLessOrEqual 1
    }

    Context 'on the VMs' -Tag 'VM' -Skip:(-not $InBuiltLab) {
        BeforeAll {
            $script:Nfs = New-LabSession nfs1
            $script:Cinder = New-LabSession cinder1
            $script:Compute = New-LabSession compute1
            $script:TripPath = '/srv/nfs/trips'
            function Get-RemoteExportsHash {
                (Invoke-NfsCinderCommand -Session $Nfs -ArgumentList sh, -c, 'cat /etc/exports /etc/exports.d/*.exports 2>/dev/null | sha256sum').StandardOutput
            }
            Remove-NfsExport -Session $Nfs -Path $TripPath -Confirm:$false -ErrorAction SilentlyContinue | Out-Null
            Invoke-NfsCinderCommand -Session $Nfs -ArgumentList rm, -rf, $TripPath | Out-Null
        }
        AfterAll {
            Dismount-NfsShare -Session $Cinder -MountPath /mnt/trips -RemovePersistent -Force -Confirm:$false -ErrorAction SilentlyContinue | Out-Null
            Remove-NfsExport -Session $Nfs -Path $TripPath -Confirm:$false -ErrorAction SilentlyContinue | Out-Null
        }

        It 'reads cost 1: exports, mounts, showmount, virt_use_nfs' {
            Measure-RoundTrip $Nfs { Get-NfsExport -Session $Nfs } | Should -Be 1
            Measure-RoundTrip $Cinder { Get-NfsMount -Session $Cinder } | Should -Be 1
            Measure-RoundTrip $Cinder { Get-NfsRemoteExport -Session $Cinder -Server 10.40.0.1 } | Should -Be 1
            Measure-RoundTrip $Compute { Get-VirtUseNfs -Session $Compute } | Should -Be 1
        }

        It 'export changes cost at most 3 (new directory and all), the no-change pass 1' {
            Measure-RoundTrip $Nfs { New-NfsExport -Session $Nfs -Path $TripPath -Client '10.40.0.0/24(rw,sync,no_subtree_check)' -CreateDirectory -Owner 64061 -Group 64061 -Mode 0755 -Apply } |
                Should -BeLessOrEqual 3
            (Get-NfsExport -Session $Nfs -Path $TripPath).IsLive | Should -BeTrue
            Measure-RoundTrip $Nfs { New-NfsExport -Session $Nfs -Path $TripPath -Client '10.40.0.0/24(rw,sync,no_subtree_check)' -CreateDirectory -Owner 64061 -Group 64061 -Mode 0755 -Apply } |
                Should -Be 1
            Measure-RoundTrip $Nfs { Set-NfsExport -Session $Nfs -Path $TripPath -AddClient '10.40.0.3(ro)' -Apply } | Should -BeLessOrEqual 3
            Measure-RoundTrip $Nfs { Sync-NfsExport -Session $Nfs } | Should -BeLessOrEqual 3
        }

        It 'a missing directory without -CreateDirectory fails after the read, before any write' {
            $before = Get-RemoteExportsHash
            { New-NfsExport -Session $Nfs -Path /srv/nfs/not-there -Client '10.40.0.0/24(rw)' -Owner 64061 -ErrorAction Stop } | Should -Throw -ErrorId 'ExportDirectoryMissing*'
            Get-RemoteExportsHash | Should -Be $before
        }

        It 'mount with -Persist costs at most 3, the no-change pass 1; dismount at most 3' {
            Measure-RoundTrip $Cinder { Mount-NfsShare -Session $Cinder -Server 10.40.0.1 -ExportPath $TripPath -MountPath /mnt/trips -CreateMountPoint -Persist } | Should -BeLessOrEqual 3
            (Get-NfsMount -Session $Cinder | Where-Object MountPath -eq /mnt/trips).Persistent | Should -BeTrue
            Measure-RoundTrip $Cinder { Mount-NfsShare -Session $Cinder -Server 10.40.0.1 -ExportPath $TripPath -MountPath /mnt/trips -CreateMountPoint -Persist } | Should -Be 1
            Measure-RoundTrip $Cinder { Dismount-NfsShare -Session $Cinder -MountPath /mnt/trips -RemovePersistent } | Should -BeLessOrEqual 3
            Measure-RoundTrip $Nfs { Remove-NfsExport -Session $Nfs -Path $TripPath -Apply -Confirm:$false } | Should -BeLessOrEqual 3
        }

        It 'virt_use_nfs: a change costs at most 3, the no-change pass 1' {
            Disable-VirtUseNfs -Session $Compute -Temporary | Out-Null
            Measure-RoundTrip $Compute { Enable-VirtUseNfs -Session $Compute -Temporary } | Should -BeLessOrEqual 3
            Measure-RoundTrip $Compute { Enable-VirtUseNfs -Session $Compute -Temporary } | Should -Be 1
        }

        It 'package checks: the no-change pass of Install-NfsServer costs at most 3' {
            Measure-RoundTrip $Nfs { Install-NfsServer -Session $Nfs } | Should -BeLessOrEqual 3
        }
    }
}
