namespace NfsCinder.Execution
{
    /// <summary>How a session elevates commands.</summary>
    public enum SudoMode
    {
        /// <summary>Commands run as the login user (root logins need nothing more).</summary>
        None,

        /// <summary>sudo with a NOPASSWD rule: `sudo -n`.</summary>
        NoPassword,

        /// <summary>sudo reading the password from standard input: `sudo -S`, never on a command line.</summary>
        Password,
    }
}
