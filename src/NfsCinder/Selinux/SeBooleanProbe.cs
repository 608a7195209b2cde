using System;
using NfsCinder.Execution;
using NfsCinder.Hosts;

namespace NfsCinder.Selinux
{
    /// <summary>Reads and sets one SELinux boolean, in one round trip each.</summary>
    internal static class SeBooleanProbe
    {
        internal static CommandSpec Read(string name) => RemoteScripts.Spec("read-sebool", name).For($"Reading SELinux boolean {name}");

        internal static CommandSpec Set(string name, bool value, bool persistent)
        {
            var argv = persistent ? new[] { "setsebool", "-P", name, value ? "on" : "off" } : new[] { "setsebool", name, value ? "on" : "off" };
            // -P rebuilds the policy: seconds on a real host, longer under emulation.
            return CommandSpec.Argv(argv).WithTimeout(TimeSpan.FromSeconds(180)).For($"Setting {name} {(value ? "on" : "off")}{(persistent ? " persistently" : "")}");
        }

        internal static (SELinuxMode Mode, bool? Value, bool? Persistent) Parse(string output)
        {
            SELinuxMode mode = SELinuxMode.NotInstalled;
            bool? value = null, persistent = null;
            bool sawPersistent = false;
            foreach (string raw in output.Split('\n'))
            {
                string line = raw.Trim();
                int eq = line.IndexOf('=');
                if (eq < 0) continue;
                string key = line.Substring(0, eq), text = line.Substring(eq + 1).Trim();
                switch (key)
                {
                    case "mode":
                        mode = text.ToLowerInvariant() switch
                        {
                            "enforcing" => SELinuxMode.Enforcing,
                            "permissive" => SELinuxMode.Permissive,
                            "disabled" => SELinuxMode.Disabled,
                            _ => SELinuxMode.NotInstalled,
                        };
                        break;
                    case "value":
                        value = text == "on" ? true : text == "off" ? false : (bool?)null;
                        break;
                    case "persistent":
                        sawPersistent = true;
                        persistent = text == "1" ? true : text == "0" ? false : (bool?)null;
                        break;
                }
            }
            if (mode == SELinuxMode.NotInstalled || mode == SELinuxMode.Disabled) return (mode, null, null);
            // Nothing in the local store: the policy's default applies after a reboot, and
            // virt_use_nfs (the boolean this module manages) ships off in every policy.
            if (sawPersistent && persistent is null) persistent = false;
            return (mode, value, persistent);
        }
    }
}
