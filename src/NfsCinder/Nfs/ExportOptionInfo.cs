namespace NfsCinder.Nfs
{
    /// <summary>What nfs-utils knows about one export option keyword.</summary>
    internal sealed class ExportOptionInfo
    {
        internal ExportOptionInfo(string name, string group, string state, ExportOptionValue value, bool perFlavor, string meaning)
        {
            Name = name;
            Group = group;
            State = state;
            Value = value;
            PerFlavor = perFlavor;
            Meaning = meaning;
        }

        /// <summary>The keyword, without <c>=</c>.</summary>
        public string Name { get; }

        /// <summary>
        /// Options of one group set the same export property, so the last one wins
        /// (<c>ro</c>/<c>rw</c>, <c>sync</c>/<c>async</c>, <c>fsid=</c>...).
        /// </summary>
        public string Group { get; }

        /// <summary>The value this keyword gives the group's property; synonyms share it.</summary>
        public string State { get; }

        /// <summary>Whether the keyword takes <c>=value</c>.</summary>
        public ExportOptionValue Value { get; }

        /// <summary>
        /// Flags that nfs-utils keeps per security flavour (<c>ro rw secure insecure root_squash
        /// no_root_squash all_squash no_all_squash</c>): after a <c>sec=</c> they apply to those flavours only.
        /// </summary>
        public bool PerFlavor { get; }

        /// <summary>Short human description, used in messages.</summary>
        public string Meaning { get; }
    }
}
