# The package as a user gets it: the .nupkg that ./build.ps1 -Task Package (and -Task Test)
# writes, installed with Install-PSResource from a local folder repository into a clean
# module path, imported by name in a fresh pwsh.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $version = (Import-PowerShellDataFile (Join-Path $PSScriptRoot '../NfsCinder.psd1')).ModuleVersion
    $script:Package = Join-Path $PSScriptRoot "../output/NfsCinder.$version.nupkg"
    $script:Version = $version
    $script:Sandbox = Join-Path ([IO.Path]::GetTempPath()) "nfscinder-package-$PID"
    $script:Exe = [Environment]::ProcessPath

    function Invoke-CleanPwsh([string] $Script) {
        # A fresh pwsh whose home, module path and PSResourceGet settings are the sandbox's own.
        $file = Join-Path $Sandbox "step-$([guid]::NewGuid().ToString('n')).ps1"
        Set-Content $file $Script
        $saved = @{ HOME = $env:HOME; PSModulePath = $env:PSModulePath; XDG_DATA_HOME = $env:XDG_DATA_HOME; XDG_CONFIG_HOME = $env:XDG_CONFIG_HOME }
        try {
            $env:HOME = Join-Path $Sandbox 'home'
            $env:XDG_DATA_HOME = Join-Path $Sandbox 'home/.local/share'
            $env:XDG_CONFIG_HOME = Join-Path $Sandbox 'home/.config'
            $env:PSModulePath = $null
            $out = & $Exe @(Get-PwshArgument) -NoProfile -NonInteractive -File $file 2>&1
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = ($out | Out-String) }
        }
        finally { foreach ($k in $saved.Keys) { Set-Item "env:$k" $saved[$k] } }
    }
}

AfterAll {
    if ($Sandbox -and (Test-Path $Sandbox)) { Remove-Item $Sandbox -Recurse -Force }
}

Describe 'The NfsCinder package' -Tag 'Unit', 'Package' {
    BeforeAll {
        New-Item (Join-Path $Sandbox 'repo') -ItemType Directory -Force | Out-Null
        # .NET answers an empty LocalApplicationData when the folder does not exist, and
        # PSResourceGet would then keep its repository list in the working directory.
        foreach ($dir in 'home/.local/share', 'home/.config', 'home/.cache') { New-Item (Join-Path $Sandbox $dir) -ItemType Directory -Force | Out-Null }
        if (Test-Path $Package) { Copy-Item $Package (Join-Path $Sandbox 'repo') }
    }

    It 'exists as NfsCinder.<version>.nupkg with the module, its help and its views inside' {
        $Package | Should -Exist
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead((Resolve-Path $Package))
        try { $entries = $zip.Entries.FullName } finally { $zip.Dispose() }
        foreach ($file in 'NfsCinder.psd1', 'NfsCinder.dll', 'Renci.SshNet.dll', 'NfsCinder.Format.ps1xml', 'en-US/NfsCinder.dll-Help.xml', 'en-US/about_NfsCinder.help.txt') {
            $entries | Should -Contain $file
        }
    }

    It 'installs with Install-PSResource from a local repository into a clean module path, and works in a fresh pwsh' {
        $install = Invoke-CleanPwsh @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name NfsCinderLocal -Uri '$(Join-Path $Sandbox 'repo')' -Trusted
Install-PSResource -Name NfsCinder -Repository NfsCinderLocal -Scope CurrentUser -TrustRepository
(Get-InstalledPSResource -Name NfsCinder).InstalledLocation
"@
        $install.ExitCode | Should -Be 0 -Because $install.Output
        $install.Output | Should -Match ([regex]::Escape((Join-Path $Sandbox 'home')))
        Join-Path $Sandbox 'home/.local/share/PSResourceGet/PSResourceRepository.xml' | Should -Exist

        $use = Invoke-CleanPwsh @'
$ErrorActionPreference = 'Stop'
Import-Module NfsCinder
$module = Get-Module NfsCinder
"$($module.Version) $($module.ModuleBase)"
(Get-Help Test-CinderNfsBackend).Synopsis
$session = New-NfsCinderSession -Local -Name packaged
(Get-NfsCinderSession -Name packaged).Transport
$session | Remove-NfsCinderSession
'@
        $use.ExitCode | Should -Be 0 -Because $use.Output
        $use.Output | Should -Match "$([regex]::Escape($Version)) $([regex]::Escape((Join-Path $Sandbox 'home')))"
        $use.Output | Should -Match 'Local'
        $use.Output | Should -Not -Match 'Test-CinderNfsBackend \[' # the written synopsis, not the generated syntax
    }
}
