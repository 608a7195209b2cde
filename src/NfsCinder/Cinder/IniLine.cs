namespace NfsCinder.Cinder
{
    /// <summary>
    /// One physical line: its text without the line ending, and the ending itself
    /// (<c>"\n"</c>, <c>"\r\n"</c>, or <c>""</c> for a last line without a newline).
    /// <see cref="Kind"/> is recomputed by <see cref="IniIndex"/> after every edit,
    /// because a line's meaning depends on the lines above it.
    /// </summary>
    internal sealed class IniLine
    {
        public IniLine(string text, string ending)
        {
            Text = text;
            Ending = ending;
        }

        public string Text { get; set; }

        public string Ending { get; set; }

        public IniLineKind Kind { get; set; }

        public override string ToString() => Text;
    }
}
