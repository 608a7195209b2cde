#Requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests and packages the NfsCinder module.
.DESCRIPTION
    Build   lints every shell script (shellcheck: src/NfsCinder/Scripts, tests), compiles src/NfsCinder
            and lays the module out in output/NfsCinder/<version>/.
    Test    builds, installs what the tests need (sshd and sudo from apt when missing and
            running as root), runs the xunit and Pester suites and ends with the line
            "N passed, N failed, N skipped" summed over both.
    Package builds and writes output/NfsCinder.<version>.nupkg.
    Lab     -Action Start|Stop|Status [-Hosts nfs1,cinder1,compute1]: the test lab of real
            Debian VMs (tests/lab). Start builds or reuses the cached image and writes
            tests/.work/lab/lab.json; Stop ends exactly the processes Start began.
    Demo    the main job: builds, starts the lab, runs the whole workflow on its hosts as a
            runbook (tests/Demo.ps1, all checks must pass), and stops the lab.
    Help    refreshes docs/en-US/<Cmdlet>.md from the built cmdlets (PlatyPS's schema); Build
            compiles those pages into en-US/NfsCinder.dll-Help.xml.
    Bench   NfsCinder vs Ansible (tests/bench): builds, starts max(-BenchHosts) light hosts
            (no VMs) with Debian's shipped cinder.conf, and for each N in -BenchHosts times
            Set-CinderNfsBackend and the equivalent playbook (a change pass from a reset host,
            then a no-change pass) under GNU time; checks both report their changes right and
            leave byte-identical files; writes output/bench/results.json and results.md; stops
            the lab. Installs ansible and time with apt when missing and running as root.
            Exits non-zero when a check fails.
.PARAMETER BenchHosts
    Bench: the host counts to measure (default 1,8,32,64).
.PARAMETER ThrottleLimit
    Bench: hosts worked on in parallel, NfsCinder's -ThrottleLimit (when the module has it)
    and Ansible's forks (default 32).
.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 -Task Test
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Bench -BenchHosts 1,8 -ThrottleLimit 32
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Lab', 'Demo', 'Help', 'Bench')]
    [string] $Task = 'Build',

    [ValidateSet('Start', 'Stop', 'Status')]
    [string] $Action = 'Status',

    [ValidateSet('nfs1', 'cinder1', 'compute1')]
    [string[]] $Hosts = @('nfs1', 'cinder1', 'compute1'),

    # Light hosts (sshd in its own mount namespace) to start beside the VMs.
    [ValidateRange(0, 256)]
    [int] $LightHosts = 4,

    # Bench: host counts, and the parallelism of both tools. Strings, because `pwsh -File`
    # hands "1,8,32" over as one string, which [int[]] would read as 1832.
    [ValidatePattern('^\d+(,\d+)*$')]
    [string[]] $BenchHosts = @('1', '8', '32', '64'),
    [ValidateRange(1, 256)]
    [int] $ThrottleLimit = 32,

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Pester tags to run / skip (for example -ExcludeTag Integration on a machine without root).
    [string[]] $Tag,
    [string[]] $ExcludeTag
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$Root = $PSScriptRoot
$Manifest = Import-PowerShellDataFile (Join-Path $Root 'NfsCinder.psd1')
$Version = $Manifest.ModuleVersion
$OutputRoot = Join-Path $Root 'output'
$ModuleOut = Join-Path $OutputRoot "NfsCinder/$Version"
$ResultsDir = Join-Path $OutputRoot 'TestResults'
Import-Module (Join-Path $Root 'build/Apt.psm1') -Force
# The lab's module, for the tasks that start or use the lab.
function Import-LabModule { Import-Module (Join-Path $Root 'tests/lab/Lab.psm1') -Force -Global }

function Invoke-Native {
    # Runs a native command and stops the build when it fails.
    param([string] $FilePath, [string[]] $ArgumentList)
    & $FilePath @ArgumentList
    if ($LASTEXITCODE -ne 0) { throw "'$FilePath $($ArgumentList -join ' ')' failed with exit code $LASTEXITCODE." }
}

function Test-ShellScript {
    # Every shell script of the repo is POSIX sh: the scripts the module runs on hosts
    # (src/NfsCinder/Scripts), the tests' (tests/support) and the lab image recipe's.
    # shellcheck (Debian's package, installed when missing and running as root) reads every
    # one, following the lib/ files they source, and any finding fails the build.
    $scripts = @(foreach ($folder in 'src/NfsCinder/Scripts', 'tests/support', 'tests/lab/image') {
            Get-ChildItem (Join-Path $Root $folder) -Filter '*.sh' -Recurse | ForEach-Object FullName
        })
    if (-not (Get-Command shellcheck -ErrorAction SilentlyContinue)) {
        if (-not $IsLinux) { Write-Warning 'shellcheck is not installed: the shell scripts were not linted.'; return }
        Install-AptPackage -For 'The build (it lints the shell scripts)' -Needed @{ shellcheck = 'shellcheck' }
    }
    & shellcheck --shell=sh --external-sources --source-path=SCRIPTDIR --severity=style @scripts
    if ($LASTEXITCODE -ne 0) { throw "shellcheck found problems in the shell scripts above; fix them." }
    Write-Host "shellcheck: $($scripts.Count) shell scripts clean"
}

function Invoke-ModuleBuild {
    Write-Host "Building NfsCinder $Version ($Configuration)"
    Test-ShellScript
    $publish = Join-Path $OutputRoot "publish"
    Invoke-Native dotnet @('publish', (Join-Path $Root 'src/NfsCinder/NfsCinder.csproj'), '-c', $Configuration,
        '-o', $publish, "-p:Version=$Version", '--nologo', '-v', 'quiet')
    if (Test-Path $ModuleOut) { Remove-Item $ModuleOut -Recurse -Force }
    New-Item $ModuleOut -ItemType Directory -Force | Out-Null
    # The DLL and its dependencies; PowerShell's own assemblies come from the host.
    Get-ChildItem $publish -File | Where-Object { $_.Extension -in '.dll', '.pdb', '.xml' -and $_.BaseName -ne 'System.Management.Automation' } |
        Copy-Item -Destination $ModuleOut
    Copy-Item (Join-Path $Root 'NfsCinder.psd1') $ModuleOut
    Copy-Item (Join-Path $Root 'src/NfsCinder/NfsCinder.Format.ps1xml') $ModuleOut
    # Help: the markdown in docs/en-US compiled to MAML (PlatyPS's job, done by build/Help.psm1),
    # plus the about_ topic written as text.
    Import-Module (Join-Path $Root 'build/Help.psm1') -Force
    ConvertTo-MamlHelp -MarkdownFolder (Join-Path $Root 'docs/en-US') -OutputPath (Join-Path $ModuleOut 'en-US/NfsCinder.dll-Help.xml')
    Copy-Item (Join-Path $Root 'en-US/*.help.txt') (Join-Path $ModuleOut 'en-US')
    Write-Host "Module laid out in $ModuleOut"
}

function New-ModulePackage {
    # Publish-PSResource to a local folder repository writes the .nupkg the Gallery would get.
    $repo = Join-Path $OutputRoot 'repo'
    New-Item $repo -ItemType Directory -Force | Out-Null
    Get-ChildItem $repo -Filter 'NfsCinder.*.nupkg' | Remove-Item
    $name = "NfsCinderBuild$PID"
    Register-PSResourceRepository -Name $name -Uri $repo -Trusted
    try { Publish-PSResource -Path $ModuleOut -Repository $name -SkipDependenciesCheck }
    finally { Unregister-PSResourceRepository -Name $name }
    $package = Get-ChildItem $repo -Filter "NfsCinder.$Version.nupkg"
    Copy-Item $package.FullName $OutputRoot -Force
    Write-Host "Package: $(Join-Path $OutputRoot $package.Name)"
    Join-Path $OutputRoot $package.Name
}

function Get-PesterModulePath {
    # Pester is pinned in tests/tools/TestTools.csproj and restored from NuGet.
    Invoke-Native dotnet @('restore', (Join-Path $Root 'tests/tools/TestTools.csproj'), '--nologo', '-v', 'quiet')
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
    [xml] $project = Get-Content (Join-Path $Root 'tests/tools/TestTools.csproj') -Raw
    $pesterVersion = ($project.Project.ItemGroup.PackageDownload | Where-Object Include -eq 'Pester').Version.Trim('[', ']')
    Join-Path $packages "pester/$pesterVersion/tools/Pester.psd1"
}

function Install-TestPrerequisite {
    # The integration tests start a real sshd and use sudo; install them when missing.
    Install-AptPackage -For 'The integration tests' -NoServiceStart -Needed ([ordered]@{ '/usr/sbin/sshd' = 'openssh-server'; '/usr/bin/sudo' = 'sudo' })
}

function Invoke-UnitTest {
    $trx = Join-Path $ResultsDir 'xunit.trx'
    if (Test-Path $trx) { Remove-Item $trx }
    & dotnet test (Join-Path $Root 'tests/NfsCinder.Tests/NfsCinder.Tests.csproj') -c $Configuration --nologo `
        --logger "trx;LogFileName=$trx" --logger 'console;verbosity=minimal' | Out-Host
    if (-not (Test-Path $trx)) { return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 } }
    $run = ([xml](Get-Content $trx -Raw)).TestRun
    $counters = $run.ResultSummary.Counters
    $failures = @($run.Results.UnitTestResult | Where-Object outcome -eq 'Failed' | ForEach-Object {
            $message = "$($_.Output.ErrorInfo.Message)" -split "`n" | Select-Object -First 1
            'xunit {0}: {1}' -f $_.testName, $message
        })
    [pscustomobject]@{ Passed = [int]$counters.passed; Failed = [int]$counters.failed + [int]$counters.error; Skipped = [int]$counters.notExecuted; Failures = $failures }
}

