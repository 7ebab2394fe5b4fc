namespace SmartSensors.Cloud.Security;

/// <summary>Authentication scheme names.</summary>
internal static class AuthSchemes
{
    /// <summary>The policy scheme: chooses <see cref="Bearer"/> or <see cref="ApiKey"/> from the request's headers.</summary>
    public const string Default = "SmartSensors";

    /// <summary>JWT bearer tokens (<c>Authorization: Bearer …</c>).</summary>
    public const string Bearer = "Bearer";

    /// <summary>API keys (<c>X-Api-Key: …</c> or <c>Authorization: ApiKey …</c>).</summary>
    public const string ApiKey = "ApiKey";

    /// <summary>The API key header.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>The realm named in WWW-Authenticate challenges.</summary>
    public const string Realm = "smartsensors";
}
