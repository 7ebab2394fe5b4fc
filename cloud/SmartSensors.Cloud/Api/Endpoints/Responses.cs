namespace SmartSensors.Cloud.Api.Endpoints;

/// <summary>The caller (<c>/api/v1/me</c>).</summary>
internal sealed record MeResponse(string Name, IReadOnlyList<string> Roles, string AuthenticatedBy);
