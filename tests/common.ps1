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
