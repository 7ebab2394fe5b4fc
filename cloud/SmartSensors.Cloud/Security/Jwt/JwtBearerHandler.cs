using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SmartSensors.Cloud.Security.Jwt;

/// <summary><c>Authorization: Bearer &lt;jwt&gt;</c>, validated by <see cref="JwtValidator"/>.</summary>
internal sealed class JwtBearerHandler : AuthenticationHandler<AuthenticationSchemeOptions>
{
    private readonly JwtValidator _validator;
    private readonly TimeProvider _clock;

    public JwtBearerHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, JwtValidator validator, TimeProvider clock)
        : base(options, logger, encoder)
    {
        _validator = validator;
        _clock = clock;
    }

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? authorization = Request.Headers.Authorization;
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var result = _validator.Validate(authorization["Bearer ".Length..].Trim(), _clock.GetUtcNow());
        if (!result.Succeeded)
        {
            SecurityLog.TokenRefused(Logger, result.Failure!);
            return Task.FromResult(AuthenticateResult.Fail(result.Failure!));
        }

        var identity = new ClaimsIdentity(AuthSchemes.Bearer, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, result.Name!));
        foreach (var role in result.Roles)
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, role));
        }

        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), AuthSchemes.Bearer)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false);
        var failure = result.Failure?.Message;
        Challenge.Add(Response, failure);
        await SecurityProblems.WriteAsync(
            Context,
            StatusCodes.Status401Unauthorized,
            "Authentication required",
            failure is null
                ? $"Send a bearer token (Authorization: Bearer <jwt>) or an API key ({AuthSchemes.ApiKeyHeader}: <key>)."
                : $"The bearer token was refused: {failure}.").ConfigureAwait(false);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        SecurityProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden", Forbidden.Detail(Context.User));
}