function Invoke-PesterTest {
    $json = Join-Path $ResultsDir 'pester.json'
    if (Test-Path $json) { Remove-Item $json }
    $arguments = @('pwsh', '-NoProfile', '-NonInteractive', '-File', (Join-Path $Root 'tests/Invoke-PesterSuite.ps1'),
        '-ModuleManifest', (Join-Path $ModuleOut 'NfsCinder.psd1'), '-PesterPath', (Get-PesterModulePath), '-ResultPath', $json)
    if ($Tag) { $arguments += @('-Tag', ($Tag -join ',')) }
    if ($ExcludeTag) { $arguments += @('-ExcludeTag', ($ExcludeTag -join ',')) }
    & dotnet @arguments | Out-Host
    if (-not (Test-Path $json)) { return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 } }
    Get-Content $json -Raw | ConvertFrom-Json
}

switch ($Task) {
    'Build' { Invoke-ModuleBuild }
    'Test' {
        Invoke-ModuleBuild
        # The package test installs this .nupkg into a clean module path.
        New-ModulePackage | Out-Null
        Install-TestPrerequisite
        New-Item $ResultsDir -ItemType Directory -Force | Out-Null
        $unit = Invoke-UnitTest
        # Integration tests run against the lab unless you point them at your own hosts.
        $ownLab = -not $env:NFSCINDER_LAB_DESCRIPTION
        if ($ownLab) { Import-LabModule }
        try {
            if ($ownLab) { Start-Lab -Hosts $Hosts -LightHosts $LightHosts | Out-Null }
            $pester = Invoke-PesterTest
        }
        finally { if ($ownLab) { Stop-Lab } }
        foreach ($failure in @($pester.Failures) + @($unit.Failures)) { if ($failure) { Write-Host "FAILED $failure" } }
        Write-Host ("xunit:  {0} passed, {1} failed, {2} skipped" -f $unit.Passed, $unit.Failed, $unit.Skipped)
        Write-Host ("Pester: {0} passed, {1} failed, {2} skipped" -f $pester.Passed, $pester.Failed, $pester.Skipped)
        $failed = $unit.Failed + $pester.Failed
        Write-Host ("{0} passed, {1} failed, {2} skipped" -f ($unit.Passed + $pester.Passed), $failed, ($unit.Skipped + $pester.Skipped))
        if ($failed -gt 0) { exit 1 }
    }
    'Help' {
        # Refreshes docs/en-US/*.md from the built cmdlets (as PlatyPS's Update-MarkdownHelp):
        # new cmdlets and parameters get a page or a section, the words already written stay.
        Invoke-ModuleBuild
        & dotnet pwsh -NoProfile -NonInteractive -Command "Import-Module '$(Join-Path $ModuleOut 'NfsCinder.psd1')'; Import-Module '$(Join-Path $Root 'build/Help.psm1')'; Update-HelpMarkdown -ModuleName NfsCinder -OutputFolder '$(Join-Path $Root 'docs/en-US')'"
        if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    }
    'Package' {
        Invoke-ModuleBuild
        New-ModulePackage | Out-Null
    }
    'Lab' {
        Import-LabModule
        switch ($Action) {
            'Start' {
                # Light hosts are sshd processes of this machine: the same sshd the tests install.
                if ($LightHosts -gt 0) { Install-TestPrerequisite }
                Start-Lab -Hosts $Hosts -LightHosts $LightHosts | Out-Null; Get-LabStatus | Format-Table | Out-Host
            }
            'Stop' { Stop-Lab }
            'Status' { Get-LabStatus | Format-Table | Out-Host }
        }
    }
    'Demo' {
        Invoke-ModuleBuild
        Import-LabModule
        try {
            Start-Lab -Hosts $Hosts | Out-Null
            & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tests/Demo.ps1') -ModuleManifest (Join-Path $ModuleOut 'NfsCinder.psd1') -LabDescription (Get-LabDescriptionPath)
            $demoExit = $LASTEXITCODE
        }
        finally { Stop-Lab }
        if ($demoExit -ne 0) { exit $demoExit }
    }
    'Bench' {
        $counts = @($BenchHosts -split ',' | ForEach-Object { [int]$_ } | Sort-Object -Unique)
        if ($counts[0] -lt 1 -or $counts[-1] -gt 256) { throw '-BenchHosts takes host counts from 1 to 256.' }
        Invoke-ModuleBuild
        # Ansible, GNU time and python3 before the lab starts, not while it idles.
        Import-LabModule
        Import-Module (Join-Path $Root 'tests/bench/Bench.psm1') -Force
        Install-BenchPrerequisite
        Install-TestPrerequisite
        $benchExit = 1
        try {
            # Light hosts only, each starting from the cinder.conf Debian's package ships.
            $lab = Start-Lab -Hosts @() -LightHosts $counts[-1] `
                -CinderConf (Join-Path $Root 'tests/fixtures/cinder/debian12-cinder.conf.shipped')
            # The lab just started, even when NFSCINDER_LAB_DESCRIPTION names other hosts.
            & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tests/bench/Invoke-Bench.ps1') -ModuleManifest (Join-Path $ModuleOut 'NfsCinder.psd1') `
                -LabDescription (Join-Path $lab.StateDirectory 'lab.json') -BenchHosts ($counts -join ',') -ThrottleLimit $ThrottleLimit
            $benchExit = $LASTEXITCODE
        }
        finally { Stop-Lab }
        if ($benchExit -ne 0) { exit $benchExit }
    }
}
