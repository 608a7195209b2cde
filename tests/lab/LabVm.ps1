# VM hosts of the lab: QEMU guests under TCG booting the cached Debian image, each with a
# seed disk that gives it a name, a role, a network, its own SSH host key and our key.
# Dot-sourced by Lab.psm1.

# Fixed lab network: nfs1 bridges two point-to-point qemu links (one per other guest), so
# all three share 10.40.0.0/24 and the IPv6 ULA prefix fd40::/64. The links are TCP sockets
# bound to 127.0.0.1. cinder1 gets two vCPUs: cinder-volume runs a process per backend, and
# under TCG each vCPU is a host thread of its own.
$script:LabVmDefinitions = [ordered]@{
    nfs1     = @{ Role = 'nfs';     Address = '10.40.0.1'; Address6 = 'fd40::1'; MemoryMB = 512;  Cpus = 1; Index = 1; SELinux = $false }
    cinder1  = @{ Role = 'cinder';  Address = '10.40.0.2'; Address6 = 'fd40::2'; MemoryMB = 1536; Cpus = 2; Index = 2; SELinux = $false }
    compute1 = @{ Role = 'compute'; Address = '10.40.0.3'; Address6 = 'fd40::3'; MemoryMB = 1024; Cpus = 1; Index = 3; SELinux = $true }
}

function Get-LabMac([int] $Index, [int] $Nic) { '52:54:00:40:{0:x2}:{1:x2}' -f $Index, $Nic }

function New-LabSeedDisk {
    # Writes the seed folder for one VM and turns it into a small ext4 disk (no loop mount).
    param([string] $Name, [hashtable] $Definition, [string] $StateDir, [string] $ClientPublicKey)
    $seed = Join-Path $StateDir "$Name-seed"
    if (Test-Path $seed) { Remove-Item $seed -Recurse -Force }
    New-Item (Join-Path $seed 'network') -ItemType Directory -Force | Out-Null
    Set-Content (Join-Path $seed 'hostname') $Name -NoNewline
    Set-Content (Join-Path $seed 'role') $Definition.Role -NoNewline
    $hosts = @('127.0.0.1 localhost') + @($LabVmDefinitions.GetEnumerator() | ForEach-Object { "$($_.Value.Address) $($_.Key)" })
    Set-Content (Join-Path $seed 'hosts') $hosts
    Copy-Item $ClientPublicKey (Join-Path $seed 'authorized_keys')
    & ssh-keygen -q -t ed25519 -N '' -C "root@$Name" -f (Join-Path $seed 'ssh_host_ed25519_key')
    if ($LASTEXITCODE) { throw "ssh-keygen failed for $Name" }

    $index = $Definition.Index
    # NIC 0: user-mode networking, only for the forwarded SSH port; no DNS from it.
    Set-Content (Join-Path $seed 'network/10-mgmt.network') @"
[Match]
MACAddress=$(Get-LabMac $index 0)

[Network]
DHCP=ipv4

[DHCPv4]
UseDNS=no
UseDomains=no
"@
    if ($Definition.Role -eq 'nfs') {
        Set-Content (Join-Path $seed 'network/20-br0.netdev') "[NetDev]`nName=br0`nKind=bridge`n"
        Set-Content (Join-Path $seed 'network/21-br0.network') "[Match]`nName=br0`n`n[Network]`nAddress=$($Definition.Address)/24`nAddress=$($Definition.Address6)/64`nIPv6AcceptRA=no`nConfigureWithoutCarrier=yes`n"
        foreach ($nic in 1, 2) {
            Set-Content (Join-Path $seed "network/3$nic-link$nic.network") "[Match]`nMACAddress=$(Get-LabMac $index $nic)`n`n[Network]`nBridge=br0`n"
        }
    }
    else {
        Set-Content (Join-Path $seed 'network/20-lab.network') "[Match]`nMACAddress=$(Get-LabMac $index 1)`n`n[Network]`nAddress=$($Definition.Address)/24`nAddress=$($Definition.Address6)/64`nIPv6AcceptRA=no`n"
    }
    $disk = Join-Path $StateDir "$Name-seed.img"
    & mkfs.ext4 -q -F -d $seed $disk 8M | Out-Null
    if ($LASTEXITCODE) { throw "mkfs.ext4 failed for the seed disk of $Name" }
    $disk
}

function Start-LabVm {
    # Boots one guest with qemu -daemonize and returns its PID (from qemu's pidfile).
    param([string] $Name, [hashtable] $Definition, [hashtable] $Image, [string] $StateDir, [int] $SshPort, [int[]] $LinkPorts, [string] $SeedDisk)
    $overlay = Join-Path $StateDir "$Name.qcow2"
    if (Test-Path $overlay) { Remove-Item $overlay -Force }
    & qemu-img create -q -f qcow2 -F raw -b $Image.Disk $overlay
    if ($LASTEXITCODE) { throw "qemu-img could not create the overlay for $Name" }

    $index = $Definition.Index
    $security = if ($Definition.SELinux) { 'security=selinux selinux=1 enforcing=1' } else { 'selinux=0' }
    $pidFile = Join-Path $StateDir "$Name.pid"
    $arguments = @(
        '-name', "nfscinder-lab-$Name", '-accel', 'tcg,tb-size=256', '-smp', $Definition.Cpus, '-m', $Definition.MemoryMB,
        '-kernel', $Image.Kernel, '-initrd', $Image.Initrd,
        # no_timer_check: under TCG on a loaded machine the kernel's early IO-APIC timer test can
        # miss its ticks and panic ("IO-APIC + timer doesn't work"); a guest needs no such test.
        '-append', "root=/dev/vda rw console=ttyS0 net.ifnames=0 quiet no_timer_check $security",
        '-drive', "file=$overlay,if=virtio,format=qcow2",
        '-drive', "file=$SeedDisk,if=virtio,format=raw,readonly=on",
        # restrict=on: the guest reaches nothing beyond the forwarded port.
        '-netdev', "user,id=mgmt,restrict=on,hostfwd=tcp:127.0.0.1:$SshPort-:22",
        '-device', "virtio-net-pci,netdev=mgmt,mac=$(Get-LabMac $index 0)"
    )
    if ($Definition.Role -eq 'nfs') {
        $nic = 1
        foreach ($port in $LinkPorts) {
            $arguments += @('-netdev', "socket,id=link$nic,listen=127.0.0.1:$port", '-device', "virtio-net-pci,netdev=link$nic,mac=$(Get-LabMac $index $nic)")
            $nic++
        }
    }
    else {
        $arguments += @('-netdev', "socket,id=link1,connect=127.0.0.1:$($LinkPorts[0])", '-device', "virtio-net-pci,netdev=link1,mac=$(Get-LabMac $index 1)")
    }
    $arguments += @('-display', 'none', '-monitor', 'none', '-serial', "file:$(Join-Path $StateDir "$Name.console.log")",
        '-pidfile', $pidFile, '-daemonize')
    & qemu-system-x86_64 @arguments 2>&1 | Out-File (Join-Path $StateDir "$Name.qemu.log")
    if ($LASTEXITCODE) { throw "qemu did not start ${Name}: $(Get-Content (Join-Path $StateDir "$Name.qemu.log") -Raw)" }
    [int](Get-Content $pidFile -Raw).Trim()
}
