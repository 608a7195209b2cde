using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using NfsCinder.Nfs;
using NfsCinder.Values;

namespace NfsCinder.Cinder
{
    /// <summary>One option the NFS driver reads from its backend section, with Cinder's own type, range and default.</summary>
    internal sealed class CinderOption
    {
        private static readonly Regex RatioPattern = new Regex(@"^(\d*\.\d+|\d+)$", RegexOptions.CultureInvariant);

        internal CinderOption(string key, CinderOptionKind kind, string? cinderDefault, string source, string summary,
            IReadOnlyList<string>? choices = null, int min = int.MinValue, int max = int.MaxValue)
        {
            Key = key;
            Kind = kind;
            CinderDefault = cinderDefault;
            Source = source;
            Summary = summary;
            Choices = choices ?? Array.Empty<string>();
            Min = min;
            Max = max;
        }

        /// <summary>The key in cinder.conf.</summary>
        public string Key { get; }

        /// <summary>How Cinder types it.</summary>
        public CinderOptionKind Kind { get; }

        /// <summary>Cinder's default as written in its option list (null: unset).</summary>
        public string? CinderDefault { get; }

        /// <summary>Where Cinder declares it (nfs_opts in nfs.py, nas_opts in remotefs.py, ...).</summary>
        public string Source { get; }

        /// <summary>What it does, in a few words.</summary>
        public string Summary { get; }

        /// <summary>The allowed values of a Choice option.</summary>
        public IReadOnlyList<string> Choices { get; }

        /// <summary>Range of an Integer option.</summary>
        public int Min { get; }

        /// <summary>Range of an Integer option.</summary>
        public int Max { get; }

        /// <summary>True for a value never shown in output, messages or logs.</summary>
        public bool IsSecret => Kind == CinderOptionKind.Secret;

        /// <summary>Checks a value as Cinder would read it and returns the text to write; throws ArgumentException saying what is wrong.</summary>
        public string Format(object value)
        {
            string what = $"The value of {Key}";
            switch (Kind)
            {
                case CinderOptionKind.Bool:
                    return value is bool b ? (b ? "true" : "false") : throw new ArgumentException($"{what} must be $true or $false.");
                case CinderOptionKind.Integer:
                    int number = value is int i ? i : throw new ArgumentException($"{what} must be a whole number.");
                    if (number < Min || number > Max) throw new ArgumentException($"{what} must be from {Min} to {Max} (it is {number}).");
                    return number.ToString(CultureInfo.InvariantCulture);
                case CinderOptionKind.Ratio:
                    double ratio = value is double d ? d : throw new ArgumentException($"{what} must be a number.");
                    if (double.IsNaN(ratio) || double.IsInfinity(ratio) || ratio < 1.0)
                        throw new ArgumentException($"{what} must be at least 1.0: Cinder refuses a smaller max_over_subscription_ratio (the NFS driver does not support 'auto').");
                    string written = ratio.ToString("0.0###############", CultureInfo.InvariantCulture);
                    return RatioPattern.IsMatch(written) ? written : throw new ArgumentException($"{what} '{written}' is not a decimal Cinder reads.");
            }
            string text = value as string ?? throw new ArgumentException($"{what} must be text.");
            // A secret's own characters stay out of the message.
            if (IsSecret && HostValue.FindUnprintable(text) is { } at)
                throw new ArgumentException($"{what} contains {HostValue.Describe(text[at])} at position {at}; a value written to a host's files must be one line of printable characters.");
            HostValue.CheckText(text, what);
            switch (Kind)
            {
                case CinderOptionKind.Path:
                    // oslo.config substitutes $name in every value: a path may use $state_path, nothing else.
                    if (text.Replace("${state_path}", "").Replace("$state_path", "").IndexOf('$') >= 0)
                        throw new ArgumentException($"{what} '{text}' holds a '$': oslo.config reads $name as another option's value; only $state_path is taken in a path.");
                    AbsolutePath.CheckWithoutWhitespace(text.Replace("${state_path}", "/s").Replace("$state_path", "/s"), what);
                    return text;
                case CinderOptionKind.Host:
                    // Cinder joins nas_host and nas_share_path with ':', so an IPv6 address needs its brackets here.
                    return NfsShareAddress.FormatServer(NfsShareAddress.BareServer(text));
                case CinderOptionKind.MountOptions:
                    if (!MountOptionSyntax.IsList(text)) throw new ArgumentException($"{what} '{text}' must be a comma list of name or name=value NFS mount options (for example vers=4.1,timeo=600).");
                    return text;
                case CinderOptionKind.Choice:
                    return Choices.Contains(text, StringComparer.Ordinal) ? text : throw new ArgumentException($"{what} must be one of {string.Join(", ", Choices)}.");
                case CinderOptionKind.Secret:
                    if (text.Length == 0) throw new ArgumentException($"{what} is empty; use -Unset {Key} to remove it.");
                    return EscapeDollars(text);
                default:
                    if (text.Trim().Length == 0) throw new ArgumentException($"{what} is empty; use -Unset {Key} to remove it.");
                    return EscapeDollars(text);
            }
        }

        // oslo.config substitutes $name and ${name} in every string option; $$ is a literal $.
        private static string EscapeDollars(string text) => text.Replace("$", "$$");

        /// <summary>The value for output: secrets as ***.</summary>
        public string Show(string value) => IsSecret ? "***" : value;
    }
}
