# The command runner over real SSH: quoting, timeouts that kill the remote process,
# sudo with and without a password, secrets kept out of output, dropped connections.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Server = Start-TestSshd
    $common = @{ ComputerName = '127.0.0.1'; Port = $Server.Port; KnownHostsPath = $Server.KnownHostsPath; KeyFilePath = $Server.KeyFile }
    $script:Root = New-NfsCinderSession @common -UserName root
    $script:NoPass = New-NfsCinderSession @common -UserName nfsc-nopass -UseSudo
    $script:Pass = New-NfsCinderSession @common -UserName nfsc-pass -UseSudo -SudoPassword $Server.SudoPassword
    $script:Plain = New-NfsCinderSession @common -UserName nfsc-nosudo
    # Remote processes still alive whose argv is exactly this (read-only look at /proc).
    function Get-RemoteProcess([string[]] $Argv) {
        $wanted = ($Argv -join "`0") + "`0"
        (Invoke-NfsCinderCommand -Session $Root -ArgumentList sh, -c, 'for f in /proc/[0-9]*/cmdline; do tr "\0" "\1" < $f; echo; done 2>/dev/null').StandardOutput.Split("`n") |
            Where-Object { $_ -eq $wanted.Replace("`0", [string][char]1) }
    }
}

AfterAll {
    Get-NfsCinderSession | Remove-NfsCinderSession
    if ($script:Server) { Stop-TestSshd $script:Server }
}

