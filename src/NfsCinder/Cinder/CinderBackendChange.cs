using System.Collections.Generic;

namespace NfsCinder.Cinder
{
    /// <summary>What one Set-CinderNfsBackend makes of a host's cinder.conf and shares file (nothing written yet).</summary>
    internal sealed class CinderBackendChange
    {
        internal CinderBackendChange(CinderNfsBackendConfig backend, bool configChanged, string? sharesFile, string? sharesText, IReadOnlyList<string> notes)
        {
            Backend = backend;
            ConfigChanged = configChanged;
            SharesFile = sharesFile;
            SharesText = sharesText;
            Notes = notes;
        }

        /// <summary>The backend as the edited cinder.conf has it.</summary>
        public CinderNfsBackendConfig Backend { get; }

        /// <summary>True when cinder.conf's text changed.</summary>
        public bool ConfigChanged { get; }

        /// <summary>The shares file to write, or null when Cinder reads none (nas_host and nas_share_path).</summary>
        public string? SharesFile { get; }

        /// <summary>The shares file's text after the change, or null when it is not written.</summary>
        public string? SharesText { get; }

        /// <summary>Warnings for the user: what the configuration does that may not be expected.</summary>
        public IReadOnlyList<string> Notes { get; }
    }
}
