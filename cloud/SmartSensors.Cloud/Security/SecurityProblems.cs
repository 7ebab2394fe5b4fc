using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace SmartSensors.Cloud.Security;

/// <summary>Writes the RFC 7807 problem details of 401, 403 and 429 responses.</summary>
internal static class SecurityProblems
{
    public static Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        var problem = new ProblemDetails
        {
            Status = status,
            Title = title,
            Detail = detail,
            Type = $"https://tools.ietf.org/html/rfc9110#section-15.5.{status switch { 401 => 2, 403 => 4, _ => 1 }}",
            Instance = context.Request.Path,
        };
        if (status == StatusCodes.Status429TooManyRequests)
        {
            problem.Type = "https://tools.ietf.org/html/rfc6585#section-4";
        }

        return context.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", context.RequestAborted);
    }
}
