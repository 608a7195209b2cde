using System.Text.RegularExpressions;

namespace NfsCinder.Values
{
    /// <summary>
    /// The module's one rule for a user or group a file or directory is given to (chown): a name
    /// as shadow-utils' default rule takes it (a letter or '_' first, then up to 31 letters,
    /// digits, '_', '.' or '-') or a numeric id of up to 10 digits. Nothing a shell or a
    /// <c>user:group</c> pair would read differently (no ':', blank, '$', leading '-'), and no
    /// trailing line feed (the pattern ends at <c>\z</c>, not <c>$</c>).
    /// </summary>
    internal static class AccountName
    {
        private static readonly Regex Pattern = new Regex(@"^([a-z_][a-z0-9_.-]{0,31}|[0-9]{1,10})\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        /// <summary>True for a user or group name or number this module passes to chown.</summary>
        public static bool IsValid(string? name) => name is not null && Pattern.IsMatch(name);
    }
}
