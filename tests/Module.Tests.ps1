BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
}

Describe 'The NfsCinder module' -Tag 'Unit' {
    It 'declares exactly the cmdlets the DLL implements' {
        $manifest = Import-PowerShellDataFile (Join-Path $PSScriptRoot '../NfsCinder.psd1')
        $implemented = [NfsCinder.Commands.NfsCinderCmdletBase].Assembly.GetExportedTypes() |
            Where-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
            ForEach-Object { $a = $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]; "$($a.VerbName)-$($a.NounName)" }
        @($manifest.CmdletsToExport | Sort-Object) | Should -Be @($implemented | Sort-Object)
        (Get-Command -Module NfsCinder).Count | Should -Be $manifest.CmdletsToExport.Count
    }

    It 'is one netstandard2.0 assembly for both editions' {
        $manifest = Import-PowerShellDataFile (Join-Path $PSScriptRoot '../NfsCinder.psd1')
        $manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $manifest.PowerShellVersion | Should -Be '5.1'
        $framework = [NfsCinder.Commands.NfsCinderCmdletBase].Assembly.GetCustomAttributes([System.Runtime.Versioning.TargetFrameworkAttribute], $false)[0]
        $framework.FrameworkName | Should -Be '.NETStandard,Version=v2.0'
    }

    It 'imports in a fresh pwsh quickly' {
        $script = "(Measure-Command { Import-Module '$((Get-Module NfsCinder).Path)' }).TotalMilliseconds"
        $ms = [double](& ([Environment]::ProcessPath) @(Get-PwshArgument) -NoProfile -NonInteractive -Command $script)
        Write-Host "    import time: $([math]::Round($ms)) ms"
        $ms | Should -BeLessThan 2000
    }
}
