using System;
using System.Collections.Generic;
using System.Linq;

namespace NfsCinder.Nfs
{
    /// <summary>Errors (exportfs would refuse, or this module refuses) and warnings (works, but risky or surprising).</summary>
    internal sealed class ExportValidationResult
    {
        internal ExportValidationResult(IEnumerable<string> errors, IEnumerable<string> warnings)
        {
            Errors = errors.Distinct().ToList().AsReadOnly();
            Warnings = warnings.Distinct().ToList().AsReadOnly();
        }

        /// <summary>A result without messages.</summary>
        public static ExportValidationResult Valid { get; } = new ExportValidationResult(Array.Empty<string>(), Array.Empty<string>());

        /// <summary>Problems that must be fixed; each says what to do.</summary>
        public IReadOnlyList<string> Errors { get; }

        /// <summary>Risky or surprising choices; each says what to do.</summary>
        public IReadOnlyList<string> Warnings { get; }

        /// <summary>True when there are no errors.</summary>
        public bool IsValid => Errors.Count == 0;

        /// <summary>All messages of several results.</summary>
        public static ExportValidationResult Combine(params ExportValidationResult[] results) =>
            new ExportValidationResult(results.SelectMany(r => r.Errors), results.SelectMany(r => r.Warnings));

        /// <summary>The same messages, each prefixed (e.g. with the client they concern).</summary>
        public ExportValidationResult Prefixed(string prefix) =>
            new ExportValidationResult(Errors.Select(e => prefix + e), Warnings.Select(w => prefix + w));

        /// <summary>Throws <see cref="ArgumentException"/> listing the errors, if any.</summary>
        public void ThrowIfInvalid(string paramName)
        {
            if (!IsValid) throw new ArgumentException(string.Join(" ", Errors), paramName);
        }
    }
}
