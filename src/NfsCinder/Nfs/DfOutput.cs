using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace NfsCinder.Nfs
{
    /// <summary>Parser for POSIX-format <c>df</c> output with byte units.</summary>
    internal static class DfOutput
    {
        // Greedy filesystem: the rightmost "N N N P% /" block wins, so a file system name with
        // spaces is kept whole; the mount point is the rest and always starts with '/'.
        private static readonly Regex Row = new Regex(
            @"^(?<fs>\S.*)\s+(?<size>\d+|-)\s+(?<used>\d+|-)\s+(?<avail>\d+|-)\s+(?<pct>\d+%|-)\s+(?<mnt>/.*)$",
            RegexOptions.CultureInvariant);

        /// <summary>
        /// Parses <c>df -P -B1</c> (columns Filesystem, 1-blocks, Used, Available, Capacity,
        /// Mounted on). The header and lines that do not have four numeric columns before an
        /// absolute mount point are skipped, so <c>df -h</c> sizes (<c>3.9G</c>) give no rows:
        /// ask df for bytes.
        /// </summary>
        public static IReadOnlyList<DfRow> Parse(string text)
        {
            if (text is null) throw new ArgumentNullException(nameof(text));
            var rows = new List<DfRow>();
            foreach (string raw in NfsParseText.Lines(text))
            {
                string line = raw.TrimEnd();
                Match m = Row.Match(line);
                if (!m.Success) continue;
                string pct = m.Groups["pct"].Value;
                rows.Add(new DfRow(
                    m.Groups["fs"].Value.TrimEnd(),
                    Number(m.Groups["size"].Value),
                    Number(m.Groups["used"].Value),
                    Number(m.Groups["avail"].Value),
                    pct == "-" ? (int?)null : int.Parse(pct.TrimEnd('%'), NumberStyles.None, CultureInfo.InvariantCulture),
                    m.Groups["mnt"].Value));
            }
            return rows;
        }

        /// <summary>The row whose mount point is <paramref name="mountPoint"/> (exact match), or null.</summary>
        public static DfRow? FindByMountPoint(IEnumerable<DfRow> rows, string mountPoint)
        {
            if (rows is null) throw new ArgumentNullException(nameof(rows));
            foreach (DfRow row in rows)
            {
                if (string.Equals(row.MountPoint, mountPoint, StringComparison.Ordinal)) return row;
            }
            return null;
        }

        private static long? Number(string s) =>
            s == "-" ? (long?)null : long.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
