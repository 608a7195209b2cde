<#
    The bench's verdict and report: per-host comparison of the tools' files, the side-by-side
    table (console and markdown), growth with N, results.json.
#>
Set-StrictMode -Version Latest

function Compare-BenchState {
    <# Problems when any host's cinder.conf or shares file (sha256, owner:group, mode) differs between the tools. #>
    param([int] $Count, [object[]] $NfsCinder, [object[]] $Ansible)
    $problems = [Collections.Generic.List[string]]::new()
    $byName = @{}
    foreach ($entry in $Ansible) { $byName[$entry.Name] = $entry }
    $differing = 0
    foreach ($ours in $NfsCinder) {
        $theirs = $byName[$ours.Name]
        $diff = @(foreach ($field in 'CinderConf', 'SharesFile') {
            if (-not $theirs -or $ours.$field -ne $theirs.$field) { "$field NfsCinder '$($ours.$field)' vs Ansible '$(if ($theirs) { $theirs.$field })'" }
        })
        if ($diff) { $differing++; if ($differing -le 3) { $problems.Add("$($ours.Name): $($diff -join '; ')") } }
        if ($ours.SharesFile -eq 'absent') { $problems.Add("$($ours.Name): no shares file after the change pass") }
    }
    if ($differing -gt 3) { $problems.Add("... $differing of $Count hosts differ in all") }
    if (@($NfsCinder).Count -ne $Count -or @($Ansible).Count -ne $Count) { $problems.Add("states read from $(@($NfsCinder).Count) / $(@($Ansible).Count) hosts, expected $Count") }
    $first = @($NfsCinder)[0]
    [pscustomobject]@{
        Hosts = $Count
        Identical = $problems.Count -eq 0
        CinderConf = $first.CinderConf
        SharesFile = $first.SharesFile
        # Not compared: NfsCinder keeps a timestamped backup of the cinder.conf it replaced.
        FilesNfsCinder = $first.Files
        FilesAnsible = @($Ansible)[0].Files
        Problems = @($problems)
    }
}

function Show-BenchFileDiff {
    <# diff -u of the kept copies (light1 after each tool's change pass). #>
    param([string] $Folder, [string] $SharesFile)
    foreach ($name in 'cinder.conf', (Split-Path $SharesFile -Leaf)) {
        Write-Host "--- diff -u nfscinder/$name ansible/$name" -ForegroundColor Yellow
        & diff -u (Join-Path $Folder "nfscinder/$name") (Join-Path $Folder "ansible/$name") | Out-Host
    }
}

function Get-BenchVersion {
    $generalManifest = '/usr/lib/python3/dist-packages/ansible_collections/community/general/MANIFEST.json'
    [ordered]@{
        NfsCinder = Get-Module NfsCinder | Select-Object -First 1 | ForEach-Object { $_.Version.ToString() }
        PowerShell = $PSVersionTable.PSVersion.ToString()
        AnsibleCore = ((& ansible-playbook --version 2>$null | Select-Object -First 1) -replace '^.*\[core (.*)\].*$', '$1')
        CommunityGeneral = if (Test-Path $generalManifest) { (Get-Content $generalManifest -Raw | ConvertFrom-Json).collection_info.version } else { $null }
        OpenSsh = (& ssh -V 2>&1 | Out-String).Trim()
        Kernel = (& uname -r)
        Cores = [Environment]::ProcessorCount
    }
}

function Get-Ratio($Numerator, $Denominator) {
    if ($null -eq $Numerator -or $null -eq $Denominator -or $Denominator -eq 0) { return $null }
    [math]::Round($Numerator / $Denominator, 2)
}

