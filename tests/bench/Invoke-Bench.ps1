<#
.SYNOPSIS
    NfsCinder vs Ansible: the same Cinder NFS backend on N light hosts of a running lab.
.DESCRIPTION
    For each N in -BenchHosts: reset the first N light hosts (over SSH, not timed), run
    Set-CinderNfsBackend in a fresh `dotnet pwsh` (change pass, then the no-change pass),
    reset again, run the Ansible playbook (change pass, then no-change). Every run is its
    own process under GNU time, watched by measure.py. Fails (exit 1) when a pass does not
    report its changes as it should, or when the tools' files differ on any host.
    Writes output/bench/results.json, results.md and the runs' logs.
    build.ps1 -Task Bench starts and stops the lab around this script.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $LabDescription,
    # Host counts; "1,8,32" works too (pwsh -File passes arrays as one string).
    [string[]] $BenchHosts = @('1', '8', '32', '64'),
    # NfsCinder's -ThrottleLimit and Ansible's forks.
    [int] $ThrottleLimit = 32,
    [string] $OutputDirectory = (Join-Path $PSScriptRoot '../../output/bench'),
    # What the light hosts started with; each reset puts it back.
    [string] $OriginalConf = (Join-Path $PSScriptRoot '../fixtures/cinder/debian12-cinder.conf.shipped'),
    [string] $Share = '10.40.0.1:/srv/nfs/cinder',
    [string] $BackendName = 'nfs',
    [string] $SharesFile = '/etc/cinder/nfs_shares',
    # One untimed run of each tool at the smallest N first, so neither pays for a cold page cache.
    [switch] $NoWarmUp
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
Import-Module (Join-Path $PSScriptRoot 'Bench.psm1') -Force
Import-Module (Join-Path $PSScriptRoot 'BenchReport.psm1') -Force
Install-BenchPrerequisite
$ModuleManifest = (Resolve-Path $ModuleManifest).Path
Import-Module $ModuleManifest
# The shares file's header line is NfsCinder's; the playbook writes the same text so the
# checksums can match, taken from the assembly rather than copied into the playbook.
$SharesHeader = [NfsCinder.Commands.SetCinderNfsBackendCommand].Assembly.GetType('NfsCinder.Cinder.CinderSharesFile', $true).
    GetField('Header', [Reflection.BindingFlags]'NonPublic,Static').GetValue($null)
$LabDescription = (Resolve-Path $LabDescription).Path
$OriginalConf = (Resolve-Path $OriginalConf).Path
New-Item $OutputDirectory -ItemType Directory -Force | Out-Null
$OutputDirectory = (Resolve-Path $OutputDirectory).Path
# Generated inventories live in the bench's work folder; ssh control sockets in a short temp
# path (a unix socket path must stay under 108 bytes).
$work = Join-Path $RepoRoot 'tests/.work/bench'
New-Item $work -ItemType Directory -Force | Out-Null
$AnsibleDir = Join-Path $PSScriptRoot 'ansible'
# Host counts as numbers, in a new variable: the [string[]] parameter would turn them back into text.
$Sizes = @($BenchHosts -split ',' | Where-Object { $_.Trim() } | ForEach-Object { [int]$_ } | Sort-Object -Unique)
if (-not $Sizes -or $Sizes[0] -lt 1) { throw '-BenchHosts takes host counts of 1 or more.' }
$allHosts = @(Get-BenchLabHost -LabDescription $LabDescription)
if ($allHosts.Count -lt $Sizes[-1]) { throw "The lab has $($allHosts.Count) light hosts; the bench needs $($Sizes[-1])." }
# A run's logs and file copies replace the last run's (only once the arguments are known good).
$logs = Join-Path $OutputDirectory 'logs'
$files = Join-Path $OutputDirectory 'files'
foreach ($dir in $logs, $files) { if (Test-Path $dir) { Remove-Item $dir -Recurse -Force }; New-Item $dir -ItemType Directory | Out-Null }
# `dotnet pwsh` finds the repo's tool manifest from the working directory.
Set-Location $RepoRoot

function Invoke-NfsCinderPass([int] $Count, [string] $Label) {
    $result = Join-Path $logs "$Label.result.json"
    $command = @('dotnet', 'pwsh', '-NoProfile', '-NonInteractive', '-File', (Join-Path $PSScriptRoot 'NfsCinderRun.ps1'),
        '-ModuleManifest', $ModuleManifest, '-LabDescription', $LabDescription, '-Count', $Count, '-ResultPath', $result,
        '-ThrottleLimit', $ThrottleLimit, '-Share', $Share, '-BackendName', $BackendName, '-SharesFile', $SharesFile)
    $run = Invoke-BenchMeasured -Command $command -WorkDirectory $logs -Label $Label
    if ($run.ExitCode -ne 0 -or -not (Test-Path $result)) { throw "NfsCinder run $Label failed (exit $($run.ExitCode)); see $($run.Log)" }
    $inside = Get-Content $result -Raw | ConvertFrom-Json
    $run | Add-Member -NotePropertyMembers @{
        # ScriptSeconds: from the script's first line to its last; the rest of the wall time is
        # starting dotnet and pwsh.
        SessionSeconds = $inside.SessionSeconds; CmdletSeconds = $inside.SetSeconds; ScriptSeconds = $inside.TotalSeconds
        ChangedHosts = @($inside.Hosts | Where-Object Changed).Count; ReportedHosts = @($inside.Hosts).Count
    }
    $run
}

