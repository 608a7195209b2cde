<#
    The test helpers every suite and the bench share: the hosts of a lab description, a session
    to one the way a user opens it, and the state of files on a host.
#>
Set-StrictMode -Version Latest

$script:FileStateScript = [IO.File]::ReadAllText((Join-Path $PSScriptRoot 'file-state.sh'))

function Get-LabHost {
    <#
        Hosts of the lab description: the one named, or with -Light the light hosts in numeric
        order (light1, light2, ... light10), at most -Count of them.
    #>
    [CmdletBinding(DefaultParameterSetName = 'Name')]
    param(
        [Parameter(Mandatory)] [string] $LabDescription,
        [Parameter(Mandatory, Position = 0, ParameterSetName = 'Name')] [string] $Name,
        [Parameter(Mandatory, ParameterSetName = 'Light')] [switch] $Light,
        [Parameter(ParameterSetName = 'Light')] [int] $Count = [int]::MaxValue
    )
    $lab = Get-Content $LabDescription -Raw | ConvertFrom-Json
    if ($Light) {
        return @($lab.Hosts | Where-Object Kind -eq 'light' | Sort-Object { [int]($_.Name -replace '\D') } | Select-Object -First $Count)
    }
    $entry = $lab.Hosts | Where-Object Name -eq $Name
    if (-not $entry) { throw "The lab description $LabDescription has no host '$Name'." }
    $entry
}

function Open-LabHostSession {
    <# A session to each lab host given, the way a user opens one: key login, host key from known_hosts, sudo when the host says so. #>
    param([Parameter(Mandatory, ValueFromPipeline)] [object[]] $LabHost)
    process {
        foreach ($entry in $LabHost) {
            $sudo = if ($entry.PSObject.Properties['UseSudo'] -and $entry.UseSudo) { @{ UseSudo = $true } } else { @{} }
            New-NfsCinderSession -ComputerName $entry.ComputerName -Port $entry.Port -UserName $entry.UserName -KeyFilePath $entry.KeyFile `
                -KnownHostsPath $entry.KnownHostsPath -Name $entry.Name -ErrorAction Stop @sudo
        }
    }
}

function Get-RemoteFileState {
    <#
        One line per path: "PATH SHA256 OWNER:GROUP MODE MTIME" or "PATH absent", then with
        -Directory "files NAME..." listing it (file-state.sh). Equal states mean untouched files.
    #>
    param([Parameter(Mandatory)] [object] $Session, [Parameter(Mandatory)] [string[]] $Path, [string] $Directory = '')
    $result = Invoke-NfsCinderCommand -Session $Session -ArgumentList (@('sh', '-c', $FileStateScript, 'file-state', $Directory) + $Path) -ErrorAction Stop
    @($result.StandardOutput -split "`n" | Where-Object { $_ })
}

Export-ModuleMember -Function Get-LabHost, Open-LabHostSession, Get-RemoteFileState