function Get-BenchRow {
    <# One row per run; the Ansible row carries Ansible/NfsCinder ratios of the same N and pass. #>
    param([object[]] $Runs)
    foreach ($run in $Runs | Sort-Object { [int]$_.Hosts }, @{ Expression = { $_.Pass -ne 'change' } }, @{ Expression = { $_.Tool -ne 'NfsCinder' } }) {
        $peer = if ($run.Tool -eq 'Ansible') { $Runs | Where-Object { $_.Tool -eq 'NfsCinder' -and $_.Hosts -eq $run.Hosts -and $_.Pass -eq $run.Pass } | Select-Object -First 1 }
        [pscustomobject][ordered]@{
            N = $run.Hosts; Pass = $run.Pass; Tool = $run.Tool
            WallS = $run.WallSeconds; CpuS = $run.CpuSeconds
            MaxRssMB = [int][math]::Round($run.MaxRssKb / 1024)
            TreePssMB = [int][math]::Round($run.SumPssKb / 1024)
            TreeRssMB = [int][math]::Round($run.SumRssPeakKb / 1024)
            SessionsS = $run.SessionSeconds; CmdletS = $run.CmdletSeconds
            WallRatio = if ($peer) { Get-Ratio $run.WallSeconds $peer.WallSeconds } else { $null }
            CpuRatio = if ($peer) { Get-Ratio $run.CpuSeconds $peer.CpuSeconds } else { $null }
            PssRatio = if ($peer) { Get-Ratio $run.SumPssKb $peer.SumPssKb } else { $null }
        }
    }
}

function Get-BenchGrowth {
    <# How each tool's wall time grows from the smallest to the largest N. #>
    param([object[]] $Runs)
    $sizes = @($Runs | ForEach-Object { [int]$_.Hosts } | Sort-Object -Unique)
    if ($sizes.Count -lt 2) { return @() }
    foreach ($tool in 'NfsCinder', 'Ansible') {
        foreach ($pass in 'change', 'no-change') {
            $small = $Runs | Where-Object { $_.Tool -eq $tool -and $_.Pass -eq $pass -and $_.Hosts -eq $sizes[0] } | Select-Object -First 1
            $large = $Runs | Where-Object { $_.Tool -eq $tool -and $_.Pass -eq $pass -and $_.Hosts -eq $sizes[-1] } | Select-Object -First 1
            if (-not $small -or -not $large) { continue }
            $factor = Get-Ratio $large.WallSeconds $small.WallSeconds
            $perHost = [math]::Round(($large.WallSeconds - $small.WallSeconds) / ($sizes[-1] - $sizes[0]), 3)
            [pscustomobject][ordered]@{
                Tool = $tool; Pass = $pass; FromHosts = $sizes[0]; ToHosts = $sizes[-1]
                WallFrom = $small.WallSeconds; WallTo = $large.WallSeconds; Factor = $factor; SecondsPerExtraHost = $perHost
                Statement = "$tool $pass pass: wall($($sizes[-1]))/wall($($sizes[0])) = $($large.WallSeconds) s / $($small.WallSeconds) s = x$factor, +$perHost s per extra host"
            }
        }
    }
}

function New-BenchReport {
    param([object[]] $Runs, [object[]] $Checks, [string[]] $Failures, [int] $ThrottleLimit, [System.Collections.IDictionary] $Settings)
    [ordered]@{
        Created = [DateTime]::UtcNow.ToString('o')
        Versions = Get-BenchVersion
        Settings = $Settings
        Rows = @(Get-BenchRow -Runs $Runs)
        Growth = @(Get-BenchGrowth -Runs $Runs)
        Verification = [ordered]@{ Passed = -not $Failures; Failures = @($Failures); Checks = @($Checks) }
        Runs = @($Runs | Select-Object Hosts, Tool, Pass, WallSeconds, CpuSeconds, TimeCpuSeconds, UserSeconds, SysSeconds, DetachedCpuSeconds,
            MaxRssKb, SumRssPeakKb, SumPssKb, SumRssPeakProcesses, DetachedProcesses, SessionSeconds, CmdletSeconds, ScriptSeconds, ChangedHosts, ReportedHosts,
            LoadAverageBefore, ExitCode, @{ Name = 'Log'; Expression = { Split-Path $_.Log -Leaf } })
        Notes = @(
            'wall s, user+sys: GNU time (/usr/bin/time) of the tool''s process; each run is a separate process.'
            'CPU s = GNU time user+sys (the tool and every child it waited for) + the CPU of detached ssh ControlPersist masters (Ansible), reaped by measure.py.'
            'max RSS MB: GNU time %M, the peak RSS of the largest single process of the run (for dotnet pwsh, the largest of its processes), not of the tree.'
            'tree PSS MB: Pss summed over the whole process tree (ssh masters included), read when the summed RSS (sampled every 50 ms) reaches a new peak, at most 4 times a second; the largest such sum.'
            'tree RSS MB: the peak of RSS summed over the tree; it counts shared pages (libraries, pages of forked Ansible workers) once per process, so it overstates.'
            'sessions s / cmdlet s: inside the NfsCinder process, the time to open the N sessions and the Set-CinderNfsBackend call alone.'
            '`dotnet pwsh` is three processes: the dotnet muxer resolving the local tool (~60 MB RSS), the PowerShell tool shim (~30 MB) and pwsh itself (the largest, so max RSS is pwsh''s); all three are in the tree figures and the wall time.'
            'A/N: Ansible divided by NfsCinder, same N and pass. Remote work (sshd, the hosts'' python or sh) runs on the same machine but is counted for neither tool.'
        )
    }
}

