using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmartSensors.Cloud.Alerts.Store;
using SmartSensors.Cloud.Registry;
using SmartSensors.Contracts;

namespace SmartSensors.Cloud.Api.Endpoints;

/// <summary><c>/me</c>, <c>/sites</c>, <c>/gateways</c>: who is calling, and what the gateway registry knows.</summary>
internal static class RegistryEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/me", (ClaimsPrincipal user) => TypedResults.Ok(new MeResponse(
                user.Identity?.Name ?? string.Empty,
                [.. user.FindAll(ClaimTypes.Role).Select(c => c.Value).Distinct(StringComparer.Ordinal)],
                user.Identity?.AuthenticationType ?? string.Empty)))
            .WithName("GetMe").WithSummary("The caller's name and roles.");

        api.MapGet("/sites", (GatewayRegistry registry, IOptions<ApiOptions> options, TimeProvider clock, HttpContext context) =>
            {
                var openAlerts = context.RequestServices.GetService<AlertStore>()?.ListOpen()
                    .GroupBy(a => a.Site, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal) ?? [];
                var now = clock.GetUtcNow();
                var gateways = registry.List().GroupBy(g => g.Site, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
                var sites = gateways.Keys.Union(openAlerts.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(site =>
                {
                    var members = gateways.GetValueOrDefault(site) ?? [];
                    var online = members.Count(g => IsOnline(g, now, options.Value.OnlineWithin));
                    var located = members.Where(g => g.Location is not null).Select(g => g.Location!).ToList();
                    var alerts = openAlerts.GetValueOrDefault(site);
                    var status = members.Count > 0 && online == 0 ? "offline" : online < members.Count || alerts > 0 ? "attention" : "ok";
                    return new SiteSummary(
                        site,
                        members.Count,
                        online,
                        located.Count == 0 ? null : located.Average(l => l.Latitude),
                        located.Count == 0 ? null : located.Average(l => l.Longitude),
                        status,
                        alerts);
                }).ToList();
                return TypedResults.Ok(sites);
            })
            .WithName("ListSites").WithSummary("Every site: gateways, online count, location, status and open alerts.");

        api.MapGet("/gateways", IResult (string? site, GatewayRegistry registry, IOptions<ApiOptions> options, TimeProvider clock) =>
            {
                if (!ApiQuery.TryId("site", site, required: false, out _, out var problem))
                {
                    return problem;
                }

                var now = clock.GetUtcNow();
                return TypedResults.Ok(registry.List()
                    .Where(g => site is null || g.Site == site)
                    .Select(g => View(g, now, options.Value.OnlineWithin))
                    .ToList());
            })
            .WithName("ListGateways").WithSummary("Gateways (optionally of one site) with state, version, last seen and sensors.")
            .Produces<List<GatewayView>>().ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/gateways/{site}/{gateway}", IResult (string site, string gateway, GatewayRegistry registry, IOptions<ApiOptions> options, TimeProvider clock) =>
            {
                if (!ApiQuery.TryId("site", site, required: true, out _, out var problem) || !ApiQuery.TryId("gateway", gateway, required: true, out _, out problem))
                {
                    return problem;
                }

                return registry.TryGet(site, gateway, out var record)
                    ? TypedResults.Ok(View(record, clock.GetUtcNow(), options.Value.OnlineWithin))
                    : ApiProblems.NotFound($"No gateway {site}/{gateway} is known.");
            })
            .WithName("GetGateway").WithSummary("One gateway.")
            .Produces<GatewayView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>Online from the retained status; a gateway heard only through readings is online while they are recent.</summary>
    public static bool IsOnline(GatewayRecord record, DateTimeOffset now, TimeSpan onlineWithin)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.State switch
        {
            GatewayState.Online => true,
            GatewayState.Offline => false,
            _ => record.LastSeen is { } seen && now - seen <= onlineWithin,
        };
    }

    private static GatewayView View(GatewayRecord g, DateTimeOffset now, TimeSpan onlineWithin) => new(
        g.Site,
        g.Gateway,
        IsOnline(g, now, onlineWithin) ? "online" : "offline",
        g.Version,
        g.LastSeen,
        g.StartedAt,
        g.Location?.Latitude,
        g.Location?.Longitude,
        [.. g.Sensors.Select(s => new SensorView(s.SensorId, s.Model, StorageMapping.Measurement(s.Kind), s.Quantities))]);
}
