using System;
using System.Collections.Generic;
using System.Linq;

namespace NfsCinder.Cinder
{
    /// <summary>
    /// A Cinder shares file kept as its lines, so edits touch only the lines of the shares they
    /// change: comments, blank lines, order and the other shares stay as written. Reading follows
    /// Cinder (<see cref="CinderNfsShare.FromLine"/>); a share listed twice counts once, as in
    /// Cinder's dictionary, with the options of its last line.
    /// </summary>
    internal sealed class CinderSharesFile
    {
        internal const string Header = "# Written by NfsCinder: one NFS share per line, server:/path [-o options]";

        private readonly List<string> _lines;
        private readonly bool _finalNewline;

        private CinderSharesFile(List<string> lines, bool finalNewline)
        {
            _lines = lines;
            _finalNewline = finalNewline;
        }

        /// <summary>Reads a shares file; null (absent) is an empty one.</summary>
        public static CinderSharesFile Parse(string? text)
        {
            if (string.IsNullOrEmpty(text)) return new CinderSharesFile(new List<string>(), true);
            var lines = text!.Replace("\r\n", "\n").Split('\n').ToList();
            bool final = lines[lines.Count - 1].Length == 0;
            if (final) lines.RemoveAt(lines.Count - 1);
            return new CinderSharesFile(lines, final);
        }

        /// <summary>The shares Cinder reads, in order of first appearance.</summary>
        public IReadOnlyList<CinderNfsShare> Shares
        {
            get
            {
                var byShare = new Dictionary<string, CinderNfsShare>(StringComparer.Ordinal);
                var order = new List<string>();
                foreach (string line in _lines)
                {
                    if (CinderNfsShare.FromLine(line, out string? problem) is not { } share || problem is not null) continue;
                    if (!byShare.ContainsKey(share.Share)) order.Add(share.Share);
                    byShare[share.Share] = share;
                }
                return order.Select(s => byShare[s]).ToList();
            }
        }

        /// <summary>Lines Cinder ignores or reads other than it looks, each with the reason.</summary>
        public IReadOnlyList<string> Problems =>
            _lines.Select(l => { CinderNfsShare.FromLine(l, out string? problem); return problem; }).Where(p => p is not null).Select(p => p!).ToList();

        /// <summary>True when the file lists this share (with any options).</summary>
        public bool Contains(string share) => Shares.Any(s => s.Share == share);

        /// <summary>Adds the share, or gives its line these options; false when it is already so.</summary>
        public bool Add(CinderNfsShare share)
        {
            var current = Shares.FirstOrDefault(s => s.Share == share.Share);
            if (current is not null && current.Equals(share)) return false;
            if (current is not null)
            {
                int last = LineIndexes(share.Share).Last();
                _lines[last] = share.ToString();
                foreach (int i in LineIndexes(share.Share).Where(i => i != last).Reverse().ToList()) _lines.RemoveAt(i);
                return true;
            }
            if (_lines.Count == 0) _lines.Add(Header);
            _lines.Add(share.ToString());
            return true;
        }

        /// <summary>Removes every line of the share; false when it is not listed.</summary>
        public bool Remove(string share)
        {
            var indexes = LineIndexes(share).ToList();
            foreach (int i in indexes.AsEnumerable().Reverse()) _lines.RemoveAt(i);
            return indexes.Count > 0;
        }

        /// <summary>Makes the file list exactly these shares: others removed, these updated in place or appended.</summary>
        public bool ReplaceAll(IReadOnlyList<CinderNfsShare> shares)
        {
            bool changed = false;
            foreach (var old in Shares.Where(s => !shares.Any(n => n.Share == s.Share)).ToList()) changed |= Remove(old.Share);
            foreach (var share in shares) changed |= Add(share);
            return changed;
        }

        /// <summary>The text, with the line ends normalised to LF.</summary>
        public string Render() => _lines.Count == 0 ? "" : string.Join("\n", _lines) + (_finalNewline ? "\n" : "");

        private IEnumerable<int> LineIndexes(string share)
        {
            for (int i = 0; i < _lines.Count; i++)
            {
                if (CinderNfsShare.FromLine(_lines[i], out _) is { } s && s.Share == share) yield return i;
            }
        }
    }
}
