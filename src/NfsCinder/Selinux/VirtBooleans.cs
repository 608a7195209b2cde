namespace NfsCinder.Selinux
{
    /// <summary>The SELinux booleans of the virt policy module the module reads or sets.</summary>
    internal static class VirtBooleans
    {
        /// <summary>Lets libvirtd (virtd_t) and qemu (svirt_t) use files on NFS (type nfs_t).</summary>
        internal const string VirtUseNfs = "virt_use_nfs";
    }
}
