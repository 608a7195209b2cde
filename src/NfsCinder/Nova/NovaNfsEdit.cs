using System;
using System.Collections.Generic;
using System.Linq;
using NfsCinder.Cinder;

namespace NfsCinder.Nova
{
    /// <summary>
    /// The change Set-NovaNfsSetting makes to nova.conf's [libvirt], checked before any host is
    /// touched: each option set to a value nova reads as given, or removed (nova's default).
    /// </summary>
    internal sealed class NovaNfsEdit
    {
        private readonly List<KeyValuePair<CinderOption, string?>> _changes = new List<KeyValuePair<CinderOption, string?>>();

        /// <summary>The options and their new values (null: removed), in the order given.</summary>
        public IReadOnlyList<KeyValuePair<CinderOption, string?>> Changes => _changes;

        /// <summary>Sets an option; throws ArgumentException for a value nova would not read as given, or an option named twice.</summary>
        public void Set(CinderOption option, string value) => Add(option, option.Format(value));

        /// <summary>Removes an option (by its key), so nova's default applies.</summary>
        public void Unset(string key) => Add(NovaNfsOptions.Find(key)
            ?? throw new ArgumentException($"'{key}' is not an option this edit takes: {string.Join(", ", NovaNfsOptions.All.Select(o => o.Key))}."), null);

        /// <summary>
        /// nfs_mount_options as Cinder's backends mount their shares (nas_mount_options over
        /// nfs_mount_options), so nova's mounts of their volumes match Cinder's: unset when the
        /// backends give none. nova has one value for every NFS volume, so backends that differ
        /// are refused.
        /// </summary>
        public void MatchBackends(IReadOnlyCollection<CinderNfsBackend> backends)
        {
            if (backends.Count == 0) throw new ArgumentException("No Cinder backend was given.");
            var groups = backends.GroupBy(b => b.MountOptions, StringComparer.Ordinal).ToList();
            if (groups.Count > 1)
                throw new ArgumentException("nova.conf has one nfs_mount_options for every NFS volume, and these backends mount with different options: "
                    + string.Join("; ", groups.Select(g => $"{string.Join(", ", g.Select(b => $"{b.Session?.DisplayName ?? b.ComputerName}/{b.BackendName}").Distinct())}: {g.Key ?? "(none)"}"))
                    + ". Give the one nova should use with -MountOptions, or make the backends agree first (Set-CinderNfsBackend -MountOptions).");
            if (groups[0].Key is { } options) Set(NovaNfsOptions.MountOptions, options);
            else Unset(NovaNfsOptions.MountOptionsKey);
        }

        /// <summary>True when the edit changes nothing at all (no option given).</summary>
        public bool IsEmpty => _changes.Count == 0;

        /// <summary>Applies the edit to the document; false when nova.conf already says all of it.</summary>
        public bool Apply(NovaConfiguration config)
        {
            bool changed = false;
            foreach (var change in _changes)
                changed |= change.Value is null ? config.Unset(change.Key) : config.Document.Set(NovaNfsOptions.Section, change.Key.Key, change.Value);
            return changed;
        }

        /// <summary>The edit in the words of the ShouldProcess prompt.</summary>
        public string Describe() => "Set [libvirt] " + string.Join(", ", _changes.Select(c => c.Value is null ? $"{c.Key.Key} to nova's default (remove it)" : $"{c.Key.Key} = {c.Value}"));

        private void Add(CinderOption option, string? value)
        {
            if (_changes.Any(c => c.Key.Key == option.Key)) throw new ArgumentException($"{option.Key} is given twice; give it once (a value, or -Unset).");
            _changes.Add(new KeyValuePair<CinderOption, string?>(option, value));
        }
    }
}
