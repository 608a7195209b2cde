using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Text;
using System.Threading;
using NfsCinder.Cinder;
using NfsCinder.Commands;
using NfsCinder.Execution;
using NfsCinder.Files;
using NfsCinder.Nfs;
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
            return HostCmdletBase.LocalIfLinux();
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

    /// <summary>Completes names of the open sessions.</summary>
    public sealed class SessionNameCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            SessionRegistry.All().Select(s => s.Name).Distinct()
                .Where(n => n.StartsWith((wordToComplete ?? "").Trim('\'', '"'), StringComparison.OrdinalIgnoreCase))
                .OrderBy(n => n, StringComparer.Ordinal)
                .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, n));
    }

    /// <summary>Completes the NFS backend names configured in the host's cinder.conf.</summary>
    public sealed class CinderBackendNameCompleter : HostValueCompleter
    {
        internal override IEnumerable<string> Values(NfsCinderSession session, RunContext context)
        {
            byte[]? bytes = RemoteFile.Read(spec => session.Run(spec, context), CinderPaths.ConfigFile);
            if (bytes is null) return Array.Empty<string>();
            var config = new CinderConfiguration(IniDocument.Parse(Encoding.UTF8.GetString(bytes)));
            return config.NfsBackends.Select(b => b.Name).ToList();
        }
    }

    /// <summary>Completes the export paths in the host's /etc/exports and /etc/exports.d, and the live ones.</summary>
    public sealed class ExportPathCompleter : HostValueCompleter
    {
        internal override IEnumerable<string> Values(NfsCinderSession session, RunContext context)
        {
            var state = ExportsState.Read(session, context);
            return state.Files.Values.SelectMany(d => d.Exports.Select(e => e.Path)).Concat(state.Live.Select(l => l.Path)).ToList();
        }
    }

    /// <summary>Completes the NFS mount points on the host.</summary>
    public sealed class NfsMountPathCompleter : HostValueCompleter
    {
        internal override IEnumerable<string> Values(NfsCinderSession session, RunContext context)
        {
            string mounts = session.Run(CommandSpec.Argv("cat", "/proc/self/mounts").WithTimeout(TimeSpan.FromSeconds(5)).For("Reading the mount table"), context).StandardOutput;
            return MountTable.ParseProcMounts(mounts).Where(m => m.FsType.StartsWith("nfs", StringComparison.Ordinal)).Select(m => m.MountPoint).ToList();
        }
    }
}
