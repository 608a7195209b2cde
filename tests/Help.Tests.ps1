# The admin meets the module through Get-Help first: every exported cmdlet has its page in
# docs/en-US (PlatyPS's schema), with every parameter described and real examples, and a fresh
# pwsh shows exactly that page.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Cmdlets = @((Get-Command -Module NfsCinder -CommandType Cmdlet).Name | Sort-Object | ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    Import-Module (Join-Path $PSScriptRoot '../build/Help.psm1') -Force
    $script:Docs = Join-Path $PSScriptRoot '../docs/en-US'
    $script:Common = [System.Management.Automation.Internal.CommonParameters].GetProperties().Name +
        [System.Management.Automation.Internal.ShouldProcessParameters].GetProperties().Name
    function Format-Words([string] $Text) { (($Text -replace '\s+', ' ').Trim()) }

    # Get-Help as a user sees it: a fresh pwsh that only imports the module.
    $manifest = (Get-Module NfsCinder).Path
    $dump = @'
param($Manifest)
Import-Module $Manifest
Get-Command -Module NfsCinder -CommandType Cmdlet | ForEach-Object {
    $h = Get-Help $_.Name -Full
    [pscustomobject]@{
        Name        = $_.Name
        Synopsis    = $h.Synopsis
        Description = ($h.description | ForEach-Object Text) -join "`n`n"
        Examples    = @($h.examples.example | ForEach-Object { $_.code })
        Parameters  = @($h.parameters.parameter | ForEach-Object { [pscustomobject]@{ Name = $_.name; Text = ($_.description | ForEach-Object Text) -join "`n`n" } })
    }
} | ConvertTo-Json -Depth 5
'@
    $script:DumpScript = Join-Path ([IO.Path]::GetTempPath()) "nfscinder-help-$PID.ps1"
    Set-Content $DumpScript $dump
    $exe = [Environment]::ProcessPath
    $json = & $exe @(Get-PwshArgument) -NoProfile -NonInteractive -File $DumpScript -Manifest $manifest
    Remove-Item $DumpScript
    $script:Shown = @{}
    foreach ($item in ($json | ConvertFrom-Json)) { $Shown[$item.Name] = $item }
}

Describe 'Help for <Name>' -Tag 'Unit', 'Help' -ForEach $Cmdlets {
    BeforeAll {
        $script:Page = Join-Path $Docs "$Name.md"
        $script:Md = if (Test-Path $Page) { Read-HelpMarkdown $Page } else { $null }
        $script:Command = Get-Command $Name
    }

    It 'has a markdown page with no placeholder left' {
        $Page | Should -Exist
        Get-Content $Page -Raw | Should -Not -Match '\{\{'
        $Md.Name | Should -Be $Name
    }

    It 'has a synopsis and a description' {
        $Md.Synopsis | Should -Not -BeNullOrEmpty
        $Md.Description.Length | Should -BeGreaterThan 80
    }

    It 'has at least two examples, each with code that calls it and a remark' {
        $Md.Examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $Md.Examples) {
            $example.Code | Should -Match ([regex]::Escape($Name))
            $example.Remarks | Should -Not -BeNullOrEmpty
        }
    }

    It 'describes exactly the parameters the cmdlet has' {
        $actual = @($Command.Parameters.Keys | Where-Object { $_ -notin $Common } | Sort-Object)
        $documented = @($Md.Parameters.Keys | Where-Object { $_ -notin 'WhatIf', 'Confirm' } | Sort-Object)
        $documented | Should -Be $actual
        foreach ($name in $Md.Parameters.Keys) { $Md.Parameters[$name].Description | Should -Not -BeNullOrEmpty -Because "-$name needs a description" }
    }

    It 'is what Get-Help -Full shows in a fresh pwsh' {
        $shown = $Shown[$Name]
        Format-Words $shown.Synopsis | Should -Be (Format-Words $Md.Synopsis)
        Format-Words $shown.Description | Should -Be (Format-Words $Md.Description)
        @($shown.Examples).Count | Should -Be $Md.Examples.Count
        Format-Words $shown.Examples[0] | Should -Be (Format-Words $Md.Examples[0].Code)
        foreach ($parameter in $shown.Parameters) {
            Format-Words $parameter.Text | Should -Be (Format-Words $Md.Parameters[$parameter.Name].Description) -Because "-$($parameter.Name)"
        }
    }
}

Describe 'The help pages' -Tag 'Unit', 'Help' {
    It 'match the code: refreshing them from the cmdlets changes nothing (syntax, types, defaults, sets)' {
        $copy = Join-Path ([IO.Path]::GetTempPath()) "nfscinder-docs-$PID"
        Copy-Item $Docs $copy -Recurse
        try {
            Update-HelpMarkdown -ModuleName NfsCinder -OutputFolder $copy
            foreach ($page in Get-ChildItem $Docs -Filter *.md) {
                Get-Content (Join-Path $copy $page.Name) -Raw | Should -BeExactly (Get-Content $page.FullName -Raw) -Because "run ./build.ps1 -Task Help to refresh $($page.Name)"
            }
            @(Get-ChildItem $copy -Filter *.md).Count | Should -Be @(Get-ChildItem $Docs -Filter *.md).Count
        }
        finally { Remove-Item $copy -Recurse -Force }
    }
}

Describe 'about_NfsCinder' -Tag 'Unit', 'Help' {
    It 'explains the workflow, sessions, host keys, sudo, the lab and troubleshooting' {
        $text = Get-Help about_NfsCinder | Out-String
        foreach ($heading in 'THE WORKFLOW', 'SESSIONS', 'HOST KEY TRUST', 'SUDO', 'THE LAB', 'TROUBLESHOOTING') {
            $text | Should -Match $heading
        }
    }
}
