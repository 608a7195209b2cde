using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NfsCinder.Values;

namespace NfsCinder.Nfs
{
    /// <summary>
    /// Export options as exportfs reads them: known keywords (<see cref="ExportOptionCatalog"/>),
    /// well-formed values, no contradictions within a list or a sec= section, and warnings for
    /// choices that work but are risky. Only the option text is checked; which client the options
    /// belong to, and combinations of host and options, are <see cref="ExportValidator"/>'s concern.
    /// </summary>
    internal static class ExportOptionValidator
    {
        private static readonly string[] Flavours = { "sys", "krb5", "krb5i", "krb5p", "unix", "none", "null" };
        private static readonly string[] TransportPolicies = { "none", "tls", "mtls" };

        /// <summary>
        /// Checks the complete option list a client ends up with: every keyword known to nfs-utils,
        /// values well formed, no contradictions, plus warnings for risky choices and for leaving
        /// sync/async or subtree_check/no_subtree_check to the defaults (exportfs warns about the latter).
        /// </summary>
        public static ExportValidationResult ValidateOptions(IEnumerable<string> options) => ValidateOptionsCore(options, complete: true);

        /// <summary>
        /// Like <see cref="ValidateOptions"/> for a partial list (a client's own options, or a line's
        /// <c>-defaults</c>): no warnings about options left to the defaults.
        /// </summary>
        public static ExportValidationResult ValidateOptionSyntax(IEnumerable<string> options) => ValidateOptionsCore(options, complete: false);

        private static ExportValidationResult ValidateOptionsCore(IEnumerable<string> options, bool complete)
        {
            var errors = new List<string>();
            var warnings = new List<string>();
            if (options is null) return new ExportValidationResult(errors, warnings);

            // Per-flavour flags (ro/rw, secure, squashing) may differ between sec= sections; others may not.
            var seen = new Dictionary<string, (string Option, string State)>(StringComparer.Ordinal);
            var flavoursSeen = new HashSet<string>(StringComparer.Ordinal);
            var present = new HashSet<string>(StringComparer.Ordinal);
            int section = 0;

            foreach (string option in options)
            {
                if (option is null)
                {
                    errors.Add("An option is null.");
                    continue;
                }
                if (option.Length == 0)
                {
                    errors.Add("An option is empty (a doubled, leading or trailing comma). Remove it.");
                    continue;
                }
                if (!CheckOptionCharacters(option, errors)) continue;

                ExportOptionCatalog.Split(option, out string name, out string? value);
                ExportOptionInfo? info = ExportOptionCatalog.Find(name);
                if (info is null)
                {
                    errors.Add("Unknown export option '" + option + "' (exportfs: unknown keyword)." + Suggest(name) + " See exports(5) for the options.");
                    continue;
                }
                if (info.Value == ExportOptionValue.None && value != null)
                {
                    errors.Add("The option '" + name + "' takes no value; write just '" + name + "'.");
                    continue;
                }
                if (info.Value == ExportOptionValue.Required && string.IsNullOrEmpty(value))
                {
                    errors.Add("The option '" + name + "' needs a value: " + ValueHint(name) + ".");
                    continue;
                }
                present.Add(name);

                if (name == "sec")
                {
                    section++;
                    CheckFlavours(value!, flavoursSeen, errors, warnings);
                    continue;
                }
                if (!CheckValue(name, value, errors, warnings)) continue;

                if (ExportOptionCatalog.TryGetGroup(option, out string group, out string state, out bool perFlavor))
                {
                    string key = perFlavor ? group + "#" + section.ToString(CultureInfo.InvariantCulture) : group;
                    if (seen.TryGetValue(key, out var earlier))
                    {
                        if (earlier.State != state)
                        {
                            errors.Add("The option '" + option + "' contradicts '" + earlier.Option + "'" + (perFlavor && section > 0 ? " in the same sec= section" : "") +
                                " (" + Meaning(option) + " versus " + Meaning(earlier.Option) + "). Keep only one of them.");
                        }
                        else if (earlier.Option == option)
                        {
                            warnings.Add("The option '" + option + "' is given twice. Give it once.");
                        }
                        else
                        {
                            warnings.Add("The options '" + earlier.Option + "' and '" + option + "' mean the same. Give only one.");
                        }
                    }
                    else
                    {
                        seen[key] = (option, state);
                    }
                }
                AddRiskWarnings(name, value, warnings);
            }

            if (present.Contains("async") && present.Contains("no_wdelay"))
            {
                warnings.Add("no_wdelay has no effect together with async. Remove no_wdelay, or use sync.");
            }
            if (present.Contains("all_squash") && present.Contains("no_root_squash"))
            {
                warnings.Add("all_squash maps every user, root included, to the anonymous user, so no_root_squash has no effect. Remove one of them.");
            }
            if (complete && errors.Count == 0)
            {
                if (!present.Contains("sync") && !present.Contains("async"))
                {
                    warnings.Add("Neither sync nor async is given; nfs-utils defaults to sync. Write sync (safe) or async (faster, may lose data on a server crash) explicitly.");
                }
                if (!present.Contains("subtree_check") && !present.Contains("no_subtree_check"))
                {
                    warnings.Add("Neither subtree_check nor no_subtree_check is given; exportfs warns and assumes no_subtree_check. Write no_subtree_check (recommended) or subtree_check.");
                }
            }
            return new ExportValidationResult(errors, warnings);
        }