function Invoke-AnsiblePass([int] $Count, [string] $Label) {
    $inventory = New-BenchInventory -LabHost @($allHosts | Select-Object -First $Count) -Path (Join-Path $work "inventory-$Count.json")
    # A fresh control path folder per run: every run opens its connections cold, as
    # NfsCinder's fresh process does; measure.py ends the masters when the run is over.
    $controlDir = Join-Path $controlRoot $Label
    New-Item $controlDir -ItemType Directory | Out-Null
    $extra = @{ nfs_share = $Share; nfs_backend = $BackendName; nfs_shares_file = $SharesFile; nfs_shares_header = $SharesHeader } | ConvertTo-Json -Compress
    $command = @('ansible-playbook', '-i', $inventory, '-f', $ThrottleLimit, '-e', $extra, (Join-Path $AnsibleDir 'cinder-nfs.yml'))
    $environment = @{ ANSIBLE_CONFIG = (Join-Path $AnsibleDir 'ansible.cfg'); ANSIBLE_SSH_CONTROL_PATH_DIR = $controlDir }
    $run = Invoke-BenchMeasured -Command $command -WorkDirectory $logs -Label $Label -Environment $environment
    $recap = Read-AnsibleRecap -LogPath $run.Log
    if ($run.ExitCode -ne 0 -or @($recap.Values | Where-Object { $_.Failed -or $_.Unreachable }).Count) { throw "Ansible run $Label failed (exit $($run.ExitCode)); see $($run.Log)" }
    $run | Add-Member -NotePropertyMembers @{
        SessionSeconds = $null; CmdletSeconds = $null; ScriptSeconds = $null
        ChangedHosts = @($recap.Values | Where-Object Changed).Count; ReportedHosts = $recap.Count
    }
    $run
}

$runs = [Collections.Generic.List[object]]::new()
$failures = [Collections.Generic.List[string]]::new()
$checks = [Collections.Generic.List[object]]::new()
$controlRoot = (& mktemp -d /tmp/nfscinder-bench.XXXXXX)
$sessions = @()
try {
    $sessions = @(Open-BenchSession -LabHost $allHosts[0..($Sizes[-1] - 1)])
    if (-not $NoWarmUp) {
        Write-Host "Warm-up: one untimed run of each tool on $($Sizes[0]) host(s)"
        $some = $sessions[0..($Sizes[0] - 1)]
        Reset-BenchHost -Session $some -OriginalConf $OriginalConf
        $null = Invoke-NfsCinderPass -Count $Sizes[0] -Label 'warmup-nfscinder'
        Reset-BenchHost -Session $some -OriginalConf $OriginalConf
        $null = Invoke-AnsiblePass -Count $Sizes[0] -Label 'warmup-ansible'
    }
    foreach ($count in $Sizes) {
        $some = @($sessions[0..($count - 1)])
        $state = @{}
        foreach ($tool in 'NfsCinder', 'Ansible') {
            Reset-BenchHost -Session $some -OriginalConf $OriginalConf
            foreach ($pass in 'change', 'no-change') {
                $label = "n$count-$($tool.ToLowerInvariant())-$pass"
                Write-Host ("N={0,-3} {1,-9} {2,-9} ..." -f $count, $tool, $pass) -NoNewline
                $load = (Get-Content /proc/loadavg -Raw).Split(' ')[0]
                $run = if ($tool -eq 'NfsCinder') { Invoke-NfsCinderPass $count $label } else { Invoke-AnsiblePass $count $label }
                $run | Add-Member -NotePropertyMembers @{ Hosts = $count; Tool = $tool; Pass = $pass; LoadAverageBefore = [double]$load }
                $runs.Add($run)
                Write-Host (" {0,7:0.00} s wall, {1,6:0.00} s CPU, {2}/{3} hosts changed" -f $run.WallSeconds, $run.CpuSeconds, $run.ChangedHosts, $count)
                # Changed must be reported for every host on the change pass, for none on the second.
                $want = if ($pass -eq 'change') { $count } else { 0 }
                if ($run.ReportedHosts -ne $count -or $run.ChangedHosts -ne $want) {
                    $failures.Add("N=$count $tool $pass pass: $($run.ChangedHosts) of $($run.ReportedHosts) reported hosts changed; expected $want of $count. See $($run.Log)")
                }
                if ($pass -eq 'change') {
                    $state[$tool] = @(Get-BenchHostState -Session $some -SharesFile $SharesFile)
                    Save-BenchHostFile -Session $some[0] -Destination (Join-Path $files $tool.ToLowerInvariant()) -SharesFile $SharesFile
                }
            }
        }
        $check = Compare-BenchState -Count $count -NfsCinder $state['NfsCinder'] -Ansible $state['Ansible']
        $checks.Add($check)
        foreach ($problem in $check.Problems) { $failures.Add("N=$count $problem") }
        if ($check.Problems) { Show-BenchFileDiff -Folder $files -SharesFile $SharesFile }
    }
}
finally {
    if ($sessions) { Remove-NfsCinderSession -Session $sessions }
    Remove-Item $controlRoot -Recurse -Force -ErrorAction SilentlyContinue
}

$report = New-BenchReport -Runs $runs -Checks $checks -Failures $failures -ThrottleLimit $ThrottleLimit -Settings ([ordered]@{
    BenchHosts = $Sizes; ThrottleLimit = $ThrottleLimit; AnsibleForks = $ThrottleLimit; Share = $Share; BackendName = $BackendName
    SharesFile = $SharesFile; OriginalConf = [IO.Path]::GetRelativePath($RepoRoot, $OriginalConf); WarmUp = -not $NoWarmUp
})
Write-BenchReport -Report $report -OutputDirectory $OutputDirectory
if ($failures.Count) {
    Write-Host ''
    Write-Host "VERIFICATION FAILED ($($failures.Count)):" -ForegroundColor Red
    foreach ($failure in $failures) { Write-Host "  $failure" -ForegroundColor Red }
    exit 1
}
Write-Host 'Verification passed: changed status right on every pass, files byte-identical on every host.'
