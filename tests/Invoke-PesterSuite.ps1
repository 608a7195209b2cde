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

$configuration = New-PesterConfiguration
$configuration.Run.Path = $PSScriptRoot
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
