using System;
using System.Collections.Generic;
using System.Globalization;

namespace NfsCinder.Nfs
{
    /// <summary>One NFS mount (<c>nfs</c> or <c>nfs4</c>) from the kernel's mount table.</summary>
    internal sealed class MountTableEntry
    {
        private readonly Dictionary<string, string> _values = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>Creates an entry; <paramref name="source"/> and <paramref name="mountPoint"/> are already decoded.</summary>
        public MountTableEntry(string source, string mountPoint, string fsType, IReadOnlyList<string> options)
        {
            Source = source ?? throw new ArgumentNullException(nameof(source));
            MountPoint = mountPoint ?? throw new ArgumentNullException(nameof(mountPoint));
            FsType = fsType ?? throw new ArgumentNullException(nameof(fsType));
            Options = options ?? throw new ArgumentNullException(nameof(options));
            NfsShareAddress.Split(source, out string server, out string exportPath);
            Server = server;
            ExportPath = exportPath;
            foreach (string option in options)
            {
                int eq = option.IndexOf('=');
                string name = eq < 0 ? option : option.Substring(0, eq);
                _values[name] = eq < 0 ? string.Empty : option.Substring(eq + 1);
                if (name == "soft" || name == "softerr") IsSoft = true;
                else if (name == "hard") IsSoft = false;
            }
        }

        /// <summary>The source as mounted: <c>server:/path</c> or <c>[v6addr]:/path</c>.</summary>
        public string Source { get; }

        /// <summary>The server part of <see cref="Source"/>, without IPv6 brackets; empty when there is no <c>:</c>.</summary>
        public string Server { get; }

        /// <summary>The path on the server (<c>/</c> for an NFSv4 pseudo-root mount).</summary>
        public string ExportPath { get; }

        /// <summary>The local directory, octal escapes decoded (<c>\040</c> is a space).</summary>
        public string MountPoint { get; }

        /// <summary><c>nfs</c> or <c>nfs4</c>.</summary>
        public string FsType { get; }

        /// <summary>The mount options in kernel order.</summary>
        public IReadOnlyList<string> Options { get; }

        /// <summary>The NFS version (<c>vers=</c> or <c>nfsvers=</c>); <c>4</c> for an nfs4 mount that names none; else null.</summary>
        public string? Version => GetOption("vers") ?? GetOption("nfsvers") ?? (FsType == "nfs4" ? "4" : null);

        /// <summary>True for <c>soft</c> / <c>softerr</c>; false for <c>hard</c>, which is also the default. The last one given wins.</summary>
        public bool IsSoft { get; }

        /// <summary>The <c>timeo=</c> value (tenths of a second), or null.</summary>
        public int? Timeo => IntOption("timeo");

        /// <summary>The <c>retrans=</c> value, or null.</summary>
        public int? Retrans => IntOption("retrans");

        /// <summary>The <c>proto=</c> value (<c>tcp</c>, <c>udp</c>, <c>rdma</c>, <c>tcp6</c> ...), or null.</summary>
        public string? Proto => GetOption("proto");

        /// <summary>The server address the kernel uses (<c>addr=</c>), or null.</summary>
        public string? Address => GetOption("addr");

        /// <summary>True when the option is present, with or without a value.</summary>
        public bool HasOption(string name) => _values.ContainsKey(name);

        /// <summary>The option's value: empty for a flag, null when absent. A repeated option gives its last value.</summary>
        public string? GetOption(string name) => _values.TryGetValue(name, out string? v) ? v : null;

        private int? IntOption(string name) =>
            int.TryParse(GetOption(name), NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : (int?)null;

        /// <inheritdoc />
        public override string ToString() => $"{Source} on {MountPoint} type {FsType} ({string.Join(",", Options)})";
    }
}
