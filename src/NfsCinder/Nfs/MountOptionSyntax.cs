using System.Text.RegularExpressions;

namespace NfsCinder.Nfs
{
    /// <summary>
    /// What this module writes as NFS mount options (fstab, the shares file, cinder.conf): name or
    /// name=value, values of letters, digits and _ . : / @ + - [ ] (an IPv6 clientaddr), nothing a
    /// file or mount's own option parser would read otherwise.
    /// </summary>
    internal static class MountOptionSyntax
    {
        private const string Option = @"[A-Za-z0-9_]+(=[A-Za-z0-9_.:/@+\-\[\]]+)?";
        private static readonly Regex One = new Regex("^" + Option + "$", RegexOptions.CultureInvariant);
        private static readonly Regex List = new Regex("^" + Option + "(," + Option + ")*$", RegexOptions.CultureInvariant);

        /// <summary>True for one option.</summary>
        public static bool IsOption(string text) => One.IsMatch(text);

        /// <summary>True for a comma list of options.</summary>
        public static bool IsList(string text) => List.IsMatch(text);
    }
}
