using System;
using System.Collections.Generic;
using NfsCinder.Cinder;
using Xunit;

namespace NfsCinder.Tests
{
    /// <summary>oslo.config's $name substitution, as cinder.conf and nova.conf paths use it.</summary>
    public sealed class OsloInterpolationTests
    {
        private static readonly Dictionary<string, string> Known = new Dictionary<string, string>
        {
            ["state_path"] = "$pybasedir",
            ["pybasedir"] = "/usr/lib/python3/dist-packages",
            ["loop"] = "$loop",
        };

        private static string? Lookup(string name) => Known.TryGetValue(name, out var v) ? v : null;

        [Theory]
        [InlineData("$state_path/mnt", "/usr/lib/python3/dist-packages/mnt")]
        [InlineData("${state_path}/mnt", "/usr/lib/python3/dist-packages/mnt")]
        [InlineData("/srv/$$x", "/srv/$x")]
        [InlineData("/plain", "/plain")]
        [InlineData("$", "$")]
        [InlineData("a$", "a$")]
        [InlineData("${unclosed", "${unclosed")]
        public void Expands_AsOsloDoes(string value, string expected) => Assert.Equal(expected, OsloInterpolation.Expand(value, Lookup));

        [Fact]
        public void AnUnknownName_StaysAsWritten_AndTryExpandSaysSo()
        {
            Assert.Equal("$nothere/mnt", OsloInterpolation.Expand("$nothere/mnt", Lookup));
            Assert.False(OsloInterpolation.TryExpand("$nothere/mnt", Lookup, out _));
            Assert.True(OsloInterpolation.TryExpand("$state_path/mnt", Lookup, out string path));
            Assert.Equal("/usr/lib/python3/dist-packages/mnt", path);
        }

        [Fact]
        public void ANameIsTheLongestIdentifier_NotAPrefix()
        {
            // string.Template, which oslo uses, reads $state_pathx as the name state_pathx.
            Assert.Equal("$state_pathx", OsloInterpolation.Expand("$state_pathx", Lookup));
        }

        [Fact]
        public void ALoopOfReferences_IsRefused() =>
            Assert.Throws<ArgumentException>(() => OsloInterpolation.Expand("$loop", Lookup));
    }
}