Describe 'Commands over SSH' -Tag 'Integration', 'Ssh', 'NfsCinderCommand' -Skip:(-not $CanRunSshd) {
    It 'passes hostile arguments through byte for byte' {
        $hostile = @('a b', "it's", '"q"', '$(touch /tmp/nfscinder-pwned)', '`id`', 'a;b', 'x|y', "line1`nline2", '*', '~', 'ü日本🦀', '', '-n', '--')
        $result = Invoke-NfsCinderCommand -Session $Root -ArgumentList (@('printf', '%s\0') + $hostile)
        $result.StandardOutput.Split("`0") | Select-Object -SkipLast 1 | Should -Be $hostile
        Test-Path /tmp/nfscinder-pwned | Should -BeFalse
    }

    It 'makes one round trip per command' {
        $before = $Root.CommandCount
        Invoke-NfsCinderCommand -Session $Root -ArgumentList true | Out-Null
        $Root.CommandCount - $before | Should -Be 1
        $before = $Root.CommandCount
        Get-NfsCinderHost -Session $Root | Out-Null
        $Root.CommandCount - $before | Should -Be 1
    }

    It 'turns a failing exit status into an error record with a stable id, the host and the stderr' {
        Invoke-NfsCinderCommand -Session $Root -ArgumentList ls, /nonexistent-dir -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'CommandFailed,*'
        $failure[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $failure[0].TargetObject.ComputerName | Should -Be '127.0.0.1'
        # The host as the session names it: no -Name was given, so host:port.
        $failure[0].Exception.Message | Should -BeLike "``[127.0.0.1:$($Server.Port)``]*exit status 2*No such file or directory*"
    }

    It 'accepts exit codes declared as answers' {
        (Invoke-NfsCinderCommand -Session $Root -ArgumentList sh, -c, 'exit 3' -AllowedExitCode 0, 3).ExitCode | Should -Be 3
    }

    It 'says which program is missing and what to do' {
        Invoke-NfsCinderCommand -Session $Root -ArgumentList no-such-program-xyz -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'CommandNotFound,*'
        $failure[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failure[0].Exception.Message | Should -BeLike "*'no-such-program-xyz'*Install*"
    }

    It 'stops a command at its timeout, kills the remote process, and never hangs' {
        $elapsed = Measure-Command {
            Invoke-NfsCinderCommand -Session $Root -ArgumentList sleep, 4242 -TimeoutSec 2 -ErrorVariable failure -ErrorAction SilentlyContinue
        }
        $elapsed.TotalSeconds | Should -BeLessThan 8
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'CommandTimedOut,*'
        $failure[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        Get-RemoteProcess sleep, 4242 | Should -BeNullOrEmpty
        # The session is still usable afterwards.
        (Invoke-NfsCinderCommand -Session $Root -ArgumentList echo, ok).StandardOutput.Trim() | Should -Be 'ok'
    }

    It 'kills a remote command that ignores SIGTERM (KILL after the grace period)' {
        $elapsed = Measure-Command {
            Invoke-NfsCinderCommand -Session $Root -ArgumentList sh, -c, 'trap "" TERM; sleep 4343; :' -TimeoutSec 1 -ErrorAction SilentlyContinue -ErrorVariable failure
        }
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'CommandTimedOut,*'
        $elapsed.TotalSeconds | Should -BeLessThan 12
        Start-Sleep -Milliseconds 300
        Get-RemoteProcess sleep, 4343 | Should -BeNullOrEmpty
    }

    It 'shows each command in -Verbose' {
        $verbose = Invoke-NfsCinderCommand -Session $Root -ArgumentList printf, 'a b' -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        "$verbose" | Should -BeLike "*127.0.0.1*timeout*printf 'a b'*"
    }

    It 'says a non-root user lacks permission and suggests -UseSudo' {
        Invoke-NfsCinderCommand -Session $Plain -ArgumentList cat, /etc/shadow -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'PermissionDenied,*'
        $failure[0].ErrorDetails.RecommendedAction | Should -Match 'UseSudo'
    }

    It 'reports a dropped connection as ConnectionLost and reconnects on the next command' {
        $session = New-NfsCinderSession -ComputerName 127.0.0.1 -Port $Server.Port -KnownHostsPath $Server.KnownHostsPath -KeyFilePath $Server.KeyFile -UserName root
        $job = Start-ThreadJob -ArgumentList $session, (Get-Module NfsCinder).Path {
            param($s, $manifest)
            Import-Module $manifest
            $sw = [Diagnostics.Stopwatch]::StartNew()
            Invoke-NfsCinderCommand -Session $s -ArgumentList sleep, 4444 -TimeoutSec 60 -ErrorVariable failure -ErrorAction SilentlyContinue
            [pscustomobject]@{ Id = $failure[0].FullyQualifiedErrorId; Category = "$($failure[0].CategoryInfo.Category)"; Seconds = $sw.Elapsed.TotalSeconds }
        }
        # Find the remote sleep among the server's processes, walk up to this connection's
        # sshd process (a direct child of the listener) and kill that one, by PID.
        $deadline = [DateTime]::UtcNow.AddSeconds(15)
        $sleepPid = $null
        while (-not $sleepPid -and [DateTime]::UtcNow -lt $deadline) {
            Start-Sleep -Milliseconds 200
            $sleepPid = Get-TestSshdChildPid $Server | Where-Object { (Get-Content "/proc/$_/cmdline" -Raw -ErrorAction SilentlyContinue) -eq "sleep`0" + "4444`0" } | Select-Object -First 1
        }
        $sleepPid | Should -Not -BeNullOrEmpty
        $connectionPid = $sleepPid
        $commandPids = @()
        while ($true) {
            $parent = [int]((Get-Content "/proc/$connectionPid/stat" -Raw) -replace '^.*\) \S+ (\d+) .*$', '$1')
            if ($parent -eq $Server.Pid) { break }
            $commandPids += $connectionPid
            $connectionPid = $parent
        }
        & kill -KILL $connectionPid
        $outcome = $job | Wait-Job -Timeout 30 | Receive-Job
        $job | Remove-Job -Force
        $outcome.Id | Should -BeLike 'ConnectionLost*'
        $outcome.Category | Should -Be 'ConnectionError'
        $outcome.Seconds | Should -BeLessThan 20
        # The orphaned remote command would end at its timeout; end it now, by PID.
        foreach ($processId in $commandPids) { & kill -KILL $processId 2>$null }
        (Invoke-NfsCinderCommand -Session $session -ArgumentList echo, back).StandardOutput.Trim() | Should -Be 'back'
        $session.State | Should -Be 'Opened'
        Remove-NfsCinderSession $session
    }

    It 'stops a running remote command on Ctrl+C and leaves nothing running' {
        $ps = [powershell]::Create()
        $null = $ps.AddScript('param($s, $m) Import-Module $m; Invoke-NfsCinderCommand -Session $s -ArgumentList sleep, 4545 -TimeoutSec 120').
            AddArgument($Root).AddArgument((Get-Module NfsCinder).Path)
        $handle = $ps.BeginInvoke()
        $deadline = [DateTime]::UtcNow.AddSeconds(15)
        while (-not (Get-RemoteProcess sleep, 4545) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }
        Get-RemoteProcess sleep, 4545 | Should -Not -BeNullOrEmpty
        $elapsed = Measure-Command { $ps.Stop() }
        $elapsed.TotalSeconds | Should -BeLessThan 5
        $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        $ps.Dispose()
        $deadline = [DateTime]::UtcNow.AddSeconds(5)
        while ((Get-RemoteProcess sleep, 4545) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }
        Get-RemoteProcess sleep, 4545 | Should -BeNullOrEmpty
        (Invoke-NfsCinderCommand -Session $Root -ArgumentList echo, still-here).StandardOutput.Trim() | Should -Be 'still-here'
    }

    It 'describes the host it runs on' {
        $facts = Get-NfsCinderHost -Session $Root
        $facts.ComputerName | Should -Be '127.0.0.1'
        $facts.Family | Should -Be 'Debian'
        $facts.PackageManager | Should -Be 'Apt'
        $facts.IsRoot | Should -BeTrue
    }
}

Describe 'sudo' -Tag 'Integration', 'Ssh', 'NfsCinderCommand', 'Sudo' -Skip:(-not $CanRunSshd) {
    It 'elevates with a NOPASSWD rule' {
        $NoPass.SudoMode | Should -Be 'NoPassword'
        (Invoke-NfsCinderCommand -Session $NoPass -ArgumentList id, -u).StandardOutput.Trim() | Should -Be '0'
        (Invoke-NfsCinderCommand -Session $NoPass -ArgumentList id, -u -NoElevation).StandardOutput.Trim() | Should -Be '4901'
    }

    It 'elevates with a password sent on stdin, and the command still gets its own stdin' {
        $Pass.SudoMode | Should -Be 'Password'
        (Invoke-NfsCinderCommand -Session $Pass -ArgumentList id, -u).StandardOutput.Trim() | Should -Be '0'
        $result = Invoke-NfsCinderCommand -Session $Pass -ArgumentList cat -InputText "payload`nline2"
        $result.StandardOutput | Should -BeExactly "payload`nline2"
        $result.StandardOutput | Should -Not -Match ([regex]::Escape($Server.SudoPasswordPlain))
    }

    It 'never shows the sudo password: not on the command line, in verbose output, errors or the process list' {
        $all = Invoke-NfsCinderCommand -Session $Pass -ArgumentList sh, -c, 'cat /proc/[0-9]*/cmdline 2>/dev/null | tr "\0" " "; ls /nonexistent' -Verbose -ErrorVariable failure -ErrorAction SilentlyContinue 4>&1
        $text = ($all | Out-String) + ($failure | Out-String) + ($failure.Exception.Message -join ' ')
        $text | Should -Not -Match ([regex]::Escape($Server.SudoPasswordPlain))
        $text | Should -Match "sudo -S -k -p '' --"
    }

    It 'refuses a wrong sudo password when the session opens' {
        $wrong = ConvertTo-SecureString 'not-the-password' -AsPlainText -Force
        New-NfsCinderSession -ComputerName 127.0.0.1 -Port $Server.Port -KnownHostsPath $Server.KnownHostsPath -KeyFilePath $Server.KeyFile -UserName nfsc-pass -UseSudo -SudoPassword $wrong -ErrorVariable failure -ErrorAction SilentlyContinue |
            Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'SudoPasswordRejected*'
        $failure[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
    }

    It 'asks for a sudo password when sudo needs one and none was given' {
        New-NfsCinderSession -ComputerName 127.0.0.1 -Port $Server.Port -KnownHostsPath $Server.KnownHostsPath -KeyFilePath $Server.KeyFile -UserName nfsc-pass -UseSudo -ErrorVariable failure -ErrorAction SilentlyContinue |
            Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'SudoPasswordRequired*'
        $failure[0].ErrorDetails.RecommendedAction | Should -Match 'SudoPassword'
    }

    It 'uses the -Credential password for sudo' {
        $credential = [pscredential]::new('nfsc-pass', $Server.SudoPassword)
        $session = New-NfsCinderSession -ComputerName 127.0.0.1 -Port $Server.Port -KnownHostsPath $Server.KnownHostsPath -Credential $credential -UseSudo
        $session.SudoMode | Should -Be 'Password'
        (Invoke-NfsCinderCommand -Session $session -ArgumentList id, -u).StandardOutput.Trim() | Should -Be '0'
        Remove-NfsCinderSession $session
    }

    It 'needs no sudo for root, even with -UseSudo' {
        $session = New-NfsCinderSession -ComputerName 127.0.0.1 -Port $Server.Port -KnownHostsPath $Server.KnownHostsPath -KeyFilePath $Server.KeyFile -UserName root -UseSudo
        $session.SudoMode | Should -Be 'None'
        $verbose = Invoke-NfsCinderCommand -Session $session -ArgumentList true -Verbose 4>&1
        "$verbose" | Should -Not -Match 'sudo'
        Remove-NfsCinderSession $session
    }
}
