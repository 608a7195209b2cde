using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using NfsCinder.Values;

namespace NfsCinder.Nfs
{
    /// <summary>
    /// The path of an export: absolute, normalised and within the NFS length limit, as exportfs
    /// needs it, and free of quoting and shell metacharacters, which this module refuses so that a
    /// path never changes meaning when it is written into /etc/exports or a remote script.
    /// </summary>
    internal static class ExportPathValidator
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
                    errors.Add(HostValue.Problem(path, "The export path")! + " Rename the directory.");
                    return new ExportValidationResult(errors, warnings);
                }
                if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < path.Length && char.IsLowSurrogate(path[++i])))
                {
                    errors.Add("The export path '" + HostValue.Display(path) + "' contains an unpaired UTF-16 surrogate; it has no UTF-8 form.");
                    return new ExportValidationResult(errors, warnings);
                }
                if ("\"'`$;&|<>\\".IndexOf(c) >= 0)
                {
                    errors.Add("The export path '" + path + "' contains " + HostValue.Describe(c) + ", which this module refuses in export paths " +
                        "(quoting and shell metacharacters). Use a directory name without it.");
                }
            }
            if (errors.Count > 0) return new ExportValidationResult(errors, warnings);

            if (!AbsolutePath.IsAbsolute(path))
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
            // The module's common path rule (line and paragraph separators, say), implied by the checks above.
            if (errors.Count == 0 && AbsolutePath.Problem(path, "The export path") is { } common)
            {
                errors.Add(common + " Rename the directory.");
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
    }
}
