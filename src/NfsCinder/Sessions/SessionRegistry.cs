using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace NfsCinder.Sessions
{
    /// <summary>The sessions open in this PowerShell process (shared by all runspaces).</summary>
    internal static class SessionRegistry
    {
        private static readonly object Gate = new object();
        private static readonly List<NfsCinderSession> Sessions = new List<NfsCinderSession>();
        private static int _lastId;

        public static int NextId() => Interlocked.Increment(ref _lastId);

        public static void Add(NfsCinderSession session)
        {
            lock (Gate) Sessions.Add(session);
        }

        public static IReadOnlyList<NfsCinderSession> All()
        {
            lock (Gate) return Sessions.ToList();
        }

        public static bool Remove(NfsCinderSession session)
        {
            lock (Gate) return Sessions.Remove(session);
        }

        /// <summary>Closes every session; runs when the module is removed.</summary>
        public static void CloseAll()
        {
            List<NfsCinderSession> all;
            lock (Gate)
            {
                all = Sessions.ToList();
                Sessions.Clear();
            }
            foreach (var session in all) session.Dispose();
        }
    }
}
