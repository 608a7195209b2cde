<#
.SYNOPSIS
    Runs every Pester suite under tests/ against a built module and writes the counts as JSON.
    build.ps1 -Task Test calls this in a fresh pwsh, so the module loads as a user would load it.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ResultPath,
    [string] $Tag,
    [string] $ExcludeTag
)

$ErrorActionPreference = 'Stop'
Import-Module $PesterPath -Force
$env:NFSCINDER_MODULE_MANIFEST = (Resolve-Path $ModuleManifest).Path

# The lab suites share nfs1, cinder1, compute1 and the light hosts, and each leaves them in a
# state the next one relies on or resets first (tests/README.md says which and why), so the
# files run in this order. It is the order Pester gives tests/ by name, written down so that a
# renamed file cannot reorder them unnoticed: a name listed here and missing stops the run.
# A *.Tests.ps1 not listed here runs after these, by name.
$runOrder = @(
    'CinderNfsBackend.Section3.Tests.ps1'  # section 3 and the diagnosis: makes its own export and backend
    'CinderNfsBackend.Tests.ps1'           # saves cinder.conf as section 3 left it, puts it back at the end
    'Completion.Tests.ps1'                 # light hosts
    'Help.Tests.ps1'
    'Lab.Light.Tests.ps1'                  # light hosts
    'Lab.Smoke.Tests.ps1'                  # expects virt_use_nfs off; empties nfs1's /etc/exports at the end
    'Module.Tests.ps1'
    'NfsCinderCommand.Tests.ps1'           # its own sshd, no lab
    'NfsCinderSession.Tests.ps1'           # its own sshd, no lab
    'NfsExport.Tests.ps1'                  # section 1: reinstalls the server, exports /nfs/shared
    'NfsMount.Tests.ps1'                   # section 2: mounts section 1's /nfs/shared
    'NovaAttach.Tests.ps1'                 # compute1's real attach; virt_use_nfs off at the end (not persistent)
    'NovaNfsSetting.Tests.ps1'             # light hosts
    'Package.Tests.ps1'
    'Parallel.Tests.ps1'                   # leaves virt_use_nfs on (temporarily) on compute1
    'VirtUseNfs.Tests.ps1'                 # turns virt_use_nfs off first; reboots compute1, so last
)
$missing = @($runOrder | Where-Object { -not (Test-Path -LiteralPath (Join-Path $PSScriptRoot $_) -PathType Leaf) })
if ($missing) { throw "tests/Invoke-PesterSuite.ps1 lists test files that are not there: $($missing -join ', ')" }
$listed = @($runOrder | ForEach-Object { Join-Path $PSScriptRoot $_ })
$others = @(Get-ChildItem -Path $PSScriptRoot -Filter '*.Tests.ps1' -File -Recurse | Where-Object FullName -notin $listed | Sort-Object FullName | ForEach-Object FullName)

$configuration = New-PesterConfiguration
$configuration.Run.Path = $listed + $others
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputPath = [IO.Path]::ChangeExtension($ResultPath, '.xml')
if ($Tag) { $configuration.Filter.Tag = $Tag -split ',' }
if ($ExcludeTag) { $configuration.Filter.ExcludeTag = $ExcludeTag -split ',' }

$result = Invoke-Pester -Configuration $configuration

# CI logs are often cut to their tail: name each failure there, with the first line of its error,
# so a red run says what broke without the full log.
function Get-FailureLine($Item, [string] $Kind) {
    $message = @($Item.ErrorRecord | ForEach-Object { "$($_.Exception.Message)" -split "`n" | Select-Object -First 1 })[0]
    if (-not $message) { $message = 'its block failed' }
    '{0} {1}: {2}' -f $Kind, $Item.ExpandedPath, $message
}
$failures = @(
    $result.Failed | ForEach-Object { Get-FailureLine $_ 'test' }
    $result.FailedBlocks | ForEach-Object { Get-FailureLine $_ 'block' }
    $result.FailedContainers | ForEach-Object { Get-FailureLine @{ ExpandedPath = "$($_.Item)"; ErrorRecord = $_.ErrorRecord } 'file' }
)
# A failing BeforeAll fails the block's tests, which count already; a failing AfterAll fails only
# the block. Count a block only when none of its tests failed, so it neither hides nor counts twice.
$blocksOnly = @($result.FailedBlocks | Where-Object { -not @($_.Tests | Where-Object Result -eq 'Failed').Count })

[pscustomobject]@{
    Passed   = $result.PassedCount
    Failed   = $result.FailedCount + $blocksOnly.Count + $result.FailedContainersCount
    Skipped  = $result.SkippedCount + $result.NotRunCount
    Failures = $failures
} | ConvertTo-Json | Set-Content -Path $ResultPath
