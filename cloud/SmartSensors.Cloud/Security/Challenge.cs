using System.Text;
using Microsoft.AspNetCore.Http;

namespace SmartSensors.Cloud.Security;

/// <summary>The WWW-Authenticate challenges of a 401: both ways in (RFC 6750 bearer, and our API key scheme).</summary>
internal static class Challenge
{
    public static void Add(HttpResponse response, string? bearerError)
    {
        ArgumentNullException.ThrowIfNull(response);
        var bearer = new StringBuilder($"{AuthSchemes.Bearer} realm=\"{AuthSchemes.Realm}\"");
        if (bearerError is not null)
        {
            bearer.Append(", error=\"invalid_token\", error_description=\"").Append(Quoted(bearerError)).Append('"');
        }

        response.Headers.Append("WWW-Authenticate", bearer.ToString());
        response.Headers.Append("WWW-Authenticate", $"{AuthSchemes.ApiKey} realm=\"{AuthSchemes.Realm}\", header=\"{AuthSchemes.ApiKeyHeader}\"");
    }

    // RFC 6750 error_description: printable ASCII without '"' and '\'.
    private static string Quoted(string text) =>
        new([.. text.Where(c => c is >= ' ' and <= '~' and not '"' and not '\\').Take(200)]);
}
