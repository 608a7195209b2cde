using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using NfsCinder.Nfs;
using Xunit;

namespace NfsCinder.Tests
{
    /// <summary>
    /// Parsers for exportfs, showmount, /proc/mounts, findmnt and df. Fixtures/nfs holds real
    /// output captured on Debian 12 (nfs-utils 2.6.2); Fixtures/nfs-extra holds hand-written variants.
    /// </summary>
    public class NfsOutputParsersTests
    {
        internal static string Fixture(string name) =>
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "nfs", name));

        internal static string Extra(string name) =>
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "nfs-extra", name));

        /// <summary>Sections of a capture separated by a <c>---</c> line.</summary>
        private static string[] Sections(string text) =>
            Regex.Split(text.Replace("\r\n", "\n"), @"^---\n", RegexOptions.Multiline);

        /// <summary>The capture without its trailing <c>rc=N</c> line (written by the capture script, not the tool).</summary>
        private static string WithoutRc(string text, out int? rc)
        {
            Match m = Regex.Match(text, @"(?:^|\n)rc=(\d+)\n?$");
            rc = m.Success ? int.Parse(m.Groups[1].Value) : null;
            return m.Success ? text.Substring(0, m.Index + (m.Value.StartsWith("\n") ? 1 : 0)) : text;
        }

        // ---- exportfs -v ----------------------------------------------------------------------

        [Fact]
        public void ExportfsVerbose_RealOutput_AllEntriesWithWrappedWorldLine()
        {
            IReadOnlyList<ExportfsEntry> entries = ExportfsOutput.ParseVerbose(Fixture("exportfs-v.stdout"));

            Assert.Equal(7, entries.Count);
            Assert.Equal(new[] { "/nfs/shared", "/nfs/ro", "/nfs/shared", "/nfs/ro", "/nfs/v4root", "/nfs/ro", "/nfs/with space" },
                entries.Select(e => e.Path));
            Assert.Equal(new[] { "10.40.0.3", "10.40.0.2", "10.40.0.0/255.255.255.0", "10.40.0.0/24", "10.40.0.0/24", "@trusted", "*" },
                entries.Select(e => e.Client));

            ExportfsEntry wrapped = entries[6];
            Assert.Equal("/nfs/with space", wrapped.Path);
            Assert.Equal("*", wrapped.Client);
            Assert.Equal(new[] { "sync", "wdelay", "hide", "no_subtree_check", "sec=sys", "ro", "insecure", "root_squash", "all_squash" }, wrapped.Options);

            ExportfsEntry root = entries[4];
            Assert.Contains("fsid=0", root.Options);
            Assert.Contains("crossmnt", root.Options);
            Assert.Contains("rw", root.Options);
            Assert.Contains("no_root_squash", entries[0].Options);
        }

        [Fact]
        public void ExportfsVerbose_WithoutOptions_IPv6AndCrlf()
        {
            string text = "/srv/a        \tfd00:40::/64(rw,sync)\r\n/srv/a-very-long-path\r\n\t\t<world>\r\n/srv/b        \thost1\r\n";
            IReadOnlyList<ExportfsEntry> entries = ExportfsOutput.ParseVerbose(text);

            Assert.Equal(3, entries.Count);
            Assert.Equal("fd00:40::/64", entries[0].Client);
            Assert.Equal(new[] { "rw", "sync" }, entries[0].Options);
            Assert.Equal(("/srv/a-very-long-path", "*"), (entries[1].Path, entries[1].Client));
            Assert.Empty(entries[1].Options);
            Assert.Equal(("/srv/b", "host1"), (entries[2].Path, entries[2].Client));
            Assert.Empty(ExportfsOutput.ParseVerbose(string.Empty));
        }

        [Fact]
        public void Etab_RealFile_DecodesEscapedPath()
        {
            IReadOnlyList<ExportfsEntry> entries = ExportfsOutput.ParseEtab(Fixture("etab.txt"));

            Assert.Equal(7, entries.Count);
            Assert.Equal("/nfs/with space", entries[6].Path);
            Assert.Equal("*", entries[6].Client);
            Assert.Contains("all_squash", entries[6].Options);
            Assert.Equal("10.40.0.0/255.255.255.0", entries[4].Client);
            Assert.Contains("fsid=0", entries[2].Options);
        }

        // ---- exportfs -arv --------------------------------------------------------------------

        [Fact]
        public void ExportfsApply_EmptyExports_IsAWarningNotAnError()
        {
            // Real exportfs -rav on nfs1 after the last export was removed (exit 0).
            ExportfsApplyResult r = ExportfsOutput.ParseApply(Fixture("exportfs-arv-empty.stdout"), Fixture("exportfs-arv-empty.stderr"));
            Assert.Empty(r.Errors);
            Assert.Equal("No file systems exported!", Assert.Single(r.Warnings).Message);
        }

        [Fact]
        public void ExportfsApply_RealStdoutAndStderr()
        {
            ExportfsApplyResult r = ExportfsOutput.ParseApply(Fixture("exportfs-arv.stdout"), Fixture("exportfs-arv.stderr"));

            Assert.Equal(7, r.Exported.Count);
            Assert.Empty(r.Unexported);
            Assert.Equal(("10.40.0.2", "/nfs/ro"), (r.Exported[0].Client, r.Exported[0].Path));
            Assert.Equal(("10.40.0.0/255.255.255.0", "/nfs/shared"), (r.Exported[4].Client, r.Exported[4].Path));
            Assert.Equal(("@trusted", "/nfs/ro"), (r.Exported[5].Client, r.Exported[5].Path));
            Assert.Equal(("*", "/nfs/with space"), (r.Exported[6].Client, r.Exported[6].Path));

            Assert.Empty(r.Errors);
            Assert.Equal(2, r.Warnings.Count);
            ExportfsMessage w = r.Warnings[1];
            Assert.Equal("/etc/exports", w.File);
            Assert.Equal(2, w.Line);
            Assert.StartsWith("Neither 'subtree_check' or 'no_subtree_check' specified", w.Message);
            Assert.Contains("Assuming default behaviour ('no_subtree_check').", w.Message);
            Assert.EndsWith("NOTE: this default has changed since nfs-utils version 1.0.x", w.Message);
            Assert.Equal(("*", "/nfs/with space"), (w.Export!.Client, w.Export.Path));
            Assert.Equal(("10.40.0.3", "/nfs/shared"), (r.Warnings[0].Export!.Client, r.Warnings[0].Export!.Path));
        }

        [Fact]
        public void ExportfsApply_RealMergedCaptureWithUnknownKeyword()
        {
            string merged = WithoutRc(Fixture("exportfs-arv-errors.txt"), out int? rc);
            Assert.Equal(1, rc);

            foreach (ExportfsApplyResult r in new[] { ExportfsOutput.ParseApply(string.Empty, merged), ExportfsOutput.ParseApply(merged, null) })
            {
                Assert.Equal(7, r.Exported.Count);
                Assert.Equal(2, r.Warnings.Count);
                ExportfsMessage error = Assert.Single(r.Errors);
                Assert.Equal("/etc/exports.d/bad.exports", error.File);
                Assert.Equal(1, error.Line);
                Assert.Equal("unknown keyword \"bogusopt\"", error.Message);
                Assert.Equal("/etc/exports.d/bad.exports:1: unknown keyword \"bogusopt\"", error.ToString());
            }
        }

        [Fact]
        public void ExportfsApply_HandWrittenMessagesAndUnexporting()
        {
            ExportfsApplyResult r = ExportfsOutput.ParseApply(Extra("handwritten-exportfs-more.stdout"), Extra("handwritten-exportfs-more.stderr"));

            Assert.Equal(new[] { "10.40.0.2:/nfs/old", "fd00:40::/64:/nfs/v6" }, r.Unexported.Select(t => t.ToString()));
            Assert.Equal(("fd00:40::/64", "/nfs/v6"), (r.Unexported[1].Client, r.Unexported[1].Path));
            Assert.Equal(("fd00:40::2", "/nfs/shared"), (r.Exported[0].Client, r.Exported[0].Path));
            Assert.Equal(("10.40.0.0/24", "/nfs/ro"), (r.Exported[1].Client, r.Exported[1].Path));

            ExportfsMessage warning = Assert.Single(r.Warnings);
            Assert.Null(warning.File);
            Assert.Contains("to avoid warning", warning.Message);

            Assert.Equal(5, r.Errors.Count);
            Assert.Equal(("/etc/exports", (int?)3, "bad anonuid \"anonuid=abc\""), (r.Errors[0].File, r.Errors[0].Line, r.Errors[0].Message));
            Assert.Equal(("/etc/exports", (int?)4, "syntax error: bad option list"), (r.Errors[1].File, r.Errors[1].Line, r.Errors[1].Message));
            Assert.Equal((null, (int?)null, "Failed to stat /nfs/missing: No such file or directory"), (r.Errors[2].File, r.Errors[2].Line, r.Errors[2].Message));
            Assert.Equal("/nfs/tmpfs does not support NFS export", r.Errors[3].Message);
            Assert.Equal("10.40.0.2:/nfs/ro: Permission denied", r.Errors[4].Message);
        }

        [Fact]
        public void ExportfsApply_NullAndEmpty()
        {
            ExportfsApplyResult r = ExportfsOutput.ParseApply(null, null);
            Assert.Empty(r.Exported);
            Assert.Empty(r.Unexported);
            Assert.Empty(r.Warnings);
            Assert.Empty(r.Errors);
        }

        [Theory]
        [InlineData("10.40.0.3:/nfs/shared", "10.40.0.3", "/nfs/shared")]
        [InlineData("*:/nfs/with space", "*", "/nfs/with space")]
        [InlineData("fe80::1:/srv", "fe80::1", "/srv")]
        [InlineData("2001:db8::/64:/srv/x", "2001:db8::/64", "/srv/x")]
        [InlineData("2001:db8:::/srv", "2001:db8::", "/srv")]
        [InlineData("host:/a:/b", "host", "/a:/b")]
        [InlineData("nfs1:/", "nfs1", "/")]
        public void SplitClientPath_SplitsAtFirstColonSlash(string text, string client, string path)
        {
            ExportTarget? t = ExportfsOutput.SplitClientPath(text);
            Assert.NotNull(t);
            Assert.Equal((client, path), (t!.Client, t.Path));
        }

        [Fact]
        public void SplitClientPath_NoColonSlash_IsNull() => Assert.Null(ExportfsOutput.SplitClientPath("host1"));

        // ---- showmount ------------------------------------------------------------------------

        [Fact]
        public void ShowmountExports_RealLocal_WithAndWithoutHeader()
        {
            string[] parts = Sections(Fixture("showmount-e-local.txt"));
            Assert.Equal(2, parts.Length);

            ShowmountExportList bare = ShowmountOutput.ParseExports(parts[0]);
            ShowmountExportList headed = ShowmountOutput.ParseExports(parts[1]);

            Assert.Null(bare.Server);
            Assert.Equal("nfs1", headed.Server);
            foreach (ShowmountExportList list in new[] { bare, headed })
            {
                Assert.Equal(new[] { "/nfs/with space", "/nfs/v4root", "/nfs/ro", "/nfs/shared" }, list.Exports.Select(e => e.Path));
                Assert.Equal(new[] { "*" }, list.Exports[0].Clients);
                Assert.Equal(new[] { "@trusted", "10.40.0.0/24" }, list.Exports[2].Clients);
                Assert.Equal(new[] { "10.40.0.0/255.255.255.0" }, list.Exports[3].Clients);
            }
        }

        [Fact]
        public void ShowmountExports_RealRemote()
        {
            ShowmountExportList list = ShowmountOutput.ParseExports(Fixture("showmount-e-remote.txt"));
            Assert.Equal("nfs1", list.Server);
            Assert.Equal(4, list.Exports.Count);
            Assert.Equal("/nfs/with space", list.Exports[0].Path);
            Assert.Equal(new[] { "10.40.0.0/24" }, list.Exports[1].Clients);
        }

        [Fact]
        public void ShowmountExports_EveryoneIPv6HeaderAndEmpty()
        {
            ShowmountExportList list = ShowmountOutput.ParseExports("Export list for fd00:40::1:\n/srv/open (everyone)\n/srv/v6  fd00:40::/64,host2\n");
            Assert.Equal("fd00:40::1", list.Server);
            Assert.Equal(new[] { "*" }, list.Exports[0].Clients);
            Assert.Equal(new[] { "fd00:40::/64", "host2" }, list.Exports[1].Clients);

            ShowmountExportList empty = ShowmountOutput.ParseExports("Export list for nfs1:\n");
            Assert.Equal("nfs1", empty.Server);
            Assert.Empty(empty.Exports);
        }

        [Fact]
        public void ShowmountMounted_RealWithAndWithoutHeader()
        {
            string[] parts = Sections(Fixture("showmount-a.txt"));
            ShowmountMountList headed = ShowmountOutput.ParseMountedClients(parts[0]);
            ShowmountMountList bare = ShowmountOutput.ParseMountedClients(parts[1]);

            Assert.Equal("nfs1", headed.Server);
            Assert.Null(bare.Server);
            foreach (ShowmountMountList list in new[] { headed, bare })
            {
                ShowmountMount m = Assert.Single(list.Mounts);
                Assert.Equal(("10.40.0.2", "/nfs/shared"), (m.Client, m.Path));
            }
        }

        [Fact]
        public void ShowmountMounted_IPv6ClientAndSpace()
        {
            ShowmountMountList list = ShowmountOutput.ParseMountedClients("All mount points on nfs1:\nfd00:40::2:/nfs/with space\nhost3:/nfs/ro\n");
            Assert.Equal(("fd00:40::2", "/nfs/with space"), (list.Mounts[0].Client, list.Mounts[0].Path));
            Assert.Equal(("host3", "/nfs/ro"), (list.Mounts[1].Client, list.Mounts[1].Path));
        }

        [Theory]
        [InlineData("showmount-e-nfsd-stopped.txt", "MountdNotRegistered")]
        [InlineData("showmount-e-rpcbind-stopped.txt", "RpcbindUnreachable")]
        [InlineData("showmount-e-unresolvable.txt", "NameResolution")]
        public void ShowmountFailure_RealCaptures(string fixture, string expected)
        {
            string stderr = WithoutRc(Fixture(fixture), out int? rc);
            Assert.Equal(1, rc);
            Assert.StartsWith("clnt_create: RPC: ", stderr);
            Assert.Equal(expected, ShowmountOutput.ClassifyFailure(stderr).ToString());
        }

        [Theory]
        [InlineData("", "None")]
        [InlineData(" \n", "None")]
        [InlineData(null, "None")]
        [InlineData("clnt_create: RPC: Program not registered\n", "MountdNotRegistered")]
        [InlineData("clnt_create: RPC: Port mapper failure - Unable to receive: errno 111 (Connection refused)\n", "RpcbindUnreachable")]
        [InlineData("clnt_create: RPC: Unable to send\n", "RpcbindUnreachable")]
        [InlineData("rpc mount export: RPC: Unable to receive; errno = Connection refused\n", "RpcbindUnreachable")]
        [InlineData("clnt_create: RPC: Unknown host\n", "NameResolution")]
        [InlineData("clnt_create: RPC: Timed out\n", "TimedOut")]
        [InlineData("clnt_create: RPC: Port mapper failure - Timed out\n", "TimedOut")]
        [InlineData("rpc mount export: RPC: Remote system error - Connection refused\n", "ConnectionRefused")]
        [InlineData("rpc mount export: RPC: Authentication error; why = Client credential too weak\n", "Other")]
        public void ShowmountFailure_Classes(string? stderr, string expected) =>
            Assert.Equal(expected, ShowmountOutput.ClassifyFailure(stderr).ToString());

        [Fact]
        public void ShowmountFailure_EveryClassHasCauseAndRemedy()
        {
            var remedies = new HashSet<string>();
            foreach (ShowmountFailure f in Enum.GetValues(typeof(ShowmountFailure)))
            {
                Assert.False(string.IsNullOrWhiteSpace(ShowmountOutput.CauseFor(f)));
                Assert.True(remedies.Add(ShowmountOutput.RemedyFor(f)), $"remedy for {f} is shared");
            }
            Assert.Contains("NFSv4-only", ShowmountOutput.RemedyFor(ShowmountFailure.MountdNotRegistered));
            Assert.Contains("/etc/hosts", ShowmountOutput.RemedyFor(ShowmountFailure.NameResolution));
            Assert.Contains("111/tcp", ShowmountOutput.RemedyFor(ShowmountFailure.TimedOut));
            Assert.Contains("mountd", ShowmountOutput.RemedyFor(ShowmountFailure.TimedOut));
            Assert.Contains("rpcbind", ShowmountOutput.RemedyFor(ShowmountFailure.RpcbindUnreachable));
        }

        // ---- /proc/mounts and findmnt ---------------------------------------------------------

        [Fact]
        public void ProcMounts_Real_OnlyNfsWithOptions()
        {
            IReadOnlyList<MountTableEntry> mounts = MountTable.ParseProcMounts(Fixture("proc-mounts-nfs.txt"));

            Assert.Equal(2, mounts.Count);
            MountTableEntry a = mounts[0], b = mounts[1];
            Assert.Equal(("nfs1:/nfs/shared", "nfs1", "/nfs/shared", "/mnt/a", "nfs"), (a.Source, a.Server, a.ExportPath, a.MountPoint, a.FsType));
            Assert.Equal("3", a.Version);
            Assert.False(a.IsSoft);
            Assert.True(a.HasOption("hard"));
            Assert.Equal((600, 2, "tcp", "10.40.0.1"), (a.Timeo!.Value, a.Retrans!.Value, a.Proto, a.Address));
            Assert.Equal("udp", a.GetOption("mountproto"));
            Assert.Equal("rw", a.Options[0]);
            Assert.Equal(17, a.Options.Count);

            Assert.Equal(("nfs4", "/nfs/v4root", "/mnt/b", "4.2"), (b.FsType, b.ExportPath, b.MountPoint, b.Version));
            Assert.True(b.IsSoft);
            Assert.Equal((50, 2), (b.Timeo!.Value, b.Retrans!.Value));
            Assert.Null(b.GetOption("mountaddr"));
            Assert.Equal(string.Empty, b.GetOption("relatime"));
        }

        [Fact]
        public void ProcMounts_HandWritten_IPv6EscapedSpaceAndRoot()
        {
            IReadOnlyList<MountTableEntry> mounts = MountTable.ParseProcMounts(Extra("handwritten-proc-mounts-ipv6-space.txt"));

            Assert.Equal(3, mounts.Count);
            Assert.Equal(("fd00:40::1", "/nfs/shared", "/mnt/v6", "tcp6", "fd00:40::1"),
                (mounts[0].Server, mounts[0].ExportPath, mounts[0].MountPoint, mounts[0].Proto, mounts[0].Address));
            Assert.Equal("[fd00:40::1]:/nfs/shared", mounts[0].Source);
            Assert.Equal(("nfs1:/nfs/with space", "/nfs/with space", "/mnt/with space"), (mounts[1].Source, mounts[1].ExportPath, mounts[1].MountPoint));
            Assert.True(mounts[1].IsSoft);
            Assert.Equal(("nfs1", "/", "4.1"), (mounts[2].Server, mounts[2].ExportPath, mounts[2].Version));
        }

        [Fact]
        public void ProcMounts_Nfs4WithoutVers_LastSoftHardWins_BadNumbers()
        {
            MountTableEntry m = Assert.Single(MountTable.ParseProcMounts("srv:/x /m\\011tab nfs4 soft,hard,timeo=abc 0 0\n"));
            Assert.Equal("4", m.Version);
            Assert.False(m.IsSoft);
            Assert.Null(m.Timeo);
            Assert.Equal("/m\ttab", m.MountPoint);
            Assert.Empty(MountTable.ParseProcMounts("nfsd /proc/fs/nfsd nfsd rw 0 0\n\n"));
        }

        [Fact]
        public void Findmnt_Real_SameAsProcMounts()
        {
            IReadOnlyList<MountTableEntry> viaFindmnt = MountTable.ParseFindmntPairs(Fixture("findmnt-P.txt"));
            IReadOnlyList<MountTableEntry> viaProc = MountTable.ParseProcMounts(Fixture("proc-mounts-nfs.txt"));

            Assert.Equal(viaProc.Select(m => m.ToString()), viaFindmnt.Select(m => m.ToString()));
            Assert.Equal("4.2", viaFindmnt[1].Version);
        }

        [Fact]
        public void Findmnt_HexEscapes()
        {
            MountTableEntry m = Assert.Single(MountTable.ParseFindmntPairs(
                "TARGET=\"/mnt/with\\x20space\" SOURCE=\"[fd00::1]:/nfs/x\" FSTYPE=\"nfs\" OPTIONS=\"rw,vers=3\"\nTARGET=\"/\" SOURCE=\"/dev/vda1\" FSTYPE=\"ext4\" OPTIONS=\"rw\"\n"));
            Assert.Equal(("/mnt/with space", "fd00::1", "/nfs/x"), (m.MountPoint, m.Server, m.ExportPath));
        }

        [Theory]
        [InlineData("nfs1:/nfs/shared", "nfs1", "/nfs/shared")]
        [InlineData("[fd00:40::1]:/nfs/shared", "fd00:40::1", "/nfs/shared")]
        [InlineData("10.40.0.1:/", "10.40.0.1", "/")]
        [InlineData("nodevice", "", "nodevice")]
        [InlineData("nfs1:/a:/b", "nfs1", "/a:/b")]
        public void SplitSource_Forms(string source, string server, string path)
        {
            NfsShareAddress.Split(source, out string s, out string p);
            Assert.Equal((server, path), (s, p));
        }

        [Theory]
        [InlineData(@"/a\040b", "/a b")]
        [InlineData(@"/a\011b\012c\134d", "/a\tb\nc\\d")]
        [InlineData(@"/caf\303\251", "/café")]
        [InlineData(@"/not\08escape\", @"/not\08escape\")]
        [InlineData("/plain", "/plain")]
        public void DecodeOctal_Cases(string encoded, string decoded) => Assert.Equal(decoded, NfsParseText.DecodeOctal(encoded));

        [Fact]
        public void EncodeOctal_RoundTrips()
        {
            string s = "/a b\tc\nd\\e/é";
            Assert.Equal(@"/a\040b\011c\012d\134e/é", NfsParseText.EncodeOctal(s));
            Assert.Equal(s, NfsParseText.DecodeOctal(NfsParseText.EncodeOctal(s)));
        }

        // ---- df ------------------------------------------------------------------------------

        [Fact]
        public void Df_RealBytes()
        {
            string[] parts = Sections(Fixture("df.txt"));
            IReadOnlyList<DfRow> rows = DfOutput.Parse(parts[0]);

            Assert.Equal(2, rows.Count);
            DfRow a = rows[0];
            Assert.Equal(("nfs1:/nfs/shared", 4143710208L, 1406992384L, 2505179136L, 36, "/mnt/a"),
                (a.Filesystem, a.SizeBytes!.Value, a.UsedBytes!.Value, a.AvailableBytes!.Value, a.UsePercent!.Value, a.MountPoint));
            Assert.Equal("/mnt/b", rows[1].MountPoint);
            Assert.Same(rows[1], DfOutput.FindByMountPoint(rows, "/mnt/b"));
            Assert.Null(DfOutput.FindByMountPoint(rows, "/mnt/c"));

            // The -h half of the capture has no byte counts: it yields nothing rather than wrong numbers.
            Assert.Empty(DfOutput.Parse(parts[1]));
        }

        [Fact]
        public void Df_SpacesInFilesystemAndMountPoint_AndDashes()
        {
            string text = "Filesystem 1-blocks Used Available Capacity Mounted on\n"
                + "nfs1:/nfs/with space 4143710208 1406992384 2505179136 36% /mnt/with space\n"
                + "[fd00::1]:/x 100 0 100 0% /mnt/v6\n"
                + "proc - - - - /proc\n";
            IReadOnlyList<DfRow> rows = DfOutput.Parse(text);

            Assert.Equal(3, rows.Count);
            Assert.Equal(("nfs1:/nfs/with space", "/mnt/with space", 36), (rows[0].Filesystem, rows[0].MountPoint, rows[0].UsePercent!.Value));
            Assert.Equal(("[fd00::1]:/x", 0), (rows[1].Filesystem, rows[1].UsePercent!.Value));
            Assert.Equal(("proc", "/proc"), (rows[2].Filesystem, rows[2].MountPoint));
            Assert.Null(rows[2].SizeBytes);
            Assert.Null(rows[2].UsePercent);
        }
    }
}
