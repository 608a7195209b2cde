namespace NfsCinder.Nfs
{
    /// <summary>How a client of an exports line came to be.</summary>
    internal enum ExportClientOrigin
    {
        /// <summary>Written as <c>host</c> or <c>host(options)</c>.</summary>
        Explicit,

        /// <summary>
        /// A <c>(options)</c> word without host, typically from <c>host (rw)</c> with a stray blank:
        /// nfs-utils applies the options to every host (<c>*</c>).
        /// </summary>
        OptionsWithoutHost,

        /// <summary>
        /// No client word at all (a path alone, or a <c>-options</c> word at the end of the line):
        /// nfs-utils exports to every host with the defaults.
        /// </summary>
        Implicit,
    }
}
