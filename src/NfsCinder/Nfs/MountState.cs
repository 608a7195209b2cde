using System;
using System.Collections.Generic;
using System.Linq;
using NfsCinder.Execution;

namespace NfsCinder.Nfs
{
    /// <summary>One read of a client's NFS mounts, their df answers and its fstab (one round trip).</summary>
    internal sealed class MountState
    {
        private MountState(IReadOnlyList<MountTableEntry> mounts, IReadOnlyDictionary<string, DfRow?> usage, string fstabText)
        {
            Mounts = mounts;
            Usage = usage;
            FstabText = fstabText;
            Fstab = FstabDocument.Parse(fstabText);
        }

        public IReadOnlyList<MountTableEntry> Mounts { get; }

        /// <summary>Per mount point: the df row, or null when df did not answer in time.</summary>
        public IReadOnlyDictionary<string, DfRow?> Usage { get; }

        public string FstabText { get; }

        public FstabDocument Fstab { get; }

        public static CommandSpec Query(TimeSpan responseTimeout) =>
            RemoteScripts.Spec("read-nfs-mounts", ((int)Math.Ceiling(responseTimeout.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture))
                .WithTimeout(responseTimeout + TimeSpan.FromSeconds(20))
                .For("Reading NFS mounts");

        public static MountState Parse(string output)
        {
            var sections = SectionedOutput.Parse(output);
            var mounts = MountTable.ParseProcMounts(sections.Text("mounts") ?? "");
            var usage = new Dictionary<string, DfRow?>(StringComparer.Ordinal);
            foreach (string line in sections.Lines("df"))
            {
                string[] parts = line.Split('\t');
                if (parts.Length >= 2 && parts[0] == "noresponse") usage[parts[1]] = null;
                else if (parts.Length >= 3 && parts[0] == "ok")
                    usage[parts[1]] = DfOutput.Parse("Filesystem 1-blocks Used Available Capacity Mounted on\n" + parts[2]).FirstOrDefault();
            }
            var fstabLines = sections.Lines("fstab");
            string fstab = fstabLines.Count == 0 ? "" : string.Join("\n", fstabLines) + "\n";
            return new MountState(mounts, usage, fstab);
        }

        public MountTableEntry? At(string mountPath) => Mounts.LastOrDefault(m => m.MountPoint == mountPath);

        public bool IsResponding(MountTableEntry entry) => Usage.TryGetValue(entry.MountPoint, out var row) && row is not null;

        public DfRow? UsageOf(MountTableEntry entry) => Usage.TryGetValue(entry.MountPoint, out var row) ? row : null;
    }
}
