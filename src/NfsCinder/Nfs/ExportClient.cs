using System;
using System.Collections.Generic;

namespace NfsCinder.Nfs
{
    /// <summary>One client of a parsed exports line, as nfs-utils would export it.</summary>
    internal sealed class ExportClient
    {
        internal ExportClient(string host, IReadOnlyList<string> options, bool hasOptionList,
            IReadOnlyList<string> defaultOptions, ExportClientOrigin origin, ExportsToken? token)
        {
            Host = host;
            Options = options;
            HasOptionList = hasOptionList;
            DefaultOptions = defaultOptions;
            EffectiveOptions = ExportOptionCatalog.Merge(defaultOptions, options);
            Origin = origin;
            Token = token;
        }

        /// <summary>The host as written; <c>*</c> for <see cref="ExportClientOrigin.OptionsWithoutHost"/> and <see cref="ExportClientOrigin.Implicit"/>.</summary>
        public string Host { get; }

        /// <summary>The client's own options, as written inside its parentheses.</summary>
        public IReadOnlyList<string> Options { get; }

        /// <summary>Whether the client had a parenthesised list (possibly empty).</summary>
        public bool HasOptionList { get; }

        /// <summary>The line's <c>-options</c> in force at this client.</summary>
        public IReadOnlyList<string> DefaultOptions { get; }

        /// <summary><see cref="DefaultOptions"/> overridden by <see cref="Options"/>.</summary>
        public IReadOnlyList<string> EffectiveOptions { get; }

        /// <summary>How the client arose.</summary>
        public ExportClientOrigin Origin { get; }

        /// <summary>The word it was read from; null for <see cref="ExportClientOrigin.Implicit"/>.</summary>
        internal ExportsToken? Token { get; }

        /// <summary>The client as a validated spec, or null when its host or options are not valid.</summary>
        public ExportClientSpec? ToSpec()
        {
            try
            {
                return new ExportClientSpec(Host, Options);
            }
            catch (ArgumentException)
            {
                return null;
            }
        }

        /// <inheritdoc/>
        public override string ToString() => Options.Count == 0 ? Host : Host + "(" + string.Join(",", Options) + ")";
    }
}
