using System;
using System.Linq;
using System.Management.Automation;
using System.Text;
using NfsCinder.Execution;

namespace NfsCinder.Commands
{
    /// <summary>
    /// <para type="synopsis">Runs one program with arguments on hosts, through the module's runner (quoting, timeout, sudo).</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "NfsCinderCommand")]
    [OutputType(typeof(CommandResult))]
    public sealed class InvokeNfsCinderCommandCommand : HostCmdletBase
    {
        /// <summary>The program and its arguments, one element each; they are never parsed by a shell.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [AllowEmptyString]
        [ValidateCount(1, int.MaxValue)]
        public string[] ArgumentList { get; set; } = Array.Empty<string>();

        /// <summary>Text sent on the command's standard input (UTF-8).</summary>
        [Parameter]
        public string? InputText { get; set; }

        /// <summary>Seconds before the command is stopped; defaults to the session's -CommandTimeoutSec.</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int TimeoutSec { get; set; }

        /// <summary>Exit codes that are not failures (default 0).</summary>
        [Parameter]
        public int[] AllowedExitCode { get; set; } = { 0 };

        /// <summary>Runs as the login user even in a -UseSudo session.</summary>
        [Parameter]
        public SwitchParameter NoElevation { get; set; }

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            try
            {
                foreach (string? argument in ArgumentList)
                {
                    if (argument is null) throw new ArgumentException("-ArgumentList contains a null element; pass '' for an empty argument.");
                    ShellQuote.Validate(argument);
                }
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "InvalidCommandArgument", ErrorCategory.InvalidArgument, ArgumentList));
            }
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            ForEachTarget(session =>
            {
                var spec = CommandSpec.Argv(ArgumentList).Accepting(AllowedExitCode);
                if (InputText is not null) spec.WithInput(Encoding.UTF8.GetBytes(InputText));
                if (TimeoutSec > 0) spec.WithTimeout(TimeSpan.FromSeconds(TimeoutSec));
                if (NoElevation) spec.WithoutElevation();
                WriteObject(session.Run(spec, Context));
            });
        }
    }
}
