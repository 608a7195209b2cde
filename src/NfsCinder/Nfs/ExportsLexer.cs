using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace NfsCinder.Nfs
{
    /// <summary>
    /// Splits exports text into logical lines and words exactly as nfs-utils' xio.c reads it:
    /// backslash-newline becomes one blank (and swallows the next line's leading blanks); <c>#</c>
    /// starts a comment only where a word would start; double quotes toggle quoting anywhere in a
    /// word and are dropped; <c>\ooo</c> (three octal digits, value below 256) is one byte.
    /// Deviations, reported as warnings: backslash-CRLF is taken as a continuation, and a quote left
    /// open at the end of a line is closed there (nfs-utils would carry on into the next line).
    /// </summary>
    internal static class ExportsLexer
    {
        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, true);

        /// <summary>All logical lines of <paramref name="text"/>, covering it without gaps.</summary>
        public static List<ExportsLogicalLine> Split(string text)
        {
            var lines = new List<ExportsLogicalLine>();
            int pos = 0, lineNumber = 1;
            while (pos < text.Length)
            {
                ExportsLogicalLine line = ReadLine(text, ref pos, lineNumber);
                lineNumber += line.LineCount;
                lines.Add(line);
            }
            return lines;
        }

        private static bool IsBlank(char c) => c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';

        private static ExportsLogicalLine ReadLine(string text, ref int pos, int lineNumber)
        {
            var line = new ExportsLogicalLine(pos, lineNumber);
            var word = new List<byte>();
            bool inWord = false, quoted = false, wasQuoted = false, strayReported = false;
            int wordStart = 0;

            void Finish(int end)
            {
                inWord = false;
                if (quoted)
                {
                    line.Errors.Add("a double quote is not closed before the end of the line; nfs-utils would read on into the next line. Close the quote.");
                    quoted = false;
                }
                if (word.Count == 0)
                {
                    line.Errors.Add("an empty \"\" word: nfs-utils takes it as the end of the entry. Remove it.");
                    return;
                }
                string value;
                try
                {
                    value = StrictUtf8.GetString(word.ToArray());
                }
                catch (DecoderFallbackException)
                {
                    value = Encoding.UTF8.GetString(word.ToArray());
                    line.Warnings.Add("octal escapes in '" + value + "' do not form valid UTF-8; the word was read with replacement characters.");
                }
                line.Tokens.Add(new ExportsToken(value, wordStart, end, wasQuoted));
            }

            while (true)
            {
                if (pos >= text.Length)
                {
                    if (inWord) Finish(pos);
                    line.End = text.Length;
                    line.Terminator = "";
                    return line;
                }

                char c = text[pos];
                if (c == '\\' && pos + 1 < text.Length &&
                    (text[pos + 1] == '\n' || (text[pos + 1] == '\r' && pos + 2 < text.Length && text[pos + 2] == '\n')))
                {
                    bool crlf = text[pos + 1] == '\r';
                    if (crlf)
                    {
                        line.Warnings.Add("a backslash before a CRLF line break: nfs-utils only continues lines on backslash-LF, so it would split this entry. Convert the file to LF line endings.");
                    }
                    int backslash = pos;
                    pos += crlf ? 3 : 2;
                    line.LineCount++;
                    while (pos < text.Length && (text[pos] == ' ' || text[pos] == '\t')) pos++;
                    if (inWord)
                    {
                        if (quoted) AppendByte(word, (byte)' ');
                        else Finish(backslash);
                    }
                    continue;
                }

                if (c == '\n')
                {
                    if (inWord) Finish(pos > wordStart && text[pos - 1] == '\r' ? pos - 1 : pos);
                    int end = pos > line.Start && text[pos - 1] == '\r' ? pos - 1 : pos;
                    line.End = end;
                    line.Terminator = text.Substring(end, pos + 1 - end);
                    pos++;
                    return line;
                }

                if (!inWord)
                {
                    if (IsBlank(c))
                    {
                        bool lineEnd = c == '\r' && pos + 1 < text.Length && text[pos + 1] == '\n';
                        if (c != ' ' && c != '\t' && !lineEnd && !strayReported)
                        {
                            strayReported = true;
                            line.Warnings.Add("a stray control character (U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) +
                                ") in the line: nfs-utils may end the entry there. Remove it.");
                        }
                        pos++;
                        continue;
                    }
                    if (c == '#')
                    {
                        int newline = text.IndexOf('\n', pos);
                        int end = newline < 0 ? text.Length : newline;
                        if (end > pos && text[end - 1] == '\r') end--;
                        line.Comment = text.Substring(pos, end - pos);
                        pos = end;
                        continue;
                    }
                    inWord = true;
                    wasQuoted = false;
                    wordStart = pos;
                    word.Clear();
                }

                if (c == '"')
                {
                    quoted = !quoted;
                    wasQuoted = true;
                    pos++;
                    continue;
                }
                if (!quoted && IsBlank(c))
                {
                    Finish(pos);
                    continue;
                }

                int length = char.IsHighSurrogate(c) && pos + 1 < text.Length && char.IsLowSurrogate(text[pos + 1]) ? 2 : 1;
                byte[] bytes = Encoding.UTF8.GetBytes(text.Substring(pos, length));
                foreach (byte b in bytes) AppendByte(word, b);
                pos += length;
            }
        }

        private static bool IsOctal(byte b) => b >= (byte)'0' && b <= (byte)'7';

        // xgettok: after each byte, a trailing \ooo worth less than 256 becomes that byte.
        private static void AppendByte(List<byte> word, byte b)
        {
            word.Add(b);
            int n = word.Count;
            if (n >= 4 && word[n - 4] == (byte)'\\' && IsOctal(word[n - 3]) && IsOctal(word[n - 2]) && IsOctal(word[n - 1]))
            {
                int value = (word[n - 3] - '0') * 64 + (word[n - 2] - '0') * 8 + (word[n - 1] - '0');
                if (value < 256)
                {
                    word.RemoveRange(n - 4, 4);
                    word.Add((byte)value);
                }
            }
        }
    }
}
