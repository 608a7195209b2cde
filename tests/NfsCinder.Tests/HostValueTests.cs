using System;
using NfsCinder.Values;
using Xunit;

namespace NfsCinder.Tests
{
    /// <summary>The one rule for text written into a host's files.</summary>
    public class HostValueTests
    {
        [Theory]
        [InlineData("a\0b", "a NUL character (U+0000) at position 1")]
        [InlineData("a\nb", "a line feed (U+000A) at position 1")]
        [InlineData("ab\r", "a carriage return (U+000D) at position 2")]
        [InlineData("\u001b[31m", "a control character (U+001B) at position 0")]
        [InlineData("a\u0085", "a control character (U+0085) at position 1")]
        [InlineData("a\u2028b", "a line separator (U+2028) at position 1")]
        public void EveryUnprintableCharacter_IsRefusedTheSameWay(string value, string what)
        {
            string message = Assert.Throws<ArgumentException>(() => HostValue.CheckText(value, "The share")).Message;
            Assert.Contains("contains " + what, message);
            Assert.EndsWith("a value written to a host's files must be one line of printable characters.", message);
            Assert.False(message.IndexOf('\0') >= 0);
        }

        [Fact]
        public void AnUnpairedSurrogate_IsRefused()
        {
            string value = "a" + (char)0xD800 + "b";
            Assert.Contains("an unpaired UTF-16 surrogate (U+D800) at position 1", Assert.Throws<ArgumentException>(() => HostValue.CheckText(value, "The share")).Message);
        }

        [Fact]
        public void PrintableText_AndPairedSurrogates_Pass()
        {
            HostValue.CheckText("nfs1:/nfs/cinder -o vers=4.1 \U0001F600", "x");
            HostValue.CheckText(null, "x");
        }

        [Theory]
        [InlineData("relative/path", "absolute path")]
        [InlineData("/a b", "a blank at position 2")]
        [InlineData("/a\tb", "a tab (U+0009)")]
        public void Paths_AreAbsoluteWithoutWhitespace(string path, string reason)
        {
            Assert.Contains(reason, Assert.Throws<ArgumentException>(() => AbsolutePath.CheckWithoutWhitespace(path, "-MountPath")).Message);
        }
    }
}
