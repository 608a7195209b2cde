using System;
using System.Linq;
using NfsCinder.Cinder;
using Xunit;

namespace NfsCinder.Tests
{
    /// <summary>Every NFS driver option, checked as Cinder reads it (types, ranges and defaults from openstack/cinder's option lists).</summary>
    public class CinderOptionTests
    {
        private static string Format(string key, object value) => CinderNfsOptions.Find(key)!.Format(value);

        private static string Refused(string key, object value) => Assert.Throws<ArgumentException>(() => Format(key, value)).Message;

        [Fact]
        public void TheCatalog_IsCindersLists_WithCindersDefaults()
        {
            Assert.Equal(new[]
            {
                "nfs_shares_config", "nfs_sparsed_volumes", "nfs_qcow2_volumes", "nfs_mount_point_base", "nfs_mount_options", "nfs_mount_attempts", "nfs_snapshot_support",
                "nas_host", "nas_login", "nas_password", "nas_ssh_port", "nas_private_key", "nas_secure_file_operations", "nas_secure_file_permissions", "nas_share_path", "nas_mount_options",
                "nas_volume_prov_type", "reserved_percentage", "max_over_subscription_ratio",
            }, CinderNfsOptions.All.Select(o => o.Key));
            Assert.Equal("/etc/cinder/nfs_shares", CinderNfsOptions.Find("nfs_shares_config")!.CinderDefault);
            Assert.Equal("$state_path/mnt", CinderNfsOptions.Find("nfs_mount_point_base")!.CinderDefault);
            Assert.Equal("3", CinderNfsOptions.Find("nfs_mount_attempts")!.CinderDefault);
            Assert.Equal("20.0", CinderNfsOptions.Find("max_over_subscription_ratio")!.CinderDefault);
            Assert.Equal(new[] { "nfs_oversub_ratio", "nfs_used_ratio" }, CinderNfsOptions.Obsolete.Keys.OrderBy(k => k));
            Assert.DoesNotContain("nfs_shares_config", CinderNfsOptions.UnsettableKeys);
            Assert.Contains("nfs_used_ratio", CinderNfsOptions.UnsettableKeys);
        }

        [Fact]
        public void Bools_Integers_AndRanges()
        {
            Assert.Equal("false", Format("nfs_sparsed_volumes", false));
            Assert.Equal("true", Format("nfs_qcow2_volumes", true));
            Assert.Equal("5", Format("nfs_mount_attempts", 5));
            Assert.Contains("from 1 to 1000", Refused("nfs_mount_attempts", 0));
            Assert.Equal("0", Format("reserved_percentage", 0));
            Assert.Contains("from 0 to 100", Refused("reserved_percentage", 101));
            Assert.Equal("2222", Format("nas_ssh_port", 2222));
            Assert.Contains("from 0 to 65535", Refused("nas_ssh_port", 70000));
            Assert.Contains("$true or $false", Refused("nfs_snapshot_support", "yes"));
        }

        [Fact]
        public void OverSubscription_IsADecimalOfAtLeastOne_AndNeverAuto()
        {
            Assert.Equal("20.0", Format("max_over_subscription_ratio", 20.0));
            Assert.Equal("1.5", Format("max_over_subscription_ratio", 1.5));
            Assert.Contains("at least 1.0", Refused("max_over_subscription_ratio", 0.5));
            Assert.Contains("does not support 'auto'", Refused("max_over_subscription_ratio", 0.5));
            Assert.Contains("must be a number", Refused("max_over_subscription_ratio", "auto"));
        }

        [Fact]
        public void Choices_Paths_Hosts_AndMountOptions()
        {
            Assert.Equal("false", Format("nas_secure_file_operations", "false"));
            Assert.Contains("auto, true, false", Refused("nas_secure_file_permissions", "yes"));
            Assert.Equal("thick", Format("nas_volume_prov_type", "thick"));
            Assert.Equal("/srv/mnt", Format("nfs_mount_point_base", "/srv/mnt"));
            Assert.Contains("absolute path", Refused("nfs_mount_point_base", "mnt"));
            Assert.Contains("without whitespace", Refused("nas_share_path", "/a b"));
            // Cinder joins nas_host and nas_share_path with ':'.
            Assert.Equal("[fd40::1]", Format("nas_host", "fd40::1"));
            Assert.Equal("[fd40::1]", Format("nas_host", "[fd40::1]"));
            Assert.Equal("nfs1.example.net", Format("nas_host", "nfs1.example.net"));
            Assert.Throws<ArgumentException>(() => Format("nas_host", "nfs1;reboot"));
            Assert.Equal("vers=4.1,timeo=600,proto=tcp", Format("nfs_mount_options", "vers=4.1,timeo=600,proto=tcp"));
            Assert.Contains("comma list", Refused("nas_mount_options", "vers=4.1 timeo=600"));
        }

        [Fact]
        public void Secrets_AreShownAsStars_AndEmptyTextIsRefused()
        {
            Assert.Equal("s3cret", Format("nas_password", "s3cret"));
            Assert.Equal("***", CinderNfsOptions.Show("nas_password", "s3cret"));
            Assert.Equal("admin", CinderNfsOptions.Show("nas_login", "admin"));
            Assert.Contains("-Unset nas_login", Refused("nas_login", " "));
            Assert.DoesNotContain("s3cret", Refused("nas_password", "s3\0cret").Replace("s3\\u0000cret", "")); // the value is escaped, not dropped
        }

        [Fact]
        public void Spec_RefusesUnknownKeys_AndTheSameKeySetAndUnset()
        {
            var spec = new CinderNfsBackendSpec("gold", CinderLayout.MultiBackend, null, null);
            Assert.Contains("is not an option", Assert.Throws<ArgumentException>(() => spec.SetOption("nfs_bogus", "x")).Message);
            Assert.Contains("-Unset takes", Assert.Throws<ArgumentException>(() => spec.UnsetOption("nfs_shares_config")).Message);
            spec.SetOption("nfs_mount_attempts", 2);
            Assert.Contains("both set and unset", Assert.Throws<ArgumentException>(() => spec.UnsetOption("nfs_mount_attempts")).Message);
        }
    }
}
