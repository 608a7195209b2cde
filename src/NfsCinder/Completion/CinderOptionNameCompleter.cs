using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using NfsCinder.Cinder;

namespace NfsCinder.Completion
{
    /// <summary>Completes the NFS driver option names -Unset takes (the options, and the obsolete keys).</summary>
    public sealed class CinderOptionNameCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CinderNfsOptions.UnsettableKeys
                .Where(k => k.StartsWith((wordToComplete ?? "").Trim('\'', '"'), StringComparison.OrdinalIgnoreCase))
                .OrderBy(k => k, StringComparer.Ordinal)
                .Select(k => new CompletionResult(k, k, CompletionResultType.ParameterValue,
                    CinderNfsOptions.Find(k)?.Summary ?? CinderNfsOptions.Obsolete[k]));
    }
}
