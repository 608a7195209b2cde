using System;

namespace NfsCinder.Cinder
{
    /// <summary>
    /// A change the host's cinder.conf cannot take as asked (another backend's shares file, a
    /// combination Cinder refuses): found before anything is written, turned into the host's
    /// error record by the cmdlet.
    /// </summary>
    internal sealed class CinderConfigConflict : Exception
    {
        internal CinderConfigConflict(string errorId, string problem, string remedy) : base(problem)
        {
            ErrorId = errorId;
            Remedy = remedy;
        }

        /// <summary>Stable error id.</summary>
        public string ErrorId { get; }

        /// <summary>What to do instead.</summary>
        public string Remedy { get; }
    }
}
