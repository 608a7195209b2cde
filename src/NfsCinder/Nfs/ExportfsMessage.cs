using System;

namespace NfsCinder.Nfs
{
    /// <summary>One warning or error exportfs wrote to stderr.</summary>
    internal sealed class ExportfsMessage
    {
        /// <summary>Creates a message.</summary>
        public ExportfsMessage(string? file, int? line, string message, ExportTarget? export)
        {
            File = file;
            Line = line;
            Message = message ?? throw new ArgumentNullException(nameof(message));
            Export = export;
        }

        /// <summary>The exports file named in the message (<c>/etc/exports</c>, <c>/etc/exports.d/x.exports</c>), or null.</summary>
        public string? File { get; }

        /// <summary>The line number in <see cref="File"/>, or null.</summary>
        public int? Line { get; }

        /// <summary>The text after the file and line; continuation lines are joined with single spaces.</summary>
        public string Message { get; }

        /// <summary>The <c>client:/path</c> the message quotes (<c>for export "c:/p"</c>), or null.</summary>
        public ExportTarget? Export { get; }

        /// <inheritdoc />
        public override string ToString() =>
            File is null ? Message : Line is null ? $"{File}: {Message}" : $"{File}:{Line}: {Message}";
    }
}
