namespace NfsCinder.Nfs
{
    /// <summary>Whether an option keyword takes a value.</summary>
    internal enum ExportOptionValue
    {
        /// <summary>A bare keyword (<c>rw</c>).</summary>
        None,

        /// <summary>Always <c>keyword=value</c> (<c>fsid=0</c>).</summary>
        Required,

        /// <summary>Either form (<c>mountpoint</c>, <c>mountpoint=/path</c>).</summary>
        Optional,
    }
}
