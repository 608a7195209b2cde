using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using NfsCinder.Execution;
using NfsCinder.Sessions;

namespace NfsCinder.Completion
{
    /// <summary>
    /// Completion from what is on the host the command line names: the -Session already typed
    /// (or this Linux machine). One bounded read per Tab; a host that does not answer in time
    /// completes nothing instead of freezing the prompt.
    /// </summary>
    public abstract class HostValueCompleter : IArgumentCompleter
    {
        private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string typed = (wordToComplete ?? "").Trim('\'', '"');
            IEnumerable<string> values;
            try
            {
                using var cancel = new CancellationTokenSource(Budget);
                values = SessionsOf(fakeBoundParameters).SelectMany(s => Values(s, new RunContext(null, cancel.Token))).Distinct().ToList();
            }
            catch (Exception ex) when (ex is NfsCinderException || ex is OperationCanceledException || ex is InvalidOperationException)
            {
                values = Array.Empty<string>();
            }
            return values.Where(v => v.StartsWith(typed, StringComparison.OrdinalIgnoreCase)).OrderBy(v => v, StringComparer.Ordinal)
                .Select(v => new CompletionResult(Quote(v), v, CompletionResultType.ParameterValue, v));
        }

        internal abstract IEnumerable<string> Values(NfsCinderSession session, RunContext context);

        internal static IEnumerable<NfsCinderSession> SessionsOf(IDictionary bound)
        {
            object? given = bound is not null && bound.Contains("Session") ? bound["Session"] : null;
            var sessions = Flatten(given).ToList();
            if (sessions.Count > 0) return sessions;
            return LocalSession.IfLinux();
        }

        private static IEnumerable<NfsCinderSession> Flatten(object? value)
        {
            switch (value is PSObject ps ? ps.BaseObject : value)
            {
                case null: yield break;
                case NfsCinderSession session: yield return session; break;
                case string name:
                    foreach (var s in SessionRegistry.All().Where(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))) yield return s;
                    break;
                case IEnumerable many:
                    foreach (object? item in many) foreach (var s in Flatten(item)) yield return s;
                    break;
            }
        }

        private static string Quote(string value) => value.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', '(', ')', ';', ',' }) >= 0 ? "'" + value.Replace("'", "''") + "'" : value;
    }
}
