<#
.SYNOPSIS
    The main job. Until the lab (issue 3) and the workflow cmdlets (issues 4 and 5) land, this
    shows honestly what exists: sessions, the safe runner, and host facts, on this machine.
#>
param([Parameter(Mandatory)] [string] $ModuleManifest)
$ErrorActionPreference = 'Stop'
Import-Module $ModuleManifest

Write-Host @'
NfsCinder demo
--------------
The full demo (export on nfs1, showmount from cinder1, Set-CinderNfsBackend -Restart,
Enable-VirtUseNfs on compute1, Test-CinderNfsBackend) needs the lab VMs and the workflow
cmdlets, which are not built yet. What exists today is the foundation, shown on this machine:
'@

Write-Host "`nCmdlets available:"
Get-Command -Module NfsCinder | Format-Table Name, Verb, Noun -AutoSize | Out-Host

if ($IsLinux) {
    Write-Host 'Get-NfsCinderHost (no -Session: acts on this Linux machine through the same runner as SSH):'
    Get-NfsCinderHost | Format-List ComputerName, OsName, Distribution, OsVersion, Family, Init, PackageManager, SELinux, InstalledPackages | Out-Host
    Write-Host "Invoke-NfsCinderCommand -ArgumentList printf, '%s\n', 'a;b', '`$(whoami)'  (arguments arrive unchanged):"
    (Invoke-NfsCinderCommand -ArgumentList 'printf', '%s\n', 'a;b', '$(whoami)' -Verbose 4>&1) | Out-Host
}
else {
    Write-Host 'This machine is not Linux: create a session with New-NfsCinderSession to act on a Linux host.'
}