        private static bool CheckOptionCharacters(string option, List<string> errors)
        {
            for (int i = 0; i < option.Length; i++)
            {
                char c = option[i];
                bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "_=:@/.+-".IndexOf(c) >= 0;
                if (allowed) continue;
                if (char.IsControl(c)) { errors.Add(HostValue.Problem(option, "The option")!); return false; }
                string hint = c == ',' ? " Pass each option as a separate item." : "";
                errors.Add("The option '" + HostValue.Display(option) + "' contains " + HostValue.Describe(c) + " at position " + i +
                    ". Options may only contain letters, digits and _ = : @ / . + -." + hint);
                return false;
            }
            return true;
        }

        private static bool CheckValue(string name, string? value, List<string> errors, List<string> warnings)
        {
            switch (name)
            {
                case "anonuid":
                case "anongid":
                    if (!IsDecimalId(value!))
                    {
                        errors.Add("The option '" + name + "=" + value + "' needs a decimal " + (name == "anonuid" ? "user" : "group") + " id from 0 to 4294967294, e.g. " + name + "=65534.");
                        return false;
                    }
                    if (value == "0")
                    {
                        warnings.Add(name + "=0 maps anonymous (and squashed) requests to " + (name == "anonuid" ? "root" : "the root group") + ". Use an unprivileged id such as 65534 (nobody) unless that is really meant.");
                    }
                    return true;
                case "fsid":
                    if (value == "root" || IsFsidNumber(value!) || IsUuid(value!)) return true;
                    errors.Add("The option 'fsid=" + value + "' needs 'root', a number (decimal or 0x hex, up to 32 bits) or a UUID of 32 hex digits, e.g. fsid=0 or fsid=1.");
                    return false;
                case "mountpoint":
                case "mp":
                    if (value is null) return true;
                    if (!AbsolutePath.IsAbsolute(value))
                    {
                        errors.Add("The option '" + name + "=" + value + "' needs an absolute path, e.g. " + name + "=/srv; or write just '" + name + "'.");
                        return false;
                    }
                    if (AbsolutePath.Problem(value, "The path of '" + name + "'") is { } problem)
                    {
                        errors.Add(problem);
                        return false;
                    }
                    return true;
                case "refer":
                case "replicas":
                    foreach (string location in value!.Split(':'))
                    {
                        int at = location.IndexOf('@');
                        if (at <= 0 || at == location.Length - 1 || location[0] != '/')
                        {
                            errors.Add("The option '" + name + "=" + value + "' needs path@host[+host][:path@host...], e.g. " + name + "=/export@server2.");
                            return false;
                        }
                    }
                    return true;
                case "xprtsec":
                    foreach (string policy in value!.Split(':'))
                    {
                        if (Array.IndexOf(TransportPolicies, policy) < 0)
                        {
                            errors.Add("The option 'xprtsec=" + value + "' has the unknown policy '" + policy + "'; use none, tls or mtls, colon-separated.");
                            return false;
                        }
                    }
                    return true;
                default:
                    return true;
            }
        }

