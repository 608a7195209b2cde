using System;
using System.Linq;

namespace NfsCinder.Files
{
    /// <summary>A file as read from a host: its bytes and its owner, group and octal mode.</summary>
    internal sealed class RemoteFileContent
    {
        public RemoteFileContent(string path, byte[] content, string owner, string group, string mode, string? unreadable = null)
        {
            Path = path;
            Content = content;
            Owner = owner;
            Group = group;
            Mode = mode;
            Unreadable = unreadable;
        }

        /// <summary>Why the file exists but could not be read (a directory, no permission), or null when it was read.</summary>
        public string? Unreadable { get; }

        public string Path { get; }

        public byte[] Content { get; }

        public string Text => System.Text.Encoding.UTF8.GetString(Content);

        public string Owner { get; }

        public string Group { get; }

        /// <summary>Octal, as stat prints it (640, not 0640).</summary>
        public string Mode { get; }

        /// <summary>True when the write would change nothing: same bytes, and the owner, group and mode it asks for.</summary>
        public bool Matches(FileWriteRequest request) =>
            Content.SequenceEqual(request.Content)
            && (request.Owner is null || request.Owner == Owner) && (request.Group is null || request.Group == Group)
            && (request.Mode is null || request.Mode.TrimStart('0') == Mode.TrimStart('0'));
    }
}
