namespace SmartSensors.Cloud.Security.ApiKeys;

/// <summary>One API key (<c>Api:Auth:ApiKeys:N</c>): who it is, the SHA-256 of the key, and its roles.</summary>
internal sealed class ApiKeyOptions
{
    /// <summary>The identity's name (shown as the actor of acknowledgements).</summary>
    public string? Name { get; set; }

    /// <summary>Lower-case hex SHA-256 of the key's UTF-8 bytes (the key itself is never stored).</summary>
    public string? Sha256 { get; set; }

    /// <summary>Roles: operative, environment, resilience, operator, admin.</summary>
    public IList<string> Roles { get; } = [];
}
