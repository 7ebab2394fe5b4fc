namespace SmartSensors.Admin.Cli;

/// <summary>Process exit codes of <c>smartsensors-admin</c> (documented in <c>--help</c> and docs/security.md).</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;

    /// <summary>Bad command line or invalid input (an id, a host, a role); nothing was changed.</summary>
    public const int InvalidInput = 1;

    /// <summary>Refused because of what already exists (credentials present without <c>--rotate</c>, gateway unknown); nothing was changed.</summary>
    public const int Conflict = 2;

    /// <summary>A file could not be read or written (missing, permissions, malformed).</summary>
    public const int FileError = 3;
}
