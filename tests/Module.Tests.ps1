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
        # The best of three fresh processes: the lab's VMs share this machine's cores, and one
        # cold start can stall; a slow import (say, a network call) is slow every time.
        $script = "(Measure-Command { Import-Module '$((Get-Module NfsCinder).Path)' }).TotalMilliseconds"
        $ms = (1..3 | ForEach-Object { [double](& ([Environment]::ProcessPath) @(Get-PwshArgument) -NoProfile -NonInteractive -Command $script) } | Measure-Object -Minimum).Minimum
        Write-Host "    import time: $([math]::Round($ms)) ms"
        $ms | Should -BeLessThan 2000
    }
}

Describe 'Output formatting' -Tag 'Unit', 'Format' {
    BeforeAll {
        $script:OutputTypes = @(Get-Command -Module NfsCinder -CommandType Cmdlet | ForEach-Object { $_.OutputType.Type } |
            Where-Object { $_ -and $_.Namespace -like 'NfsCinder*' } | Select-Object -Unique)
        $script:Views = @{}
        foreach ($data in Get-FormatData -TypeName 'NfsCinder.*' -PowerShellVersion $PSVersionTable.PSVersion) {
            foreach ($name in $data.TypeNames) { $Views[$name] = $data }
        }
    }

    It 'has a table view for every type a cmdlet outputs, host first' {
        $OutputTypes.Count | Should -BeGreaterThan 10
        foreach ($type in $OutputTypes) {
            $Views.ContainsKey($type.FullName) | Should -BeTrue -Because "$($type.FullName) needs a view"
            $table = $Views[$type.FullName].FormatViewDefinition.Control | Where-Object { $_ -is [System.Management.Automation.TableControl] }
            $table | Should -Not -BeNullOrEmpty -Because "$($type.FullName) needs a table view"
            $table.Headers[0].Label | Should -BeIn 'Host', 'Id', 'ComputerName' -Because "$($type.FullName) shows its host first"
        }
    }

    It 'declares OutputType on every cmdlet' {
        Get-Command -Module NfsCinder -CommandType Cmdlet | Where-Object { -not $_.OutputType } | ForEach-Object Name | Should -BeNullOrEmpty
    }
}

Describe 'Errors read well' -Tag 'Unit', 'Errors' -Skip:(-not $IsLinux) {
    # $Error[0] must say what failed, on which host, and what to do, in its own fields.
    It 'a missing program: CommandNotFound, the host, and the package to install' {
        Invoke-NfsCinderCommand -ArgumentList nfscinder-no-such-program -ErrorVariable failure -ErrorAction SilentlyContinue | Out-Null
        $e = $failure[0]
        $e.FullyQualifiedErrorId | Should -Be 'CommandNotFound,NfsCinder.Commands.InvokeNfsCinderCommandCommand'
        $e.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $e.ErrorDetails.Message | Should -Be "[localhost] 'nfscinder-no-such-program' was not found (exit 127). timeout: failed to run command 'nfscinder-no-such-program': No such file or directory"
        $e.ErrorDetails.RecommendedAction | Should -Match '^Install the package that provides it'
        $e.Exception.Message | Should -Match 'Install the package' # logs and catch blocks get both in one line
    }

    It 'a command that outlives its timeout: CommandTimedOut, with the bound it hit' {
        Invoke-NfsCinderCommand -ArgumentList sleep, 30 -TimeoutSec 1 -ErrorVariable failure -ErrorAction SilentlyContinue | Out-Null
        $e = $failure[0]
        $e.FullyQualifiedErrorId | Should -BeLike 'CommandTimedOut,*'
        $e.CategoryInfo.Category | Should -Be 'OperationTimeout'
        $e.ErrorDetails.Message | Should -Match '^\[localhost\] .*1 s'
        $e.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
    }

    It 'bad input: a clear InvalidArgument naming the value, before any host is touched' {
        { Set-CinderNfsBackend -Share 'server-without-path' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidShare,NfsCinder.Commands.SetCinderNfsBackendCommand'
        try { Set-CinderNfsBackend -Share 'server-without-path' -ErrorAction Stop } catch { $e = $_ }
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $e.TargetObject | Should -Be 'server-without-path'
        $e.Exception.Message | Should -Match 'server-without-path'
    }

    It 'a missing key file: KeyFileNotFound naming the file' {
        # Bad input stops the command (terminating), before any connection is tried.
        try { New-NfsCinderSession -ComputerName 127.0.0.1 -UserName nobody -KeyFilePath /nonexistent/key -ErrorAction Stop } catch { $e = $_ }
        $e.FullyQualifiedErrorId | Should -BeLike 'KeyFileNotFound,*'
        $e.Exception.Message | Should -Match '/nonexistent/key'
    }
}
