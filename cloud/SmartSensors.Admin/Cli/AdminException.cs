namespace SmartSensors.Admin.Cli;

/// <summary>A refusal with a message for the operator and the exit code that goes with it. Never carries a secret.</summary>
internal sealed class AdminException : Exception
{
    public AdminException()
    {
    }

    public AdminException(string message)
        : this(ExitCodes.InvalidInput, message)
    {
    }

    public AdminException(string message, Exception innerException)
        : base(message, innerException) => ExitCode = ExitCodes.FileError;

    public AdminException(int exitCode, string message)
        : base(message) => ExitCode = exitCode;

    public AdminException(int exitCode, string message, Exception innerException)
        : base(message, innerException) => ExitCode = exitCode;

    public int ExitCode { get; } = ExitCodes.InvalidInput;
}
