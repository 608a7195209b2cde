using System;
using System.Collections.Generic;
using System.Linq;

namespace NfsCinder.Cinder
{
    /// <summary>
    /// Puts an NFS backend into a cinder.conf document and renders the shares file. Pure:
    /// the cmdlets read the files, call this, and write back only what changed.
    /// </summary>
    internal static class CinderBackendEditor
    {
        /// <summary>Applies the backend to the document; true when anything changed. Warnings go to <paramref name="warn"/>.</summary>
        public static bool Apply(IniDocument conf, CinderNfsBackendSpec spec, Action<string> warn)
        {
            bool changed = false;
            string section = spec.Section;
            if (spec.Layout == CinderLayout.MultiBackend)
            {
                var enabled = IniDocument.SplitList(conf.Get("DEFAULT", "enabled_backends")).ToList();
                if (!enabled.Contains(spec.BackendName))
                {
                    enabled.Add(spec.BackendName);
                    changed |= conf.Set("DEFAULT", "enabled_backends", IniDocument.JoinList(enabled));
                }
                changed |= conf.Set(section, "volume_backend_name", spec.BackendName);
            }
            else if (IniDocument.SplitList(conf.Get("DEFAULT", "enabled_backends")).Count > 0)
            {
                warn("enabled_backends is set in [DEFAULT], so Cinder ignores volume_driver there: the Default layout takes effect only without enabled_backends. Use -Layout MultiBackend.");
            }
            changed |= conf.Set(section, "volume_driver", CinderNfsBackendSpec.DriverClass);
            changed |= conf.Set(section, "nfs_shares_config", spec.SharesFile);
            foreach (var option in spec.Options.Where(o => o.Value is not null))
                changed |= conf.Set(section, option.Key, option.Value!);
            return changed;
        }

        /// <summary>Removes the backend: its section and its enabled_backends entry (or the [DEFAULT] keys).</summary>
        public static bool Remove(IniDocument conf, string backendName, CinderLayout layout)
        {
            if (layout == CinderLayout.Default)
            {
                bool ours = conf.Get("DEFAULT", "volume_driver") == CinderNfsBackendSpec.DriverClass;
                return ours && conf.Remove("DEFAULT", "volume_driver") | conf.Remove("DEFAULT", "nfs_shares_config");
            }
            bool changed = false;
            var enabled = IniDocument.SplitList(conf.Get("DEFAULT", "enabled_backends")).ToList();
            if (enabled.Remove(backendName))
                changed |= enabled.Count == 0 ? conf.Remove("DEFAULT", "enabled_backends") : conf.Set("DEFAULT", "enabled_backends", IniDocument.JoinList(enabled));
            changed |= conf.RemoveSection(backendName);
            return changed;
        }

        /// <summary>The shares file text; an existing file with the same shares is kept as it is (comments too).</summary>
        public static string RenderShares(IReadOnlyList<CinderNfsShare> shares, string? existing)
        {
            if (existing is not null && ParseShares(existing).SequenceEqual(shares)) return existing;
            return "# Written by NfsCinder (Set-CinderNfsBackend): one NFS share per line, server:/path [-o options]\n"
                + string.Concat(shares.Select(s => s + "\n"));
        }

        /// <summary>Shares listed in a shares file (comments and blank lines skipped).</summary>
        public static IReadOnlyList<CinderNfsShare> ParseShares(string text) =>
            text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("#", StringComparison.Ordinal))
                .Select(CinderNfsShare.Parse).ToList();

        /// <summary>The driver settings of a backend as they stand (section, or [DEFAULT] in the Default layout).</summary>
        public static (CinderLayout Layout, string Section)? Locate(IniDocument conf, string backendName)
        {
            if (conf.HasSection(backendName) && conf.Get(backendName, "volume_driver") == CinderNfsBackendSpec.DriverClass)
                return (CinderLayout.MultiBackend, backendName);
            if (conf.Get("DEFAULT", "volume_driver") == CinderNfsBackendSpec.DriverClass)
                return (CinderLayout.Default, "DEFAULT");
            return null;
        }

        /// <summary>nfs_mount_point_base of the backend, with $state_path expanded as oslo.config does.</summary>
        public static string MountPointBaseOf(IniDocument conf, string section)
        {
            string mountBase = conf.Get(section, "nfs_mount_point_base") ?? CinderFiles.DefaultMountPointBase;
            return mountBase.Replace("$state_path", conf.Get("DEFAULT", "state_path") ?? "/var/lib/cinder");
        }

        /// <summary>Cinder's mount point for a share: nfs_mount_point_base/md5(share string).</summary>
        public static string MountPointOf(string share, string mountPointBase)
        {
            using var md5 = System.Security.Cryptography.MD5.Create();
            byte[] hash = md5.ComputeHash(System.Text.Encoding.UTF8.GetBytes(share));
            return mountPointBase.TrimEnd('/') + "/" + string.Concat(hash.Select(b => b.ToString("x2")));
        }
    }
}
