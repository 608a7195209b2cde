@{
    RootModule           = 'NfsCinder.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '5d0f3b8e-7c2a-4e51-9a0b-3f6c1d2e8a47'
    Author               = 'NfsCinder developers'
    CompanyName          = 'NfsCinder'
    Copyright            = '(c) NfsCinder developers. All rights reserved.'
    Description          = 'Put OpenStack Cinder volumes on NFS from PowerShell: NFS server and exports, the Cinder host as NFS client, the Cinder NFS backend, SELinux virt_use_nfs, and diagnosis, on Linux hosts over SSH.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('NfsCinder.Format.ps1xml')
    CmdletsToExport      = @(
        'New-NfsCinderSession'
        'Get-NfsCinderSession'
        'Remove-NfsCinderSession'
        'Get-NfsCinderHost'
        'Invoke-NfsCinderCommand'
        'Install-NfsServer'
        'Install-NfsClient'
        'Get-NfsMount'
        'Mount-NfsShare'
        'Dismount-NfsShare'
        'Get-NfsExport'
        'New-NfsExport'
        'Set-NfsExport'
        'Remove-NfsExport'
        'Sync-NfsExport'
        'Get-NfsRemoteExport'
        'Get-NfsMountedClient'
        'Get-VirtUseNfs'
        'Get-NovaNfsSetting'
        'Set-NovaNfsSetting'
        'Test-NovaNfsHost'
        'Enable-VirtUseNfs'
        'Disable-VirtUseNfs'
        'Set-CinderNfsBackend'
        'Get-CinderNfsBackend'
        'Remove-CinderNfsBackend'
        'Add-CinderNfsShare'
        'Remove-CinderNfsShare'
        'Restart-CinderVolumeService'
        'Test-CinderNfsBackend'
        'Find-NfsCinderProblem'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('NFS', 'OpenStack', 'Cinder', 'SSH', 'Linux', 'SELinux', 'PSEdition_Core', 'PSEdition_Desktop')
        }
    }
}
