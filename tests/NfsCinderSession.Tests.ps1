# Sessions against a real OpenSSH sshd on 127.0.0.1: key and password logins, host-key
# trust and refusal, connection reuse, disposal.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:Server = Start-TestSshd
    $script:Common = @{ ComputerName = '127.0.0.1'; Port = $Server.Port; KnownHostsPath = $Server.KnownHostsPath }
    function Get-Fingerprint([string] $PublicKey) { (& ssh-keygen -lf $PublicKey).Split(' ')[1] }
    function New-EmptyKnownHosts { $path = Join-Path $Server.Root "kh-$(Get-Random)"; $path }
}

AfterAll {
    Get-NfsCinderSession | Remove-NfsCinderSession
    if ($script:Server) { Stop-TestSshd $script:Server }
}

Describe 'New-NfsCinderSession over SSH' -Tag 'Integration', 'Ssh', 'NfsCinderSession' -Skip:(-not $CanRunSshd) {
    It 'logs in with a key and reports the verified host key' {
        $session = New-NfsCinderSession @Common -UserName root -KeyFilePath $Server.KeyFile
        $session.State | Should -Be 'Opened'
        $session.IsRoot | Should -BeTrue
        $session.Transport | Should -Be 'SSH'
        $session.HostKeyFingerprint | Should -Be (Get-Fingerprint $Server.HostKeyPublic)
        Get-NfsCinderSession -Id $session.Id | Should -Be $session
        Remove-NfsCinderSession $session
    }

    It 'logs in with an encrypted key and its passphrase' {
        $session = New-NfsCinderSession @Common -UserName nfsc-nosudo -KeyFilePath $Server.EncryptedKeyFile -KeyPassphrase $Server.KeyPassphrase
        $session.IsRoot | Should -BeFalse
        (Invoke-NfsCinderCommand -Session $session -ArgumentList id, -un).StandardOutput.Trim() | Should -Be 'nfsc-nosudo'
        Remove-NfsCinderSession $session
    }

    It 'says the key needs a passphrase when none is given' {
        { New-NfsCinderSession @Common -UserName root -KeyFilePath $Server.EncryptedKeyFile -ErrorAction Stop } |
            Should -Throw -ErrorId 'KeyFileNeedsPassphrase*'
    }

    It 'logs in with a password credential' {
        $credential = [pscredential]::new('nfsc-pass', $Server.SudoPassword)
        $session = New-NfsCinderSession @Common -Credential $credential
        (Invoke-NfsCinderCommand -Session $session -ArgumentList id, -un).StandardOutput.Trim() | Should -Be 'nfsc-pass'
        Remove-NfsCinderSession $session
    }

    It 'refuses a key the server does not accept, as an authentication error' {
        New-NfsCinderSession @Common -UserName root -KeyFilePath $Server.UnauthorizedKey -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'AuthenticationFailed*'
        $failure[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        $failure[0].ErrorDetails.RecommendedAction | Should -Match 'authorized_keys'
    }

    It 'reports an unreachable port as a connection error within the connect timeout' {
        $closed = Get-Random -Minimum 20000 -Maximum 30000
        $elapsed = Measure-Command {
            New-NfsCinderSession -ComputerName 127.0.0.1 -Port $closed -UserName root -KeyFilePath $Server.KeyFile -KnownHostsPath $Server.KnownHostsPath -ConnectTimeoutSec 5 -ErrorVariable failure -ErrorAction SilentlyContinue
        }
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'Connection*'
        $failure[0].CategoryInfo.Category | Should -BeIn 'ConnectionError', 'OperationTimeout'
        $elapsed.TotalSeconds | Should -BeLessThan 10
    }

    It 'reuses one SSH connection for every command of a session' {
        $session = New-NfsCinderSession @Common -UserName root -KeyFilePath $Server.KeyFile
        $before = $session.CommandCount
        1..5 | ForEach-Object { Invoke-NfsCinderCommand -Session $session -ArgumentList true | Out-Null }
        $session.CommandCount - $before | Should -Be 5
        # sshd logs one "Accepted publickey" per connection; this session made exactly one.
        $port = (Invoke-NfsCinderCommand -Session $session -ArgumentList sh, -c, 'echo ${SSH_CLIENT##* }' -ErrorAction Stop).StandardOutput
        $port | Should -Not -BeNullOrEmpty
        $clientPort = (Invoke-NfsCinderCommand -Session $session -ArgumentList sh, -c, 'set -- $SSH_CLIENT; echo $2').StandardOutput.Trim()
        @(Select-String -Path $Server.LogPath -Pattern "Accepted publickey for root from 127.0.0.1 port $clientPort ").Count | Should -Be 1
        Remove-NfsCinderSession $session
    }

    It 'closes the connection on Remove-NfsCinderSession and refuses further use' {
        $session = New-NfsCinderSession @Common -UserName root -KeyFilePath $Server.KeyFile -Name 'to-close'
        Get-NfsCinderSession -Name 'to-*' | Should -Be $session
        Remove-NfsCinderSession -Name 'to-close'
        $session.State | Should -Be 'Closed'
        Get-NfsCinderSession -Name 'to-close' | Should -BeNullOrEmpty
        Invoke-NfsCinderCommand -Session $session -ArgumentList true -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'SessionClosed*'
    }

    It 'loads SSH.NET and its dependencies from the module folder in a fresh pwsh, next to pwsh''s own assemblies' {
        $moduleDir = Split-Path (Get-Module NfsCinder).Path
        $script = "Import-Module '$((Get-Module NfsCinder).Path)'; " +
            "`$s = New-NfsCinderSession -ComputerName 127.0.0.1 -Port $($Server.Port) -KnownHostsPath '$($Server.KnownHostsPath)' -UserName root -KeyFilePath '$($Server.KeyFile)' -ErrorAction Stop; " +
            "`$null = Invoke-NfsCinderCommand -Session `$s -ArgumentList true -ErrorAction Stop; Remove-NfsCinderSession `$s; " +
            '[AppDomain]::CurrentDomain.GetAssemblies() | ForEach-Object { ''{0}|{1}'' -f $_.GetName().Name, $_.Location }'
        $loaded = & ([Environment]::ProcessPath) @(Get-PwshArgument) -NoProfile -NonInteractive -Command $script
        $LASTEXITCODE | Should -Be 0
        $byName = @{}
        foreach ($line in $loaded) { $name, $location = $line.Split('|', 2); $byName[$name] = $location }
        foreach ($name in 'Renci.SshNet', 'BouncyCastle.Cryptography', 'Microsoft.Extensions.Logging.Abstractions') {
            $byName[$name] | Should -Be (Join-Path $moduleDir "$name.dll") -Because "$name ships with the module"
        }
    }

    It 'opens one session per host name' {
        $sessions = New-NfsCinderSession -ComputerName 127.0.0.1, 127.0.0.1 -Port $Server.Port -KnownHostsPath $Server.KnownHostsPath -UserName root -KeyFilePath $Server.KeyFile
        $sessions.Count | Should -Be 2
        $sessions[0].Id | Should -Not -Be $sessions[1].Id
        $sessions | Remove-NfsCinderSession
    }
}

Describe 'Host key verification against known_hosts' -Tag 'Integration', 'Ssh', 'NfsCinderSession' -Skip:(-not $CanRunSshd) {
    It 'refuses an unknown host key and shows its fingerprint' {
        $knownHosts = New-EmptyKnownHosts
        New-NfsCinderSession -ComputerName 127.0.0.1 -Port $Server.Port -KnownHostsPath $knownHosts -UserName root -KeyFilePath $Server.KeyFile -ErrorVariable failure -ErrorAction SilentlyContinue |
            Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'HostKeyUnknown*'
        $failure[0].CategoryInfo.Category | Should -Be 'SecurityError'
        $failure[0].Exception.Message | Should -BeLike "*$(Get-Fingerprint $Server.HostKeyPublic)*"
        $failure[0].ErrorDetails.RecommendedAction | Should -Match 'AcceptNewHostKey'
        Test-Path $knownHosts | Should -BeFalse
    }

    It 'trusts a new key on first use with -AcceptNewHostKey, records it, and trusts it next time' {
        $knownHosts = New-EmptyKnownHosts
        $first = New-NfsCinderSession -ComputerName 127.0.0.1 -Port $Server.Port -KnownHostsPath $knownHosts -UserName root -KeyFilePath $Server.KeyFile -AcceptNewHostKey
        $first.State | Should -Be 'Opened'
        (Get-Content $knownHosts) | Should -Match ([regex]::Escape("[127.0.0.1]:$($Server.Port) ssh-ed25519 "))
        # OpenSSH itself accepts the recorded entry.
        & ssh-keygen -F "[127.0.0.1]:$($Server.Port)" -f $knownHosts | Should -Not -BeNullOrEmpty
        (& stat -c %a $knownHosts) | Should -Be '600'
        $second = New-NfsCinderSession -ComputerName 127.0.0.1 -Port $Server.Port -KnownHostsPath $knownHosts -UserName root -KeyFilePath $Server.KeyFile
        $second.HostKeyFingerprint | Should -Be $first.HostKeyFingerprint
        $first, $second | Remove-NfsCinderSession
    }

    It 'stops with a terminating error showing both fingerprints when the key changed, even with -AcceptNewHostKey' {
        $knownHosts = New-EmptyKnownHosts
        $other = (Get-Content $Server.OtherHostKeyPublic -Raw).Split(' ')
        Set-Content $knownHosts "[127.0.0.1]:$($Server.Port) $($other[0]) $($other[1])"
        $before = Get-FileHash $knownHosts
        $thrown = $null
        try {
            New-NfsCinderSession -ComputerName 127.0.0.1 -Port $Server.Port -KnownHostsPath $knownHosts -UserName root -KeyFilePath $Server.KeyFile -AcceptNewHostKey -ErrorAction SilentlyContinue
        }
        catch { $thrown = $_ }
        $thrown | Should -Not -BeNullOrEmpty -Because 'a changed key must stop the pipeline even with -ErrorAction SilentlyContinue'
        $thrown.FullyQualifiedErrorId | Should -BeLike 'HostKeyChanged*'
        $thrown.Exception.Message | Should -BeLike "*$(Get-Fingerprint $Server.OtherHostKeyPublic)*"
        $thrown.Exception.Message | Should -BeLike "*$(Get-Fingerprint $Server.HostKeyPublic)*"
        (Get-FileHash $knownHosts).Hash | Should -Be $before.Hash
    }
}

Describe 'A local session' -Tag 'Integration', 'NfsCinderSession' -Skip:(-not $IsLinux) {
    It 'runs commands on this machine through the same runner' {
        $session = New-NfsCinderSession -Local -Name here
        $session.Transport | Should -Be 'Local'
        (Invoke-NfsCinderCommand -Session $session -ArgumentList printf, '%s', 'a;$(id)').StandardOutput | Should -Be 'a;$(id)'
        Remove-NfsCinderSession $session
    }

    It 'is used when no session is given' {
        (Invoke-NfsCinderCommand -ArgumentList uname, -s).StandardOutput.Trim() | Should -Be 'Linux'
        (Invoke-NfsCinderCommand -ArgumentList uname, -s).ComputerName | Should -Be 'localhost'
    }
}
