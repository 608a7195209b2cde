<#
    Helpers of the NfsCinder vs Ansible bench (Invoke-Bench.ps1): prerequisites, the Ansible
    inventory, resetting and reading the light hosts over SSH, timed runs and the report.
    Resets and reads use the module's own sessions, opened once by the bench and never
    timed; only the tools' runs are measured, each as its own process.
#>
Set-StrictMode -Version Latest
Import-Module (Join-Path $PSScriptRoot '../lab/Lab.psm1')
Import-Module (Join-Path $PSScriptRoot '../../build/Apt.psm1')
Import-Module (Join-Path $PSScriptRoot '../support/LabHost.psm1')

$script:TimeFormat = 'wall=%e user=%U sys=%S maxrss_kb=%M exit=%x'

function Install-BenchPrerequisite {
    <# Ansible (Debian's package), GNU time and python3 (the tree sampler); apt-get when root. #>
    Install-AptPackage -For 'The bench' -Needed ([ordered]@{ '/usr/bin/ansible-playbook' = 'ansible'; '/usr/bin/time' = 'time'; '/usr/bin/python3' = 'python3' })
}

function Get-BenchLabHost {
    <# light1..lightN of the lab description, in numeric order. #>
    param([Parameter(Mandatory)] [string] $LabDescription, [int] $Count = [int]::MaxValue)
    Get-LabHost -LabDescription $LabDescription -Light -Count $Count
}

function New-BenchInventory {
    <#
        An Ansible inventory (JSON, which the YAML inventory plugin reads) of the given light
        hosts: the same address, port, user, key and known_hosts as the NfsCinder sessions,
        host keys checked strictly.
    #>
    param([Parameter(Mandatory)] [object[]] $LabHost, [Parameter(Mandatory)] [string] $Path)
    $first = $LabHost[0]
    $hosts = [ordered]@{}
    foreach ($entry in $LabHost) { $hosts[$entry.Name] = [ordered]@{ ansible_host = $entry.ComputerName; ansible_port = $entry.Port } }
    $inventory = [ordered]@{
        all = [ordered]@{
            vars = [ordered]@{
                ansible_user = $first.UserName
                ansible_ssh_private_key_file = $first.KeyFile
                ansible_ssh_common_args = "-o UserKnownHostsFile=$($first.KnownHostsPath) -o StrictHostKeyChecking=yes"
            }
            hosts = $hosts
        }
    }
    $inventory | ConvertTo-Json -Depth 5 | Set-Content $Path
    $Path
}

function Open-BenchSession {
    <# One session per light host for the bench's own resets and reads (not timed). #>
    param([Parameter(Mandatory)] [object[]] $LabHost)
    $LabHost | Open-LabHostSession
}

function Invoke-BenchHostScript {
    <#
        Runs a sh script on every session, one session per call: module builds with
        -ThrottleLimit return results in the order hosts finish, and every light host is
        127.0.0.1, so only the call says which host a result is from. Returns the results in
        session order, each with the session's Name added; throws on any failure.
    #>
    param([Parameter(Mandatory)] [object[]] $Session, [Parameter(Mandatory)] [string] $Script, [string[]] $Argument = @(), [string] $InputText)
    $inputArgs = if ($PSBoundParameters.ContainsKey('InputText')) { @{ InputText = $InputText } } else { @{} }
    foreach ($one in $Session) {
        $result = Invoke-NfsCinderCommand -Session $one -ArgumentList (@('sh', '-c', $Script, 'sh') + $Argument) @inputArgs -ErrorAction Stop
        $result | Add-Member -NotePropertyName HostName -NotePropertyValue $one.Name -PassThru
    }
}

# Puts /etc/cinder back as the lab started it: the original cinder.conf (root:cinder 0640,
# written atomically from stdin) and nothing else, so no shares file, backups or temp files
# of either tool (a light host's /etc/cinder starts with cinder.conf only).
# Prints what is left so the bench can check it.
$script:ResetScript = @'
set -e
cd /etc/cinder
cat > .bench-reset.tmp
chown root:cinder .bench-reset.tmp
chmod 0640 .bench-reset.tmp
mv -f .bench-reset.tmp cinder.conf
find . -mindepth 1 -maxdepth 1 ! -name cinder.conf -exec rm -rf -- {} +
sha256sum cinder.conf
stat -c '%U:%G %a' cinder.conf
ls -A
'@

function Reset-BenchHost {
    <# Resets every host to the initial state over SSH and verifies it; throws when a host is not. #>
    param([Parameter(Mandatory)] [object[]] $Session, [Parameter(Mandatory)] [string] $OriginalConf)
    $text = [IO.File]::ReadAllText($OriginalConf)
    $expected = (Get-FileHash $OriginalConf -Algorithm SHA256).Hash.ToLowerInvariant()
    foreach ($result in Invoke-BenchHostScript -Session $Session -Script $ResetScript -InputText $text) {
        $lines = @($result.StandardOutput -split "`n" | Where-Object { $_ })
        $ok = $lines[0] -eq "$expected  cinder.conf" -and $lines[1] -eq 'root:cinder 640' -and (@($lines | Select-Object -Skip 2) -join ',') -eq 'cinder.conf'
        if (-not $ok) { throw "Reset failed on $($result.HostName): $($lines -join ' | ')" }
    }
}

