using System.Collections.Generic;

namespace NfsCinder.Cinder
{
    /// <summary>One assignment: the key line and its continuation lines.</summary>
    internal sealed class IniEntry
    {
        private readonly List<string> _parts = new List<string>();

        public IniEntry(string section, string key, int firstLine, int valueStart, string firstValue)
        {
            Section = section;
            Key = key;
            FirstLine = firstLine;
            LastLine = firstLine;
            ValueStart = valueStart;
            _parts.Add(firstValue);
        }

        public string Section { get; }

        /// <summary>The key as written in the file.</summary>
        public string Key { get; }

        public int FirstLine { get; }

        /// <summary>The last continuation line, or <see cref="FirstLine"/>: inclusive.</summary>
        public int LastLine { get; private set; }

        /// <summary>Index in the key line's text where the raw value starts (after the separator and its spaces).</summary>
        public int ValueStart { get; }

        /// <summary>The value as oslo.config sees it: continuation lines joined with <c>"\n"</c>.</summary>
        public string Value => string.Join("\n", _parts);

        public void AddContinuation(int line, string part)
        {
            LastLine = line;
            _parts.Add(part);
        }
    }
}
