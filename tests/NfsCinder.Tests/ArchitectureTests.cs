using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Xunit;

namespace NfsCinder.Tests
{
    /// <summary>
    /// The house rules of src/NfsCinder, read from its source (docs/architecture.md explains them):
    /// the folders depend one way, down <see cref="Layers"/>; every .cs file holds one top-level
    /// type named as the file, in the namespace its folder names.
    /// </summary>
    public class ArchitectureTests
    {
        /// <summary>
        /// Lowest first. A folder may use the folders of lower layers only: not its own layer's
        /// other folders, not a higher one. "" is the folder itself (ModuleLifecycle), on top.
        /// </summary>
        private static readonly string[][] Layers =
        {
            new[] { "Values", "Execution" },
            new[] { "Files", "Ssh", "Hosts" },
            new[] { "Sessions" },
            new[] { "Nfs", "Selinux" },
            new[] { "Cinder" },
            new[] { "Nova" },
            new[] { "Diagnosis" },
            new[] { "Completion" },
            new[] { "Commands" },
            new[] { "" },
        };

        private static readonly Regex Declaration = new Regex(@"\b(?:record\s+(?:class|struct)|class|struct|interface|enum|record)\s+([A-Za-z_]\w*)");
        private static readonly Regex NamespaceName = new Regex(@"\bnamespace\s+([\w.]+)\s*([;{])");
        private static readonly Regex FullName = new Regex(@"\bNfsCinder\.(\w+)");
        private static readonly Regex QualifiedName = new Regex(@"(?<![\w.])(\w+)\s*\.\s*(\w+)");

