using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SmartSensors.Cloud.Security.ApiKeys;

/// <summary><c>X-Api-Key: &lt;key&gt;</c> or <c>Authorization: ApiKey &lt;key&gt;</c>, looked up in <see cref="ApiKeyStore"/>.</summary>
internal sealed class ApiKeyHandler : AuthenticationHandler<AuthenticationSchemeOptions>
{
    private readonly ApiKeyStore _store;

    public ApiKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore store)
        : base(options, logger, encoder)
    {
        _store = store;
    }

    /// <summary>The key a request carries, if any.</summary>
    public static string? KeyOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Headers.TryGetValue(AuthSchemes.ApiKeyHeader, out var header))
        {
            return header.Count == 1 ? header[0]?.Trim() : string.Empty;
        }

        string? authorization = request.Headers.Authorization;
        return authorization is not null && authorization.StartsWith("ApiKey ", StringComparison.OrdinalIgnoreCase)
            ? authorization["ApiKey ".Length..].Trim()
            : null;
    }

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = KeyOf(Request);
        if (key is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!_store.TryFind(key, out var name, out var roles))
        {
            SecurityLog.ApiKeyRefused(Logger);
            return Task.FromResult(AuthenticateResult.Fail("the API key is not known"));
        }

        var identity = new ClaimsIdentity(AuthSchemes.ApiKey, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, name));
        foreach (var role in roles)
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, role));
        }

        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), AuthSchemes.ApiKey)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false);
        Challenge.Add(Response, null);
        await SecurityProblems.WriteAsync(
            Context,
            StatusCodes.Status401Unauthorized,
            "Authentication required",
            result.Failure is { } failure ? $"The API key was refused: {failure.Message}." : "Send an API key or a bearer token.").ConfigureAwait(false);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        SecurityProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden", Forbidden.Detail(Context.User));
}
