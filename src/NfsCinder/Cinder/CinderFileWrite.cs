using System.Text;
using NfsCinder.Files;

namespace NfsCinder.Cinder
{
    /// <summary>One file a Cinder backend change writes, and what the user is asked before it is (ShouldProcess).</summary>
    internal sealed class CinderFileWrite
    {
        private CinderFileWrite(string path, string action, FileWriteRequest request, bool isConfig, bool isNew)
        {
            Path = path;
            Action = action;
            Request = request;
            IsConfig = isConfig;
            IsNew = isNew;
        }

        /// <summary>The file on the host.</summary>
        public string Path { get; }

        /// <summary>What the write does, in the words of the ShouldProcess prompt.</summary>
        public string Action { get; }

        public FileWriteRequest Request { get; }

        /// <summary>True for cinder.conf, false for a shares file.</summary>
        public bool IsConfig { get; }

        /// <summary>True when the file does not exist yet.</summary>
        public bool IsNew { get; }

        /// <summary>A shares file as the module writes it: root:cinder 0640, which Cinder's secure file operations expect.</summary>
        public static CinderFileWrite Shares(string path, string text, string action, bool isNew) =>
            new CinderFileWrite(path, action, NewRequest(path, text, "root", "cinder", "0640"), isConfig: false, isNew);

        /// <summary>cinder.conf, with the owner, group and mode it has (the write keeps them).</summary>
        public static CinderFileWrite Config(string path, string text, string action) =>
            new CinderFileWrite(path, action, NewRequest(path, text), isConfig: true, isNew: false);

        private static FileWriteRequest NewRequest(string path, string text, string? owner = null, string? group = null, string? mode = null) =>
            new FileWriteRequest(path, Encoding.UTF8.GetBytes(text)).WithOwner(owner, group).WithMode(mode);
    }
}
