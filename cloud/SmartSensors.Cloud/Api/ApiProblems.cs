using Microsoft.AspNetCore.Http;

namespace SmartSensors.Cloud.Api;

/// <summary>RFC 7807 answers of the API; the detail names what was wrong.</summary>
internal static class ApiProblems
{
    /// <summary>400 for one bad query or route parameter (named in <c>detail</c> and in the <c>parameter</c> extension).</summary>
    public static IResult BadParameter(string parameter, string detail) => Results.Problem(
        detail: $"{parameter}: {detail}",
        statusCode: StatusCodes.Status400BadRequest,
        title: "Invalid request parameter",
        extensions: new Dictionary<string, object?> { ["parameter"] = parameter });

    public static IResult NotFound(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static IResult Forbidden(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");

    public static IResult Unavailable(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable");

    /// <summary>503 for endpoints served by the alerts role when this process does not run it.</summary>
    public static IResult AlertsRoleOff() => Unavailable("Alerts are served by the alerts role, which this process does not run (SmartSensors:Roles).");
}
