using System;
using System.Collections.Generic;
using System.Globalization;
using NfsCinder.Values;

namespace NfsCinder.Nfs
{
    /// <summary>One <c>/etc/fstab</c> entry. Spec and mount point hold decoded text (a real space, not <c>\040</c>).</summary>
    internal sealed class FstabEntry
    {
        /// <summary>Creates an entry to write; <see cref="LineNumber"/> is 0.</summary>
        public FstabEntry(string spec, string mountPoint, string fsType, string options = "defaults", int dump = 0, int pass = 0)
            : this(spec, mountPoint, fsType, options, dump, pass, 0)
        {
        }

        internal FstabEntry(string spec, string mountPoint, string fsType, string options, int dump, int pass, int lineNumber)
        {
            Spec = spec ?? throw new ArgumentNullException(nameof(spec));
            MountPoint = mountPoint ?? throw new ArgumentNullException(nameof(mountPoint));
            FsType = fsType ?? throw new ArgumentNullException(nameof(fsType));
            Options = string.IsNullOrEmpty(options) ? "defaults" : options;
            Dump = dump;
            Pass = pass;
            LineNumber = lineNumber;
        }

        /// <summary>The first field: <c>server:/path</c>, <c>UUID=...</c>, a device.</summary>
        public string Spec { get; }

        /// <summary>The second field, decoded.</summary>
        public string MountPoint { get; }

        /// <summary>The third field (<c>nfs</c>, <c>nfs4</c>, <c>ext4</c> ...).</summary>
        public string FsType { get; }

        /// <summary>The fourth field, comma-separated; <c>defaults</c> when the line has none.</summary>
        public string Options { get; }

        /// <summary>The fifth field (0 when absent).</summary>
        public int Dump { get; }

        /// <summary>The sixth field (0 when absent).</summary>
        public int Pass { get; }

        /// <summary>1-based line in the document it was read from; 0 for an entry built in code.</summary>
        public int LineNumber { get; }

        /// <summary>The fstab line for this entry (fields encoded, single spaces, no terminator).</summary>
        public string ToLine() => string.Join(" ", new[]
        {
            NfsParseText.EncodeOctal(Spec), NfsParseText.EncodeOctal(MountPoint), FsType, Options,
            Dump.ToString(CultureInfo.InvariantCulture), Pass.ToString(CultureInfo.InvariantCulture),
        });

        /// <summary>True when every field but <see cref="LineNumber"/> is the same (the mount point compared normalised).</summary>
        public bool SameAs(FstabEntry other) =>
            other != null && Spec == other.Spec && FsType == other.FsType && Options == other.Options && Dump == other.Dump && Pass == other.Pass
            && FstabDocument.NormalizeMountPoint(MountPoint) == FstabDocument.NormalizeMountPoint(other.MountPoint);

        /// <summary>What is wrong with this entry for writing, empty when it can be written.</summary>
        public IReadOnlyList<string> Validate()
        {
            var problems = new List<string>();
            CheckDecoded("spec", Spec, problems);
            int beforeMountPoint = problems.Count;
            CheckDecoded("mount point", MountPoint, problems);
            if (Spec.StartsWith("#", StringComparison.Ordinal)) problems.Add("The spec may not start with '#' (the line would be a comment).");
            if (MountPoint.Length > 0 && !AbsolutePath.IsAbsolute(MountPoint) && MountPoint != "none" && MountPoint != "swap")
                problems.Add($"The mount point '{MountPoint}' is not an absolute path.");
            else if (problems.Count == beforeMountPoint && AbsolutePath.IsAbsolute(MountPoint) && AbsolutePath.Problem(MountPoint, "The mount point") is { } common)
                problems.Add(common);
            string? type = FstabDocument.CheckRawField("type", FsType);
            if (type != null) problems.Add(type);
            string? options = FstabDocument.CheckRawField("options", Options);
            if (options != null) problems.Add(options);
            if (Dump < 0 || Pass < 0) problems.Add("Dump and pass may not be negative.");
            return problems;
        }

        private static void CheckDecoded(string name, string value, List<string> problems)
        {
            if (value.Length == 0) problems.Add($"The {name} is empty.");
            foreach (char c in value)
            {
                if (c == '\n' || c == '\r' || (char.IsControl(c) && c != '\t'))
                {
                    problems.Add($"The {name} contains a line break or control character.");
                    return;
                }
            }
        }

        /// <inheritdoc />
        public override string ToString() => ToLine();
    }
}
