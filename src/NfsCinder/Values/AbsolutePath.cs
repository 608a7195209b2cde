using System;

namespace NfsCinder.Values
{
    /// <summary>
    /// The module's one rule for an absolute path on a host (an export, a mount point, a file it
    /// writes or reads, a path option): not empty, starting with <c>/</c>, one line of printable
    /// characters (<see cref="HostValue"/>: no NUL or other control character, no U+2028/U+2029,
    /// no unpaired surrogate) and no <c>.</c> or <c>..</c> segment, so the path names what it
    /// reads as. A place that needs more (exports(5) normalisation and length, fstab escaping,
    /// no whitespace in a shares file) checks that on top of this.
    /// </summary>
    internal static class AbsolutePath
    {
        /// <summary>True when the path starts with <c>/</c>; the other rules are <see cref="Problem"/>'s.</summary>
        public static bool IsAbsolute(string? path) => !string.IsNullOrEmpty(path) && path![0] == '/';

        /// <summary>The <c>.</c> or <c>..</c> segment the path holds, or null.</summary>
        public static string? DotSegment(string path)
        {
            foreach (string segment in path.Split('/'))
            {
                if (segment == "." || segment == "..") return segment;
            }
            return null;
        }

        /// <summary>True when the path passes the common rule.</summary>
        public static bool IsValid(string? path) => path is not null && Problem(path, "The path") is null;

        /// <summary>What is wrong with the path by the common rule, as a message naming it by <paramref name="what"/>; null when nothing is.</summary>
        public static string? Problem(string? path, string what)
        {
            if (string.IsNullOrEmpty(path)) return $"{what} is empty; give an absolute path (starting with /).";
            if (HostValue.Problem(path, what) is { } unprintable) return unprintable;
            if (path![0] != '/') return $"{what} '{path}' must be an absolute path (starting with /).";
            if (DotSegment(path) is { } dot) return $"{what} '{path}' contains a '{dot}' segment; give the resolved absolute path.";
            return null;
        }

        /// <summary>
        /// The common rule, and no whitespace: for a path written into a line whose fields blanks
        /// separate (cinder.conf values, the shares file, mount's arguments). Null passes (not given).
        /// </summary>
        public static void CheckWithoutWhitespace(string? path, string what)
        {
            if (path is null) return;
            Check(path, what);
            for (int i = 0; i < path.Length; i++)
            {
                if (char.IsWhiteSpace(path[i]))
                    throw new ArgumentException($"{what} '{path}' contains {HostValue.Describe(path[i])} at position {i}; give a path without whitespace.");
            }
        }

        /// <summary>Throws ArgumentException with <see cref="Problem"/>'s message unless the path passes the common rule.</summary>
        public static void Check(string? path, string what)
        {
            if (Problem(path, what) is { } problem) throw new ArgumentException(problem);
        }
    }
}