        private static readonly string Source = Path.Combine(RepoRoot(), "src", "NfsCinder");
        private static readonly IReadOnlyList<SourceFile> Files = Directory.EnumerateFiles(Source, "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Source, path).Replace('\\', '/'))
            .Where(rel => !rel.Split('/').Any(part => part == "bin" || part == "obj"))
            .OrderBy(rel => rel, StringComparer.Ordinal)
            .Select(rel => new SourceFile(rel, Code(File.ReadAllText(Path.Combine(Source, rel)))))
            .ToList();

        [Fact]
        public void EveryFolderWithCode_IsInALayer()
        {
            var layered = Layers.SelectMany(l => l).ToList();
            Assert.Equal(layered.Count, layered.Distinct().Count());
            Assert.Equal(layered.OrderBy(f => f, StringComparer.Ordinal), Files.Select(f => f.Folder).Distinct().OrderBy(f => f, StringComparer.Ordinal));
        }

        [Fact]
        public void TheScan_SeesKnownReferences()
        {
            // Guards the scan itself: a using, an attribute's typeof, a qualified name.
            var references = References();
            Assert.Contains(references, r => r.File == "Commands/GetNfsExportCommand.cs" && r.Folder == "Completion");
            Assert.Contains(references, r => r.File == "Diagnosis/LogCollector.cs" && r.Folder == "Cinder" && r.Why == "Cinder.CinderVolumeLog");
            Assert.Contains(references, r => r.File == "Diagnosis/LogFinding.cs" && r.Folder == "Sessions");
            // Comments and literals go, an interpolation hole's code stays.
            string code = Code("a /* { */ b @\"x\"\"{\" // }\n c $\"{{{d}\" '{' \"\\\"}\"");
            Assert.Equal("abcd", new string(code.Where(char.IsLetter).ToArray()));
            Assert.DoesNotContain("{", code);
            Assert.DoesNotContain("}", code);
        }

        [Fact]
        public void EveryReference_GoesDownTheLayers()
        {
            var layerOf = Layers.SelectMany((folders, rank) => folders.Select(f => (f, rank))).ToDictionary(x => x.f, x => x.rank);
            var upward = References()
                .Where(r => !layerOf.ContainsKey(r.Folder) || layerOf[r.Folder] >= layerOf[Folder(r.File)])
                .Select(r => $"{r.File} uses {(r.Folder.Length == 0 ? "(root)" : r.Folder)} ({r.Why})")
                .Distinct().ToList();
            Assert.True(upward.Count == 0, "References that do not go down the layers:\n" + string.Join("\n", upward));
        }

        [Fact]
        public void EveryFile_HoldsOneTopLevelType_NamedAsTheFile_InItsFoldersNamespace()
        {
            var wrong = new List<string>();
            foreach (var file in Files)
            {
                string dir = Path.GetDirectoryName(file.Path)?.Replace('\\', '/') ?? "";
                string expected = dir.Length == 0 ? "NfsCinder" : "NfsCinder." + dir.Replace('/', '.');
                var namespaces = NamespaceName.Matches(file.Code).Cast<Match>().ToList();
                if (namespaces.Count != 1 || namespaces[0].Groups[1].Value != expected)
                    wrong.Add($"{file.Path}: namespace {string.Join(", ", namespaces.Select(n => n.Groups[1].Value))}, not {expected}");
                int topDepth = namespaces.Count == 1 && namespaces[0].Groups[2].Value == ";" ? 0 : 1;
                var depth = Depths(file.Code);
                var types = Declaration.Matches(file.Code).Cast<Match>().Where(m => depth[m.Index] == topDepth).Select(m => m.Groups[1].Value).ToList();
                string name = Path.GetFileNameWithoutExtension(file.Path);
                if (types.Count != 1 || types[0] != name)
                    wrong.Add($"{file.Path}: top-level types {string.Join(", ", types.DefaultIfEmpty("(none)"))}, not just {name}");
            }
            Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        }

        /// <summary>
        /// Every folder each file uses: by NfsCinder.X (usings, full names) and by X.Type for a
        /// type X declares (names qualified from a sibling namespace, typeof in attributes).
        /// Within NfsCinder.*, nothing else can reach another folder's types.
        /// </summary>
        private static List<(string File, string Folder, string Why)> References()
        {
            var folders = new HashSet<string>(Files.Select(f => f.Folder));
            var typesOf = Files.GroupBy(f => f.Folder).ToDictionary(g => g.Key,
                g => new HashSet<string>(g.SelectMany(f => Declaration.Matches(f.Code).Cast<Match>().Select(m => m.Groups[1].Value))));
            var found = new List<(string, string, string)>();
            foreach (var file in Files)
            {
                string code = NamespaceName.Replace(file.Code, "");
                foreach (Match m in FullName.Matches(code))
                    if (folders.Contains(m.Groups[1].Value) && m.Groups[1].Value != file.Folder)
                        found.Add((file.Path, m.Groups[1].Value, m.Value));
                foreach (Match m in QualifiedName.Matches(code))
                {
                    string folder = m.Groups[1].Value;
                    if (folder != file.Folder && folder.Length > 0 && typesOf.TryGetValue(folder, out var types) && types.Contains(m.Groups[2].Value))
                        found.Add((file.Path, folder, folder + "." + m.Groups[2].Value));
                }
                if (file.Folder.Length > 0 && typesOf[""].Any(t => Regex.IsMatch(code, @"(?<![\w.])" + t + @"\b")))
                    found.Add((file.Path, "", "a type of the root namespace"));
            }
            return found;
        }

        private static string Folder(string path) => path.Contains('/') ? path.Substring(0, path.IndexOf('/')) : "";

        private static int[] Depths(string code)
        {
            var depth = new int[code.Length + 1];
            int d = 0;
            for (int i = 0; i < code.Length; i++)
            {
                if (code[i] == '}') d--;
                depth[i] = d;
                if (code[i] == '{') d++;
            }
            depth[code.Length] = d;
            return depth;
        }

        /// <summary>The code of a C# file without comments and with every literal emptied (the code of interpolation holes kept), so braces and names are code only.</summary>
        internal static string Code(string source)
        {
            var code = new StringBuilder(source.Length);
            int i = 0;
            CopyCode(source, ref i, code, hole: false);
            return code.ToString();
        }

        private static void CopyCode(string s, ref int i, StringBuilder code, bool hole)
        {
            int depth = 0;
            while (i < s.Length)
            {
                char c = s[i];
                char next = i + 1 < s.Length ? s[i + 1] : '\0';
                if (c == '/' && next == '/')
                {
                    while (i < s.Length && s[i] != '\n') i++;
                }
                else if (c == '/' && next == '*')
                {
                    int end = s.IndexOf("*/", i + 2, StringComparison.Ordinal);
                    i = end < 0 ? s.Length : end + 2;
                    code.Append(' ');
                }
                else if (c == '\'')
                {
                    for (i++; i < s.Length && s[i] != '\''; i += s[i] == '\\' ? 2 : 1) { }
                    i++;
                    code.Append("' '");
                }
                else if (c == '"' || ((c == '$' || c == '@') && (next == '"' || next == '$' || next == '@')))
                {
                    CopyString(s, ref i, code);
                }
                else
                {
                    if (hole && c == '{') depth++;
                    if (hole && c == '}' && depth-- == 0)
                    {
                        i++;
                        return;
                    }
                    code.Append(c);
                    i++;
                }
            }
        }

        private static void CopyString(string s, ref int i, StringBuilder code)
        {
            bool verbatim = false;
            int dollars = 0;
            for (; i < s.Length && (s[i] == '$' || s[i] == '@'); i++)
            {
                if (s[i] == '@') verbatim = true;
                else dollars++;
            }
            int quotes = 0;
            while (i + quotes < s.Length && s[i + quotes] == '"') quotes++;
            bool raw = quotes >= 3;
            string close = raw ? new string('"', quotes) : "\"";
            string open = new string('{', raw ? Math.Max(dollars, 1) : 1);
            i += raw ? quotes : 1;
            while (i < s.Length)
            {
                if (string.CompareOrdinal(s, i, close, 0, close.Length) == 0 && !(verbatim && !raw && i + 1 < s.Length && s[i + 1] == '"'))
                {
                    i += close.Length;
                    break;
                }
                if (!raw && verbatim && s[i] == '"') i += 2;
                else if (!raw && !verbatim && s[i] == '\\') i += 2;
                else if (dollars > 0 && !raw && s[i] == '{' && i + 1 < s.Length && s[i + 1] == '{') i += 2;
                else if (dollars > 0 && string.CompareOrdinal(s, i, open, 0, open.Length) == 0)
                {
                    i += open.Length;
                    code.Append(' ');
                    CopyCode(s, ref i, code, hole: true);
                    for (int more = 1; more < open.Length && i < s.Length && s[i] == '}'; more++) i++;
                    code.Append(' ');
                }
                else i++;
            }
            code.Append("\"\"");
        }

        private static string RepoRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "NfsCinder.psd1"))) return dir.FullName;
            throw new InvalidOperationException("No NfsCinder.psd1 above " + AppContext.BaseDirectory);
        }

        private sealed class SourceFile
        {
            internal SourceFile(string path, string code)
            {
                Path = path;
                Code = code;
                Folder = ArchitectureTests.Folder(path);
            }

            internal string Path { get; }
            internal string Code { get; }
            internal string Folder { get; }
        }
    }
}
