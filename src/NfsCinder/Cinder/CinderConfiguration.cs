using System;
using System.Collections.Generic;
using System.Linq;

namespace NfsCinder.Cinder
{
    /// <summary>
    /// What a cinder.conf means for NFS, read as cinder-volume reads it: the one owner of that
    /// meaning. Backends are the sections named in <c>enabled_backends</c>; a backend option is
    /// taken from the backend's section, else from <c>[backend_defaults]</c>, else Cinder's
    /// default (<c>BackendGroupConfiguration</c> in cinder/volume/configuration.py; options in
    /// [DEFAULT] do not reach a backend). <c>$state_path</c> is expanded from [DEFAULT].
    /// </summary>
    internal sealed class CinderConfiguration
    {
        internal const string NfsDriverClass = "cinder.volume.drivers.nfs.NfsDriver";
        internal const string BackendDefaults = "backend_defaults";
        internal const string DefaultStatePath = "/var/lib/cinder";

        public CinderConfiguration(IniDocument document) => Document = document;

        public IniDocument Document { get; }

        /// <summary>[DEFAULT] enabled_backends, in order.</summary>
        public IReadOnlyList<string> EnabledBackends => IniDocument.SplitList(Document.Get("DEFAULT", "enabled_backends"));

        /// <summary>[DEFAULT] state_path, or Cinder's default.</summary>
        public string StatePath => Document.Get("DEFAULT", "state_path") ?? DefaultStatePath;

        /// <summary>Expands <c>$state_path</c> and <c>${state_path}</c> as oslo.config does, and reads <c>$$</c> as one <c>$</c>.</summary>
        public string Expand(string value) => OsloInterpolation.Expand(value, name => name == "state_path" ? StatePath : null);

        // The driver a backend section without volume_driver gets (volume_manager_opts in manager.py).
        internal const string DefaultVolumeDriver = "cinder.volume.drivers.lvm.LVMVolumeDriver";

        /// <summary>
        /// The NFS backend of that name: its section when that holds the NfsDriver (a section of
        /// another driver is not it). The seed's NfsDriver in [DEFAULT] answers to "DEFAULT", and
        /// to "nfs" (the seed's and the cmdlets' name) when no [nfs] section exists; null otherwise.
        /// </summary>
        public CinderNfsBackendConfig? Find(string backendName)
        {
            bool seedLayout = Document.Get("DEFAULT", CinderNfsOptions.VolumeDriver) == NfsDriverClass;
            if (backendName == "DEFAULT") return seedLayout ? new CinderNfsBackendConfig(this, "DEFAULT", CinderLayout.Default, "DEFAULT") : null;
            if (Document.HasSection(backendName))
                return IsNfsSection(backendName) ? new CinderNfsBackendConfig(this, backendName, CinderLayout.MultiBackend, backendName) : null;
            return seedLayout && backendName == "nfs" ? new CinderNfsBackendConfig(this, backendName, CinderLayout.Default, "DEFAULT") : null;
        }

        /// <summary>True when the section's effective volume_driver is Cinder's NfsDriver.</summary>
        public bool IsNfsSection(string section) => EffectiveIn(section, CinderNfsOptions.VolumeDriver) == NfsDriverClass;

        /// <summary>
        /// Every backend that reads a shares file: each section with the NfsDriver (enabled or
        /// not), and the [DEFAULT] driver of the seed's layout.
        /// </summary>
        public IReadOnlyList<CinderNfsBackendConfig> NfsBackends
        {
            get
            {
                var backends = Document.Sections
                    .Where(s => s != "DEFAULT" && s != BackendDefaults && IsNfsSection(s)
                        && (EnabledBackends.Contains(s) || Document.Get(s, CinderNfsOptions.VolumeDriver) is not null))
                    .Select(s => new CinderNfsBackendConfig(this, s, CinderLayout.MultiBackend, s)).ToList();
                if (Document.Get("DEFAULT", CinderNfsOptions.VolumeDriver) == NfsDriverClass)
                    backends.Add(new CinderNfsBackendConfig(this, "DEFAULT", CinderLayout.Default, "DEFAULT"));
                return backends;
            }
        }

        /// <summary>
        /// Every shares file this configuration makes Cinder read, as cinder-volume resolves the
        /// path ($state_path expanded, quotes gone, [backend_defaults] and Cinder's default
        /// counted): the NFS backends' and those of the other enabled sections.
        /// </summary>
        public IReadOnlyList<string> SharesFilesInUse =>
            NfsBackends.Select(b => b.SharesFile).Concat(EnabledSections.Select(s => BackendIn(s).SharesFile)).Distinct(StringComparer.Ordinal).ToList();

        /// <summary>The sections cinder-volume starts a backend for: enabled_backends, or [DEFAULT] without it.</summary>
        public IReadOnlyList<string> EnabledSections => EnabledBackends.Count > 0 ? EnabledBackends : new[] { "DEFAULT" };

        /// <summary>A section read as an NFS backend (whatever its driver): for the shares and mount base it would use.</summary>
        internal CinderNfsBackendConfig BackendIn(string section) =>
            new CinderNfsBackendConfig(this, section, section == "DEFAULT" ? CinderLayout.Default : CinderLayout.MultiBackend, section);

        /// <summary>The value cinder-volume uses for a backend option in this section: section, [backend_defaults], Cinder's default.</summary>
        internal string? EffectiveIn(string section, string key)
        {
            string? value = Document.Get(section, key);
            if (value is null && section != "DEFAULT") value = Document.Get(BackendDefaults, key);
            value ??= key == CinderNfsOptions.VolumeDriver ? DefaultVolumeDriver : CinderNfsOptions.Find(key)?.CinderDefault;
            return value is null ? null : Expand(value);
        }

        /// <summary>The NFS backend (other than <paramref name="except"/>) that reads this shares file, or null.</summary>
        public CinderNfsBackendConfig? SharesFileOwner(string sharesFile, string except) =>
            NfsBackends.FirstOrDefault(b => b.Name != except && b.Section != except && b.SharesFile == sharesFile);
    }
}
