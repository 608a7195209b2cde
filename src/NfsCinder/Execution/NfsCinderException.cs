using System;

namespace NfsCinder.Execution
{
    /// <summary>
    /// A failure with a stable ErrorId, a precise category, the host it happened on and
    /// a message that ends with what to do about it.
    /// </summary>
    public sealed class NfsCinderException : Exception
    {
        internal NfsCinderException(string errorId, FailureCategory category, string computerName, string message, string remedy, Exception? inner = null)
            : base(Compose(computerName, message, remedy), inner)
        {
            ErrorId = errorId;
            Category = category;
            ComputerName = computerName;
            Remedy = remedy;
            Problem = string.IsNullOrEmpty(computerName) ? message : $"[{computerName}] {message}";
        }

        /// <summary>What failed and where, without the remedy (the error view shows the remedy on its own line).</summary>
        internal string Problem { get; }

        /// <summary>Stable identifier for scripts to match on (FullyQualifiedErrorId starts with it).</summary>
        public string ErrorId { get; }

        internal FailureCategory Category { get; }

        /// <summary>The host the failure happened on.</summary>
        public string ComputerName { get; }

        /// <summary>What the user can do about it.</summary>
        public string Remedy { get; }

        private static string Compose(string computerName, string message, string remedy)
        {
            string text = string.IsNullOrEmpty(computerName) ? message : $"[{computerName}] {message}";
            return string.IsNullOrEmpty(remedy) ? text : $"{text} {remedy}";
        }
    }
}
