using NfsCinder.Execution;
using Xunit;

namespace NfsCinder.Tests
{
    /// <summary>What-if mode decided as ShouldProcess decides it: a bound -WhatIf wins (-WhatIf:$false too), else $WhatIfPreference.</summary>
    public class WhatIfModeTests
    {
        [Theory]
        [InlineData(true, false, true)]
        [InlineData(false, true, false)]
        [InlineData(null, true, true)]
        [InlineData(null, false, false)]
        [InlineData(null, null, false)]
        public void BoundSwitchFirst_ThenThePreference(bool? bound, bool? preference, bool whatIf)
        {
            Assert.Equal(whatIf, WhatIfRule.IsWhatIf(bound, preference));
        }
    }
}