function Format-Cell($Value) {
    if ($null -eq $Value) { '' }
    elseif ($Value -is [double] -or $Value -is [decimal]) { $Value.ToString('0.00', [Globalization.CultureInfo]::InvariantCulture) }
    else { "$Value" }
}

function Write-BenchReport {
    <# Prints the table and growth, writes results.json and results.md. #>
    param([System.Collections.IDictionary] $Report, [string] $OutputDirectory)
    $Report | ConvertTo-Json -Depth 6 | Set-Content (Join-Path $OutputDirectory 'results.json')
    $columns = 'N', 'Pass', 'Tool', 'WallS', 'CpuS', 'MaxRssMB', 'TreePssMB', 'TreeRssMB', 'SessionsS', 'CmdletS', 'WallRatio', 'CpuRatio', 'PssRatio'
    $headers = 'N', 'pass', 'tool', 'wall s', 'CPU s', 'max RSS MB', 'tree PSS MB', 'tree RSS MB', 'sessions s', 'cmdlet s', 'A/N wall', 'A/N CPU', 'A/N PSS'
    $md = [Collections.Generic.List[string]]::new()
    $md.Add("NfsCinder $($Report.Versions.NfsCinder) (PowerShell $($Report.Versions.PowerShell)) vs Ansible (ansible-core $($Report.Versions.AnsibleCore), community.general $($Report.Versions.CommunityGeneral)), ThrottleLimit = forks = $($Report.Settings.ThrottleLimit), $($Report.Versions.Cores) cores, light hosts on 127.0.0.1.")
    $md.Add('')
    $md.Add('| ' + ($headers -join ' | ') + ' |')
    # N, pass and tool read left to right; figures align on the right.
    $md.Add('|' + (($headers | ForEach-Object { if ($_ -in 'pass', 'tool') { ' --- ' } else { ' ---: ' } }) -join '|') + '|')
    foreach ($row in $Report.Rows) { $md.Add('| ' + (($columns | ForEach-Object { Format-Cell $row.$_ }) -join ' | ') + ' |') }
    $md.Add('')
    foreach ($growth in $Report.Growth) { $md.Add("- $($growth.Statement)") }
    $md.Add('')
    foreach ($note in $Report.Notes) { $md.Add("- $note") }
    $loads = @($Report.Runs | ForEach-Object LoadAverageBefore | Sort-Object)
    if ($loads) { $md.Add("- Load average (1 min, so it includes the bench's own previous run) just before the runs: $($loads[0]) to $($loads[-1]) on $($Report.Versions.Cores) cores; figures from a busy machine do not compare with a quiet one's.") }
    $md.Add('')
    $md.Add("Verification: $(if ($Report.Verification.Passed) { 'passed (changed status right on every pass; cinder.conf and shares file byte-identical, same owner and mode, on every host)' } else { 'FAILED' })")
    $md | Set-Content (Join-Path $OutputDirectory 'results.md')

    # The same cells as the markdown, as text; figures right-aligned.
    $display = foreach ($row in $Report.Rows) {
        $cells = [ordered]@{}
        for ($i = 0; $i -lt $columns.Count; $i++) { $cells[$headers[$i]] = Format-Cell $row.($columns[$i]) }
        [pscustomobject]$cells
    }
    $display | Format-Table -Property @(foreach ($header in $headers) {
            @{ Name = $header; Expression = [scriptblock]::Create("`$_.'$header'"); Alignment = if ($header -in 'pass', 'tool') { 'Left' } else { 'Right' } }
        }) | Out-String -Width 220 | Write-Host
    foreach ($growth in $Report.Growth) { Write-Host $growth.Statement }
    Write-Host "Results: $(Join-Path $OutputDirectory 'results.json'), $(Join-Path $OutputDirectory 'results.md')"
}

Export-ModuleMember -Function Compare-BenchState, Show-BenchFileDiff, New-BenchReport, Write-BenchReport
