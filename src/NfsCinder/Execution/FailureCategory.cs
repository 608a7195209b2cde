namespace NfsCinder.Execution
{
    /// <summary>
    /// Failure categories, named exactly like System.Management.Automation.ErrorCategory so the
    /// cmdlet layer maps them one to one while this layer stays free of PowerShell types.
    /// </summary>
    internal enum FailureCategory
    {
        NotSpecified,
        ConnectionError,
        AuthenticationError,
        SecurityError,
        OperationTimeout,
        PermissionDenied,
        ObjectNotFound,
        InvalidArgument,
        InvalidData,
        InvalidOperation,
        ResourceUnavailable,
        ResourceExists,
        ResourceBusy,
        OperationStopped,
        NotInstalled,
    }
}