function Get-BenchHostState {
    <#
        Per host: cinder.conf and the shares file as "sha256 owner:group mode" (without the
        time, which differs between the tools' runs), and the names in /etc/cinder.
    #>
    param([Parameter(Mandatory)] [object[]] $Session, [Parameter(Mandatory)] [string] $SharesFile)
    foreach ($one in $Session) {
        $file = @{}
        foreach ($line in Get-RemoteFileState -Session $one -Path /etc/cinder/cinder.conf, $SharesFile -Directory /etc/cinder) {
            $name, $rest = $line -split ' ', 2
            $file[$name] = $rest -replace '^(\S+ \S+ \S+) \d+$', '$1'
        }
        [pscustomobject]@{ Name = $one.Name; CinderConf = $file['/etc/cinder/cinder.conf']; SharesFile = $file[$SharesFile]; Files = $file['files'].Trim() }
    }
}

function Save-BenchHostFile {
    <# Copies cinder.conf and the shares file of one host into $Destination (to diff the tools' output). #>
    param([Parameter(Mandatory)] [object] $Session, [Parameter(Mandatory)] [string] $Destination, [Parameter(Mandatory)] [string] $SharesFile)
    New-Item $Destination -ItemType Directory -Force | Out-Null
    foreach ($path in '/etc/cinder/cinder.conf', $SharesFile) {
        $result = Invoke-NfsCinderCommand -Session $Session -ArgumentList 'cat', $path -ErrorAction Stop
        [IO.File]::WriteAllBytes((Join-Path $Destination (Split-Path $path -Leaf)), $result.StandardOutputBytes)
    }
}

function Invoke-BenchMeasured {
    <#
        Runs one command as its own process under GNU time, inside measure.py (peak RSS summed
        over the process tree, CPU of detached ssh masters). Output goes to $LogPath. Returns
        wall, user+sys CPU, GNU time's max RSS and the sampler's figures.
    #>
    param(
        [Parameter(Mandatory)] [string[]] $Command,
        [Parameter(Mandatory)] [string] $WorkDirectory,
        [Parameter(Mandatory)] [string] $Label,
        [hashtable] $Environment = @{},
        [int] $TimeoutSec = 1800
    )
    $timeFile = Join-Path $WorkDirectory "$Label.time"
    $sampleFile = Join-Path $WorkDirectory "$Label.sample.json"
    $logPath = Join-Path $WorkDirectory "$Label.log"
    Remove-Item $timeFile, $sampleFile -ErrorAction SilentlyContinue
    $arguments = @((Join-Path $PSScriptRoot 'measure.py'), '--result', $sampleFile, '--timeout', $TimeoutSec, '--',
        '/usr/bin/time', '-f', $TimeFormat, '-o', $timeFile, '--') + $Command
    $saved = @{}
    foreach ($name in $Environment.Keys) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $Environment[$name]) }
    # sh only sets up the redirection and execs: the tool writes straight to the log file.
    try { & /bin/sh -c 'log=$1; shift; exec "$@" > "$log" 2>&1' sh $logPath /usr/bin/python3 @arguments }
    finally { foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) } }
    $exit = $LASTEXITCODE
    # GNU time writes "Command exited with non-zero status N" before the format line.
    $line = @(Get-Content $timeFile -ErrorAction SilentlyContinue | Where-Object { $_ -like 'wall=*' }) | Select-Object -Last 1
    if (-not $line) { throw "$Label gave no GNU time figures (exit $exit); see $logPath" }
    $figures = @{}
    foreach ($pair in $line -split ' ') { $key, $value = $pair -split '=', 2; $figures[$key] = $value }
    $sample = Get-Content $sampleFile -Raw | ConvertFrom-Json
    $inv = [Globalization.CultureInfo]::InvariantCulture
    $user = [double]::Parse($figures.user, $inv); $sys = [double]::Parse($figures.sys, $inv)
    [pscustomobject]@{
        ExitCode = $exit
        WallSeconds = [double]::Parse($figures.wall, $inv)
        UserSeconds = $user
        SysSeconds = $sys
        # user+sys of the tool and every descendant it waited for (GNU time), plus the
        # detached ssh ControlPersist masters reaped by measure.py.
        TimeCpuSeconds = [math]::Round($user + $sys, 2)
        DetachedCpuSeconds = [double]$sample.detached_cpu_s
        CpuSeconds = [math]::Round($user + $sys + [double]$sample.detached_cpu_s, 2)
        MaxRssKb = [long]$figures.maxrss_kb
        SumRssPeakKb = [long]$sample.sum_rss_peak_kb
        SumRssPeakProcesses = [int]$sample.sum_rss_peak_processes
        SumPssKb = [long]$sample.sum_pss_at_rss_peaks_kb
        DetachedProcesses = [int]$sample.detached_processes
        Log = $logPath
    }
}

function Read-AnsibleRecap {
    <# The PLAY RECAP lines of a log: host -> ok, changed, unreachable, failed counts. #>
    param([Parameter(Mandatory)] [string] $LogPath)
    $recap = @{}
    foreach ($line in Get-Content $LogPath) {
        if ($line -match '^(\S+)\s+:\s+ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)') {
            $recap[$Matches[1]] = [pscustomobject]@{ Ok = [int]$Matches[2]; Changed = [int]$Matches[3]; Unreachable = [int]$Matches[4]; Failed = [int]$Matches[5] }
        }
    }
    $recap
}

Export-ModuleMember -Function Install-BenchPrerequisite, Get-BenchLabHost, New-BenchInventory, Open-BenchSession, Reset-BenchHost,
    Get-BenchHostState, Save-BenchHostFile, Invoke-BenchMeasured, Read-AnsibleRecap
