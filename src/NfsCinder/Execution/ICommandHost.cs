using System.Threading;

namespace NfsCinder.Execution
{
    /// <summary>
    /// A host as the code below the cmdlets reaches it: how to name it in messages and how to run
    /// a command there. A session bound to a cmdlet's run (<c>NfsCinderSession.On</c>) is one; so
    /// is a bare <see cref="CommandRunner"/> (tests, this machine).
    /// </summary>
    internal interface ICommandHost
    {
        /// <summary>The host as the user named it: the session's name, or host:port.</summary>
        string DisplayName { get; }

        /// <summary>Runs the command there, with the caller's cancellation, prompts and progress.</summary>
        CommandResult Run(CommandSpec spec);

        /// <summary>Set when the caller stops (Ctrl+C, Select-Object -First): a wait between commands ends then.</summary>
        CancellationToken Cancellation { get; }
    }
}
