using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NfsCinder.Cinder
{
    /// <summary>One bounded check the volume host ran for Test-CinderNfsBackend (a section check:N of the probe).</summary>
    internal sealed class ProbeCheck
    {
        internal const int TimedOut = 124;
        internal const int Killed = 137;

        private ProbeCheck(string kind, string target, int exit, string output)
        {
            Kind = kind;
            Target = target;
            Exit = exit;
            Output = output;
        }

        /// <summary>rpc4, rpc3, showmount or write.</summary>
        public string Kind { get; }

        /// <summary>The server (rpc and showmount) or the mount point (write).</summary>
        public string Target { get; }

        public int Exit { get; }

        /// <summary>What the command printed (stdout and stderr).</summary>
        public string Output { get; }

        public bool Passed => Exit == 0;

        /// <summary>True when the check ran out of its time.</summary>
        public bool OutOfTime => Exit == TimedOut || Exit == Killed;

        /// <summary>
        /// A check's lines: "KIND&lt;TAB&gt;TARGET&lt;TAB&gt;EXIT", then its output. An rpc check
        /// (both NFS NULL calls in one job) comes back as rpc4 and rpc3, each with its own exit
        /// and message, or both out of time when the job was.
        /// </summary>
        internal static IEnumerable<ProbeCheck> Parse(IReadOnlyList<string> lines)
        {
            if (lines.Count == 0) yield break;
            string[] head = lines[0].Split('\t');
            if (head.Length != 3 || !int.TryParse(head[2], NumberStyles.None, CultureInfo.InvariantCulture, out int exit)) yield break;
            string output = string.Join("\n", lines.Skip(1)).Trim();
            if (head[0] != "rpc")
            {
                yield return new ProbeCheck(head[0], head[1], exit, output);
                yield break;
            }
            foreach (string version in new[] { "4", "3" })
            {
                string[]? call = lines.Skip(1).Select(l => l.Split(new[] { '\t' }, 3)).FirstOrDefault(f => f.Length == 3 && f[0] == version);
                yield return call is not null && int.TryParse(call[1], NumberStyles.None, CultureInfo.InvariantCulture, out int rc)
                    ? new ProbeCheck("rpc" + version, head[1], rc, call[2].Trim())
                    : new ProbeCheck("rpc" + version, head[1], exit == 0 ? 1 : exit, output);
            }
        }
    }
}
