namespace NfsCinder.Cinder
{
    /// <summary>What one physical line of an oslo.config file is, in the context of the lines above it.</summary>
    internal enum IniLineKind
    {
        /// <summary>Empty or whitespace only. Ends a multi-line value.</summary>
        Blank,

        /// <summary>Starts with <c>#</c> or <c>;</c> in the first column.</summary>
        Comment,

        /// <summary><c>[name]</c>.</summary>
        Section,

        /// <summary><c>key = value</c>, <c>key=value</c> or <c>key: value</c> inside a section.</summary>
        Key,

        /// <summary>Starts with a space or tab right after a key line (or another continuation): more value.</summary>
        Continuation,

        /// <summary>A line oslo.config refuses (see <see cref="IniDocument.Problems"/>); kept verbatim.</summary>
        Invalid,
    }
}
