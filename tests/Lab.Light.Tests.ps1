# The lab's light hosts: real sshd processes, each with its own /etc and /var layer, so
# config-level tests can run on many hosts at once without touching this machine.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:LightNames = if ($HasLab) { @((Get-Content $LabDescriptionPath -Raw | ConvertFrom-Json).Hosts | Where-Object Kind -eq 'light' | ForEach-Object Name) } else { @() }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $lab = Get-Content $LabDescriptionPath -Raw | ConvertFrom-Json
    $script:Lights = @($lab.Hosts | Where-Object Kind -eq 'light' | ForEach-Object { New-LabSession $_.Name })
}

AfterAll {
    Get-NfsCinderSession | Remove-NfsCinderSession
}

Describe 'Light hosts' -Tag 'Integration', 'Lab', 'Light' -Skip:($LightNames.Count -lt 2) {
    It 'each have their own /etc/exports and /etc/cinder, invisible to the others and to this machine' {
        $hostExports = if (Test-Path /etc/exports) { Get-FileHash /etc/exports } else { $null }
        foreach ($session in $Lights) {
            Invoke-NfsCinderCommand -Session $session -ArgumentList sh, -c, 'echo "/srv/$1 *(ro)" >> /etc/exports; echo "# $1" >> /etc/cinder/cinder.conf', sh, $session.Name | Out-Null
        }
        foreach ($session in $Lights) {
            $exports = (Invoke-NfsCinderCommand -Session $session -ArgumentList cat, /etc/exports).StandardOutput
            $exports | Should -Match "/srv/$($session.Name) "
            foreach ($other in $Lights | Where-Object Name -ne $session.Name) { $exports | Should -Not -Match "/srv/$($other.Name) " }
        }
        $now = if (Test-Path /etc/exports) { Get-FileHash /etc/exports } else { $null }
        "$($now.Hash)" | Should -Be "$($hostExports.Hash)"
        if (Test-Path /etc/cinder/cinder.conf) { Get-Content /etc/cinder/cinder.conf -Raw | Should -Not -Match '# light\d' }
    }

    It 'have a cinder user and the real Debian cinder.conf, owned root:cinder' {
        foreach ($session in $Lights) {
            (Invoke-NfsCinderCommand -Session $session -ArgumentList id, -u, cinder).StandardOutput.Trim() | Should -Be '64061'
            (Invoke-NfsCinderCommand -Session $session -ArgumentList stat, -c, '%U:%G %a', /etc/cinder/cinder.conf).StandardOutput.Trim() | Should -Be 'root:cinder 640'
            [int](Invoke-NfsCinderCommand -Session $session -ArgumentList grep, -c, '^#', /etc/cinder/cinder.conf).StandardOutput.Trim() | Should -BeGreaterThan 1000
        }
    }

    It 'answer as separate hosts with their own host keys' {
        @($Lights | ForEach-Object HostKeyFingerprint | Sort-Object -Unique -CaseSensitive).Count | Should -Be $Lights.Count
        $Lights | ForEach-Object { $_.State | Should -Be 'Opened' }
    }

    It 'show one progress bar across many hosts one after another (-ThrottleLimit 1), completed at the end' {
        # A runspace of its own, so its progress stream can be read back.
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript('param($Manifest, $Sessions) Import-Module $Manifest; Get-NfsCinderHost -Session $Sessions -ThrottleLimit 1').
                AddArgument((Get-Module NfsCinder).Path).AddArgument($Lights)
            $facts = $ps.Invoke()
            @($facts).Count | Should -Be $Lights.Count
            $bar = @($ps.Streams.Progress | Where-Object Activity -eq 'Get-NfsCinderHost')
            $bar.Count | Should -Be ($Lights.Count + 1)
            $bar[0].StatusDescription | Should -Match "\(1 of $($Lights.Count)\)"
            $bar[-1].RecordType | Should -Be 'Completed'
        }
        finally { $ps.Dispose() }
    }
}
