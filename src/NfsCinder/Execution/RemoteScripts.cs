using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace NfsCinder.Execution
{
    /// <summary>
    /// The POSIX sh scripts the module runs on hosts: files under <c>src/NfsCinder/Scripts/</c>,
    /// embedded in the assembly and linted by shellcheck in the build. A script takes its data
    /// only as positional parameters. It sources shared snippets with a line
    /// <c>. ./lib/NAME.sh</c>, which shellcheck follows and which is inlined here, the one place
    /// scripts are composed, since a script reaches the host as the text of <c>sh -c</c>.
    /// </summary>
    internal static class RemoteScripts
    {
        private const string ResourcePrefix = "NfsCinder.Scripts.";
        private static readonly Regex Include = new Regex(@"^\.\s+\./lib/(?<name>[a-z0-9-]+)\.sh\s*$", RegexOptions.CultureInvariant);
        private static readonly ConcurrentDictionary<string, string> Bodies = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);

        /// <summary>A script by its file name without <c>.sh</c> ("probe-cinder-backend"), library lines inlined.</summary>
        public static string Body(string name) => Bodies.GetOrAdd(name, n => Compose(Read(n + ".sh"), n));

        /// <summary>The command that runs the script with these positional parameters.</summary>
        public static CommandSpec Spec(string name, params string[] arguments) => CommandSpec.Script(name, Body(name), arguments);

        private static string Compose(string text, string name)
        {
            var body = new StringBuilder();
            foreach (string line in text.Split('\n'))
            {
                Match include = Include.Match(line);
                if (!include.Success) { body.Append(line).Append('\n'); continue; }
                string library = Read("lib/" + include.Groups["name"].Value + ".sh");
                if (library.Split('\n').Any(l => Include.IsMatch(l)))
                    throw new InvalidOperationException($"lib/{include.Groups["name"].Value}.sh (sourced by {name}.sh) may not source another file.");
                body.Append(StripShebang(library));
            }
            string composed = body.ToString().TrimEnd('\n') + "\n";
            return composed;
        }

        private static string StripShebang(string text) =>
            text.StartsWith("#!", StringComparison.Ordinal) ? text.Substring(text.IndexOf('\n') + 1) : text;

        private static string Read(string relativePath)
        {
            string resource = ResourcePrefix + relativePath.Replace('/', '.');
            using Stream? stream = typeof(RemoteScripts).GetTypeInfo().Assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"The module has no script {relativePath} (resource {resource}).");
            using var reader = new StreamReader(stream, new UTF8Encoding(false));
            string text = reader.ReadToEnd();
            if (text.IndexOf('\r') >= 0) throw new InvalidOperationException($"Script {relativePath} has CR characters; scripts must use LF line ends.");
            return text;
        }
    }
}
