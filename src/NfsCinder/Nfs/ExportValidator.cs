using System;
using System.Collections.Generic;
using System.Linq;

namespace NfsCinder.Nfs
{
    /// <summary>
    /// Checks export paths, client hosts and options against exports(5) and nfs-utils (exportfs)
    /// behaviour, and refuses characters that have no business in them (shell and quoting
    /// metacharacters, line breaks), so hostile input never reaches a rendered exports file.
    /// </summary>
    /// <remarks>
    /// Each part has its own validator: <see cref="ExportPathValidator"/>, <see cref="ExportClientValidator"/>
    /// (which hands addresses and networks to <see cref="ExportAddressValidator"/>) and
    /// <see cref="ExportOptionValidator"/>. This class checks what only the whole shows - a client that
    /// matches every host with rw or no_root_squash, a client given twice, an export without clients -
    /// and prefixes each message with the part it concerns. It also delegates the single-part checks,
    /// so callers have one entry point.
    /// </remarks>
    internal static class ExportValidator
    {
        /// <summary>Checks an export path; see <see cref="ExportPathValidator.ValidatePath"/>.</summary>
        public static ExportValidationResult ValidatePath(string path) => ExportPathValidator.ValidatePath(path);

        /// <summary>Checks a client host specification; see <see cref="ExportClientValidator.ValidateHost"/>.</summary>
        public static ExportValidationResult ValidateHost(string host) => ExportClientValidator.ValidateHost(host);

        /// <summary>True for host specs that match every client; see <see cref="ExportClientValidator.IsWorld"/>.</summary>
        public static bool IsWorld(string host) => ExportClientValidator.IsWorld(host);

        /// <summary>Strips brackets from a bracketed IPv6 address or network; see <see cref="ExportClientValidator.NormaliseHost"/>.</summary>
        public static string NormaliseHost(string host) => ExportClientValidator.NormaliseHost(host);

        /// <summary>Checks a client's complete option list; see <see cref="ExportOptionValidator.ValidateOptions"/>.</summary>
        public static ExportValidationResult ValidateOptions(IEnumerable<string> options) => ExportOptionValidator.ValidateOptions(options);

        /// <summary>Checks a partial option list; see <see cref="ExportOptionValidator.ValidateOptionSyntax"/>.</summary>
        public static ExportValidationResult ValidateOptionSyntax(IEnumerable<string> options) => ExportOptionValidator.ValidateOptionSyntax(options);

        /// <summary>
        /// Checks one client with the options it ends up with (line defaults merged): host, options, and
        /// combinations such as world-writable exports.
        /// </summary>
        public static ExportValidationResult ValidateClient(string host, IEnumerable<string> effectiveOptions)
        {
            List<string> options = effectiveOptions?.ToList() ?? new List<string>();
            ExportValidationResult hostResult = ExportClientValidator.ValidateHost(host);
            ExportValidationResult optionResult = ExportOptionValidator.ValidateOptions(options);
            var warnings = new List<string>();
            if (hostResult.IsValid && ExportClientValidator.IsWorld(host))
            {
                if (ExportOptionCatalog.IsReadWrite(options))
                {
                    warnings.Add("'" + (host.Length == 0 ? "*" : host) + "' with rw lets every host that can reach the server write to the export. " +
                        "Restrict the client to a network (e.g. 10.0.0.0/24) or host, or export it ro.");
                }
                if (options.Contains("no_root_squash"))
                {
                    warnings.Add("'" + (host.Length == 0 ? "*" : host) + "' with no_root_squash gives root on every client root access. Use root_squash.");
                }
            }
            return ExportValidationResult.Combine(hostResult, optionResult, new ExportValidationResult(Array.Empty<string>(), warnings));
        }

        /// <summary>Checks an export about to be written: path, default options and each client with its merged options.</summary>
        public static ExportValidationResult ValidateExport(string path, IEnumerable<ExportClientSpec> clients, IEnumerable<string>? defaultOptions = null)
        {
            var results = new List<ExportValidationResult> { ExportPathValidator.ValidatePath(path) };
            List<string> defaults = defaultOptions?.ToList() ?? new List<string>();
            if (defaults.Count > 0) results.Add(ExportOptionValidator.ValidateOptionSyntax(defaults).Prefixed("default options: "));
            List<ExportClientSpec> list = clients?.ToList() ?? new List<ExportClientSpec>();
            if (list.Count == 0)
            {
                results.Add(new ExportValidationResult(new[] { "No client is given: an exports line without clients is exported to every host. Name at least one client." }, Array.Empty<string>()));
            }
            foreach (IGrouping<string, ExportClientSpec> duplicate in list.Where(c => c != null).GroupBy(c => c.Host, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            {
                results.Add(new ExportValidationResult(new[] { "The client '" + duplicate.Key + "' is given more than once. Give each host once, with all its options." }, Array.Empty<string>()));
            }
            foreach (ExportClientSpec client in list)
            {
                if (client is null)
                {
                    results.Add(new ExportValidationResult(new[] { "A client is null." }, Array.Empty<string>()));
                    continue;
                }
                results.Add(ValidateClient(client.Host, ExportOptionCatalog.Merge(defaults, client.Options)).Prefixed("client '" + client.Host + "': "));
            }
            return ExportValidationResult.Combine(results.ToArray());
        }

        /// <summary>Checks a parsed exports line: its syntax diagnostics, path, default options and every client.</summary>
        public static ExportValidationResult ValidateLine(ExportLine line)
        {
            if (line is null) throw new ArgumentNullException(nameof(line));
            var results = new List<ExportValidationResult>
            {
                new ExportValidationResult(line.Errors, line.Warnings),
                ExportPathValidator.ValidatePath(line.Path),
            };
            if (line.DefaultOptions.Count > 0) results.Add(ExportOptionValidator.ValidateOptionSyntax(line.DefaultOptions).Prefixed("default options: "));
            foreach (ExportClient client in line.Clients)
            {
                string prefix = "client '" + client.Host + "': ";
                if (client.HasOptionList) results.Add(ExportOptionValidator.ValidateOptionSyntax(client.Options).Prefixed(prefix));
                results.Add(ValidateClient(client.Host, client.EffectiveOptions).Prefixed(prefix));
            }
            return ExportValidationResult.Combine(results.ToArray());
        }
    }
}