        private static void CheckFlavours(string value, HashSet<string> flavoursSeen, List<string> errors, List<string> warnings)
        {
            var inThisList = new HashSet<string>(StringComparer.Ordinal);
            foreach (string flavour in value.Split(':'))
            {
                if (Array.IndexOf(Flavours, flavour) < 0)
                {
                    errors.Add("The option 'sec=" + value + "' has the unknown security flavour '" + flavour + "'. Use sys, krb5, krb5i or krb5p, colon-separated, e.g. sec=krb5p:krb5i.");
                    continue;
                }
                if (!inThisList.Add(flavour))
                {
                    warnings.Add("The flavour '" + flavour + "' appears twice in 'sec=" + value + "'. Give it once.");
                }
                else if (!flavoursSeen.Add(flavour))
                {
                    warnings.Add("The flavour '" + flavour + "' appears in more than one sec= option; the later options apply to it again. Give each flavour once.");
                }
                if (flavour == "none" || flavour == "null")
                {
                    warnings.Add("sec=" + flavour + " allows unauthenticated access (AUTH_NONE). Use sys or Kerberos (krb5, krb5i, krb5p).");
                }
            }
        }

        private static void AddRiskWarnings(string name, string? value, List<string> warnings)
        {
            switch (name)
            {
                case "no_root_squash":
                    warnings.Add("no_root_squash lets root on the client act as root on the exported files. Use root_squash unless the client is fully trusted (e.g. diskless clients).");
                    break;
                case "insecure":
                    warnings.Add("insecure accepts requests from unprivileged ports (1024 and up), so any user on a client can send them. Leave it out (secure is the default) unless a client needs it.");
                    break;
                case "async":
                    warnings.Add("async replies before data reaches stable storage; a server crash can lose or corrupt written data. Use sync unless that risk is accepted.");
                    break;
                case "insecure_locks":
                case "no_auth_nlm":
                    warnings.Add(name + " skips authentication of lock requests. Use it only for old clients that need it.");
                    break;
            }
        }

        private static bool IsDecimalId(string value) =>
            value.Length > 0 && value.Length <= 10 && value.All(c => c >= '0' && c <= '9') &&
            ulong.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture) <= 4294967294UL;

        // strtoul(..., 0): decimal, 0x hex or 0 octal, the whole value.
        private static bool IsFsidNumber(string value)
        {
            if (value.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            {
                string hex = value.Substring(2);
                return hex.Length > 0 && hex.Length <= 8 && hex.All(Uri.IsHexDigit);
            }
            if (value.StartsWith("0", StringComparison.Ordinal))
            {
                return value.All(c => c >= '0' && c <= '7') && value.Length <= 12 && Convert.ToUInt64(value, 8) <= uint.MaxValue;
            }
            return value.Length <= 10 && value.All(c => c >= '0' && c <= '9') && ulong.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture) <= uint.MaxValue;
        }

        private static bool IsUuid(string value) =>
            value.All(c => Uri.IsHexDigit(c) || c == '-' || c == ':') && value.Count(Uri.IsHexDigit) == 32;

        private static string ValueHint(string name)
        {
            switch (name)
            {
                case "anonuid": return "anonuid=<uid>, e.g. anonuid=65534";
                case "anongid": return "anongid=<gid>, e.g. anongid=65534";
                case "fsid": return "fsid=root, fsid=<number> or fsid=<uuid>";
                case "refer":
                case "replicas": return name + "=path@host[+host][:path@host...]";
                case "xprtsec": return "xprtsec=none, tls or mtls";
                case "sec": return "sec=sys, krb5, krb5i or krb5p (colon-separated)";
                default: return name + "=<value>";
            }
        }

        private static string Meaning(string option)
        {
            ExportOptionCatalog.Split(option, out string name, out _);
            ExportOptionInfo? info = ExportOptionCatalog.Find(name);
            return info is null || info.Value != ExportOptionValue.None ? option : info.Meaning;
        }

        private static string Suggest(string name)
        {
            string lower = name.ToLowerInvariant();
            if (lower != name && ExportOptionCatalog.Find(lower) != null) return " Options are case-sensitive: write '" + lower + "'.";
            string? best = null;
            int bestDistance = 3;
            foreach (string known in ExportOptionCatalog.Names)
            {
                int distance = Distance(lower, known);
                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    best = known;
                }
            }
            return best is null ? "" : " Did you mean '" + best + "'?";
        }

        private static int Distance(string a, string b)
        {
            var d = new int[a.Length + 1, b.Length + 1];
            for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
            for (int j = 0; j <= b.Length; j++) d[0, j] = j;
            for (int i = 1; i <= a.Length; i++)
            {
                for (int j = 1; j <= b.Length; j++)
                {
                    int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                }
            }
            return d[a.Length, b.Length];
        }
    }
}
