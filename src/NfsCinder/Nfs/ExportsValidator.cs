using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace NfsCinder.Nfs
{
    /// <summary>
    /// Checks export paths, client hosts and options against exports(5) and nfs-utils (exportfs)
    /// behaviour, and refuses characters that have no business in them (shell and quoting
    /// metacharacters, line breaks), so hostile input never reaches a rendered exports file.
    /// </summary>
    internal static partial class ExportValidator
    {
        // NFS_MAXPATHLEN is 1024 including the terminating NUL.
        private const int MaxPathBytes = 1023;

        /// <summary>Checks an export path: absolute, normalised, one line, no quoting or shell metacharacters.</summary>
        public static ExportValidationResult ValidatePath(string path)
        {
            var errors = new List<string>();
            var warnings = new List<string>();
            if (path is null || path.Length == 0)
            {
                errors.Add("The export path is empty. Give an absolute directory such as /srv/nfs/share.");
                return new ExportValidationResult(errors, warnings);
            }

            for (int i = 0; i < path.Length; i++)
            {
                char c = path[i];
                if (char.IsControl(c))
                {
                    errors.Add(Values.HostValue.Problem(path, "The export path")! + " Rename the directory.");
                    return new ExportValidationResult(errors, warnings);
                }
                if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < path.Length && char.IsLowSurrogate(path[++i])))
                {
                    errors.Add("The export path '" + Display(path) + "' contains an unpaired UTF-16 surrogate; it has no UTF-8 form.");
                    return new ExportValidationResult(errors, warnings);
                }
                if ("\"'`$;&|<>\\".IndexOf(c) >= 0)
                {
                    errors.Add("The export path '" + path + "' contains " + Describe(c) + ", which this module refuses in export paths " +
                        "(quoting and shell metacharacters). Use a directory name without it.");
                }
            }
            if (errors.Count > 0) return new ExportValidationResult(errors, warnings);

            if (path[0] != '/')
            {
                errors.Add("The export path '" + path + "' is not absolute. Start it with '/', e.g. /srv/nfs/" + path.TrimStart('.', '/') + ".");
                return new ExportValidationResult(errors, warnings);
            }
            if (path == "/")
            {
                warnings.Add("Exporting '/' shares the server's whole root file system. Export a dedicated directory such as /srv/nfs instead.");
            }
            else
            {
                if (path.EndsWith("/", StringComparison.Ordinal))
                {
                    errors.Add("The export path '" + path + "' ends with '/'. Write it without: '" + path.TrimEnd('/') + "'.");
                }
                string[] segments = path.Substring(1).Split('/');
                foreach (string segment in segments.Take(path.EndsWith("/", StringComparison.Ordinal) ? segments.Length - 1 : segments.Length))
                {
                    if (segment.Length == 0)
                    {
                        errors.Add("The export path '" + path + "' contains '//'. Write each '/' once.");
                        break;
                    }
                }
                if (segments.Contains("."))
                {
                    errors.Add("The export path '" + path + "' contains a '.' segment. Give the normalised path without '/./'.");
                }
                if (segments.Contains(".."))
                {
                    errors.Add("The export path '" + path + "' contains a '..' segment. Give the resolved absolute path instead.");
                }
            }
            if (Encoding.UTF8.GetByteCount(path) > MaxPathBytes)
            {
                errors.Add("The export path is longer than " + MaxPathBytes + " bytes, the NFS limit. Export a shorter path.");
            }
            if (path.IndexOf(' ') >= 0)
            {
                warnings.Add("The export path '" + path + "' contains blanks; it is written in double quotes. Paths without blanks are easier to mount and script.");
            }
            return new ExportValidationResult(errors, warnings);
        }

        /// <summary>
        /// Checks one client with the options it ends up with (line defaults merged): host, options, and
        /// combinations such as world-writable exports.
        /// </summary>
        public static ExportValidationResult ValidateClient(string host, IEnumerable<string> effectiveOptions)
        {
            List<string> options = effectiveOptions?.ToList() ?? new List<string>();
            ExportValidationResult hostResult = ValidateHost(host);
            ExportValidationResult optionResult = ValidateOptions(options);
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
            var results = new List<ExportValidationResult> { ValidatePath(path) };
            List<string> defaults = defaultOptions?.ToList() ?? new List<string>();
            if (defaults.Count > 0) results.Add(ValidateOptionSyntax(defaults).Prefixed("default options: "));
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
                ValidatePath(line.Path),
            };
            if (line.DefaultOptions.Count > 0) results.Add(ValidateOptionSyntax(line.DefaultOptions).Prefixed("default options: "));
            foreach (ExportClient client in line.Clients)
            {
                string prefix = "client '" + client.Host + "': ";
                if (client.HasOptionList) results.Add(ValidateOptionSyntax(client.Options).Prefixed(prefix));
                results.Add(ValidateClient(client.Host, client.EffectiveOptions).Prefixed(prefix));
            }
            return ExportValidationResult.Combine(results.ToArray());
        }

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

        /// <summary>Names a character for a message (one wording for every value a host file receives).</summary>
        internal static string Describe(char c) => Values.HostValue.Describe(c);

        /// <summary>The text with control characters shown as <c>\uXXXX</c>, safe to put in a one-line message.</summary>
        internal static string Display(string s) => Values.HostValue.Display(s);
    }
}
