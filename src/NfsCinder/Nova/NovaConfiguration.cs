using System;
using NfsCinder.Cinder;

namespace NfsCinder.Nova
{
    /// <summary>
    /// What a nova.conf means for NFS volumes, read as nova-compute reads it, and its edits
    /// (lossless, through <see cref="IniDocument"/>). <c>$state_path</c> and <c>$pybasedir</c>
    /// are substituted as oslo.config does; <c>$pybasedir</c>'s default is where the host's
    /// Python finds nova, which only the host can tell.
    /// </summary>
    internal sealed class NovaConfiguration
    {
        private readonly string? _pythonBaseDir;

        /// <param name="document">nova.conf as read.</param>
        /// <param name="pythonBaseDir">The folder that holds the host's nova package (nova's default $pybasedir), or null when the host has none.</param>
        public NovaConfiguration(IniDocument document, string? pythonBaseDir)
        {
            Document = document ?? throw new ArgumentNullException(nameof(document));
            _pythonBaseDir = string.IsNullOrEmpty(pythonBaseDir) ? null : pythonBaseDir;
        }

        public IniDocument Document { get; }

        /// <summary>[libvirt] nfs_mount_point_base as written; null means nova's default ($state_path/mnt).</summary>
        public string? MountPointBaseSetting => Document.Get(NovaNfsOptions.Section, NovaNfsOptions.MountPointBaseKey);

        /// <summary>[libvirt] nfs_mount_options as nova reads it; null when unset (nova then passes no -o of its own).</summary>
        public string? MountOptions => Document.Get(NovaNfsOptions.Section, NovaNfsOptions.MountOptionsKey) is { } raw ? Expand(raw) : null;

        /// <summary>[DEFAULT] state_path as nova reads it, or null when it depends on a $pybasedir the host could not tell.</summary>
        public string? StatePath => OsloInterpolation.TryExpand(Document.Get("DEFAULT", "state_path") ?? NovaNfsOptions.DefaultStatePath, Lookup, out string path) ? path : null;

        /// <summary>Where nova-compute mounts NFS volumes, or null when it depends on a $pybasedir the host could not tell.</summary>
        public string? MountPointBase =>
            OsloInterpolation.TryExpand(MountPointBaseSetting ?? NovaNfsOptions.MountPointBase.CinderDefault!, Lookup, out string path) ? path : null;

        /// <summary>Removes an option from [libvirt], so nova's default applies; false when it was not there.</summary>
        public bool Unset(CinderOption option) => Document.Remove(NovaNfsOptions.Section, option.Key);

        private string Expand(string value) => OsloInterpolation.Expand(value, Lookup);

        // The names a [libvirt] value may use: [DEFAULT]'s options, with nova's defaults for the two paths.
        private string? Lookup(string name) => Document.Get("DEFAULT", name) ?? name switch
        {
            "state_path" => NovaNfsOptions.DefaultStatePath,
            "pybasedir" => _pythonBaseDir,
            _ => null,
        };
    }
}
