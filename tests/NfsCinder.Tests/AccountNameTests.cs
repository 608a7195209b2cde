using System;
using NfsCinder.Files;
using NfsCinder.Values;
using Xunit;

namespace NfsCinder.Tests
{
    /// <summary>The one rule for a user or group given to chown, used by file writes and New-NfsExport.</summary>
    public class AccountNameTests
    {
        [Theory]
        [InlineData("root")]
        [InlineData("cinder")]
        [InlineData("nova")]
        [InlineData("nobody")]
        [InlineData("nogroup")]
        [InlineData("_apt")]
        [InlineData("systemd-network")]
        [InlineData("qemu.kvm")]
        [InlineData("Cinder")]
        [InlineData("0")]
        [InlineData("65534")]
        [InlineData("4294967294")]
        public void Takes_NamesAndIds(string name) => Assert.True(AccountName.IsValid(name));

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("root\n")]
        [InlineData("root\0")]
        [InlineData("root\u2028")]
        [InlineData("root:root")]
        [InlineData("a b")]
        [InlineData("a;b")]
        [InlineData("$(id)")]
        [InlineData("host$")]
        [InlineData("-root")]
        [InlineData("1root")]
        [InlineData("12345678901")]
        [InlineData("abcdefghijklmnopqrstuvwxyz0123456")]
        public void Refuses_WhatChownOrAShellWouldReadOtherwise(string? name) => Assert.False(AccountName.IsValid(name));

        [Theory]
        [InlineData("root\n")]
        [InlineData("host$")]
        public void FileWriteRequest_UsesTheRule(string name)
        {
            Assert.Throws<ArgumentException>(() => new FileWriteRequest("/etc/exports", new byte[] { 1 }).WithOwner(name, null));
            Assert.Throws<ArgumentException>(() => new FileWriteRequest("/etc/exports", new byte[] { 1 }).WithOwner(null, name));
        }

        [Fact]
        public void FileWriteRequest_RefusesAModeWithATrailingLineFeed()
        {
            Assert.Throws<ArgumentException>(() => FileWriteRequest.NormalizeMode("0640\n"));
            Assert.Equal("640", FileWriteRequest.NormalizeMode("0640"));
        }
    }
}
