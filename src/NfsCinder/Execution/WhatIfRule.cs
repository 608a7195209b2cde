namespace NfsCinder.Execution
{
    /// <summary>The what-if rule of ShouldProcess, free of PowerShell types so xunit reaches it.</summary>
    internal static class WhatIfRule
    {
        /// <summary>A bound -WhatIf decides (-WhatIf:$false too); unbound, $WhatIfPreference does.</summary>
        public static bool IsWhatIf(bool? boundWhatIf, bool? whatIfPreference) => boundWhatIf ?? whatIfPreference ?? false;
    }
}
