# Dot-sourced by every *.Tests.ps1: imports the built module once and loads the test helpers.
$manifest = $env:NFSCINDER_MODULE_MANIFEST
if (-not $manifest) {
    $version = (Import-PowerShellDataFile (Join-Path $PSScriptRoot '../NfsCinder.psd1')).ModuleVersion
    $manifest = Join-Path $PSScriptRoot "../output/NfsCinder/$version/NfsCinder.psd1"
}
if (-not (Get-Module NfsCinder)) { Import-Module $manifest -ErrorAction Stop }
Import-Module (Join-Path $PSScriptRoot 'support/TestSshd.psm1') -Force

# True when this process may start sshd and switch users (the integration tests need it).
$script:CanRunSshd = $IsLinux -and ((& id -u) -eq '0') -and (Test-Path /usr/sbin/sshd) -and (Test-Path /usr/bin/sudo)

function Get-PwshArgument {
    # Under `dotnet pwsh` the process is dotnet itself; it needs the tool's entry point first.
    if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') { @(Join-Path $PSHOME 'pwsh.dll') } else { @() }
}

# ---- the lab (or your own hosts, through NFSCINDER_LAB_DESCRIPTION) -------------------------
Import-Module (Join-Path $PSScriptRoot 'lab/Lab.psm1')
Import-Module (Join-Path $PSScriptRoot 'support/LabHost.psm1') -Force
$script:LabDescriptionPath = Get-LabDescriptionPath
$script:HasLab = Test-Path $LabDescriptionPath
$PSDefaultParameterValues['Get-LabHost:LabDescription'] = $LabDescriptionPath

function New-LabSession {
    <# Opens a session to a lab host the way a user would (LabHost.psm1). #>
    param([Parameter(Mandatory)] [string] $Name)
    Get-LabHost $Name | Open-LabHostSession
}
