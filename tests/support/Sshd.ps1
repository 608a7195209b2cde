# Shared by the test sshd (TestSshd.psm1) and the lab's light hosts (lab/LabLight.ps1):
# an OpenSSH sshd on 127.0.0.1 inside its own mount namespace, tracked by PID.

function Get-FreeLoopbackPort {
    $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function New-SshdConfig {
    # An sshd_config for one test server: loopback only, keys from $Root, its own log.
    param([string] $Root, [int] $Port, [string] $AuthorizedKeysFile, [switch] $AllowPasswords)
    $passwords = if ($AllowPasswords) { 'yes' } else { 'no' }
    Set-Content (Join-Path $Root 'sshd_config') @"
ListenAddress 127.0.0.1
Port $Port
HostKey $Root/ssh_host_ed25519_key
PidFile $Root/sshd.pid
AuthorizedKeysFile $AuthorizedKeysFile
StrictModes no
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication $passwords
KbdInteractiveAuthentication no
UsePAM yes
UseDNS no
LogLevel VERBOSE
MaxStartups 200
MaxSessions 100
"@
}

function Start-NamespacedSshd {
    <#
        Runs `unshare --mount sh -c $NamespaceScript sh $Root`; the script sets up the mounts
        and execs sshd -D, so the returned PID is sshd's. Waits until the port answers.
    #>
    param([string] $NamespaceScript, [string] $Root, [int] $Port, [int] $TimeoutSec = 15)
    $startInfo = [Diagnostics.ProcessStartInfo]::new('unshare')
    foreach ($argument in @('--mount', '--propagation', 'private', 'sh', '-c', $NamespaceScript, 'sh', $Root)) { $startInfo.ArgumentList.Add($argument) }
    $startInfo.UseShellExecute = $false
    $process = [Diagnostics.Process]::Start($startInfo)
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    while ($true) {
        if ($process.HasExited) { throw "sshd exited with $($process.ExitCode): $(Get-Content (Join-Path $Root 'sshd.log') -Raw -ErrorAction SilentlyContinue)" }
        $client = [Net.Sockets.TcpClient]::new()
        try { $client.Connect('127.0.0.1', $Port); break } catch { Start-Sleep -Milliseconds 50 } finally { $client.Dispose() }
        if ([DateTime]::UtcNow -gt $deadline) { Stop-ProcessTree $process.Id; throw "sshd did not listen on 127.0.0.1:$Port within $TimeoutSec s" }
    }
    $process.Id
}

function Get-ChildProcessId {
    <# PIDs of every process below $ProcessId, read from /proc. #>
    param([int] $ProcessId)
    $parents = @{}
    foreach ($stat in Get-ChildItem /proc -Directory -ErrorAction SilentlyContinue | Where-Object Name -match '^\d+$') {
        $text = Get-Content (Join-Path $stat.FullName 'stat') -Raw -ErrorAction SilentlyContinue
        if (-not $text) { continue }
        # Field 4 (parent PID) follows the command name, which is in parentheses.
        $parents[[int]$stat.Name] = [int]$text.Substring($text.LastIndexOf(')') + 2).Split(' ')[1]
    }
    $result = [Collections.Generic.List[int]]::new()
    $queue = [Collections.Generic.Queue[int]]::new()
    $queue.Enqueue($ProcessId)
    while ($queue.Count) {
        $parent = $queue.Dequeue()
        foreach ($entry in $parents.GetEnumerator() | Where-Object Value -eq $parent) { $result.Add($entry.Key); $queue.Enqueue($entry.Key) }
    }
    $result
}

function Stop-ProcessTree {
    <# Kills a process and everything below it, by PID. #>
    param([int] $ProcessId)
    $pids = @(Get-ChildProcessId $ProcessId) + @($ProcessId)
    foreach ($child in $pids) { & kill -KILL $child 2>$null }
}
