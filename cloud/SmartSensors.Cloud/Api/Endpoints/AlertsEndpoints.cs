using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmartSensors.Cloud.Alerts.Channels;
using SmartSensors.Cloud.Alerts.Lifecycle;
using SmartSensors.Cloud.Alerts.Round;
using SmartSensors.Cloud.Alerts.Routing;
using SmartSensors.Cloud.Alerts.Store;
using SmartSensors.Cloud.Security;

namespace SmartSensors.Cloud.Api.Endpoints;

/// <summary>Alerts (list, one, acknowledge, resolve), the watering round and failed notifications, served from the
/// alerts role's store in this process (503 when the process does not run the alerts role).</summary>
internal static class AlertsEndpoints
{
    private static readonly string[] States = ["open", "raised", "acknowledged", "resolved", "all"];
    private static readonly string[] Categories = ["watering", "air-quality", "flood", "device-health"];
    private static readonly string[] Severities = ["minor", "moderate", "severe", "extreme"];

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/alerts", List).WithName("ListAlerts")
            .WithSummary("Alerts, newest first: state open (default), raised, acknowledged, resolved or all; filter by category, site, severity.")
            .Produces<List<AlertMessage>>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/alerts/{id}", Get).WithName("GetAlert").WithSummary("One alert with its history.")
            .Produces<AlertDetail>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/alerts/{id}/acknowledge", (string id, ClaimsPrincipal user, HttpContext context) => Change(id, user, context, acknowledge: true))
            .WithName("AcknowledgeAlert").WithSummary("Acknowledges an open alert (stops re-notification). Needs the role owning its category, or admin.")
            .Produces<AlertMessage>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/alerts/{id}/resolve", (string id, ClaimsPrincipal user, HttpContext context) => Change(id, user, context, acknowledge: false))
            .WithName("ResolveAlert").WithSummary("Resolves an open alert by hand. Needs the role owning its category, or admin.")
            .Produces<AlertMessage>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/watering-round", Round).WithName("WateringRound")
            .WithSummary("The beds that need water now, grouped by site, driest first (optionally of one site).")
            .Produces<WateringRoundMessage>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/notifications/failed", (string? limit, HttpContext context, IOptions<ApiOptions> options) =>
            {
                if (!ApiQuery.TryLimit("limit", limit, 100, options.Value.MaxAlerts, out var count, out var problem))
                {
                    return problem;
                }

                return context.RequestServices.GetService<AlertStore>() is not { } store
                    ? ApiProblems.AlertsRoleOff()
                    : TypedResults.Ok(store.FailedNotifications(count).Select(f => new FailedNotification(f.Entry.Key, f.Entry.Channel, f.Entry.Audience, f.Attempts, f.FailedAt, f.LastError)).ToList());
            })
            .RequireAuthorization(ApiPolicies.Operators)
            .WithName("FailedNotifications").WithSummary("Notifications that ran out of retries (operators).")
            .Produces<List<FailedNotification>>();
    }

    private static IResult List(string? state, string? category, string? site, string? severity, string? limit, HttpContext context, IOptions<ApiOptions> options, TimeProvider clock)
    {
        if (!ApiQuery.TryChoice("state", state, States, out var wantedState, out var problem)
            || !ApiQuery.TryChoice("category", category, Categories, out var wantedCategory, out problem)
            || !ApiQuery.TryId("site", site, required: false, out _, out problem)
            || !ApiQuery.TryChoice("severity", severity, Severities, out var wantedSeverity, out problem)
            || !ApiQuery.TryLimit("limit", limit, options.Value.MaxAlerts, options.Value.MaxAlerts, out var count, out problem))
        {
            return problem;
        }

        if (context.RequestServices.GetService<AlertStore>() is not { } store)
        {
            return ApiProblems.AlertsRoleOff();
        }

        wantedState ??= "open";
        var alerts = wantedState is "resolved" or "all"
            ? store.ListCurrent(clock.GetUtcNow() - options.Value.ResolvedAlertsWindow, options.Value.MaxAlerts)
            : store.ListOpen();
        var selected = alerts
            .Select(AlertRouter.ToMessage)
            .Where(a => wantedState switch
            {
                "open" => a.State != "resolved",
                "all" => true,
                _ => a.State == wantedState,
            })
            .Where(a => wantedCategory is null || a.Category == wantedCategory)
            .Where(a => site is null || a.Site == site)
            .Where(a => wantedSeverity is null || a.Severity == wantedSeverity)
            .Take(count)
            .ToList();
        return TypedResults.Ok(selected);
    }

    private static IResult Get(string id, HttpContext context)
    {
        if (!TryAlertId(id, out var problem))
        {
            return problem;
        }

        if (context.RequestServices.GetService<AlertStore>() is not { } store)
        {
            return ApiProblems.AlertsRoleOff();
        }

        return store.Get(id) is { } alert
            ? TypedResults.Ok(new AlertDetail(
                AlertRouter.ToMessage(alert),
                [.. store.History(id).Select(e => new AlertHistoryEntry(e.Version, AlertNames.Of(e.Kind), e.At, AlertNames.Of(e.Severity), e.Message, e.Actor))]))
            : ApiProblems.NotFound($"No alert {id}.");
    }

    private static IResult Change(string id, ClaimsPrincipal user, HttpContext context, bool acknowledge)
    {
        if (!TryAlertId(id, out var problem))
        {
            return problem;
        }

        if (context.RequestServices.GetService<AlertStore>() is not { } store || context.RequestServices.GetService<AlertLifecycle>() is not { } lifecycle)
        {
            return ApiProblems.AlertsRoleOff();
        }

        if (store.Get(id) is not { } alert)
        {
            return ApiProblems.NotFound($"No alert {id}.");
        }

        if (!ApiRoles.MayAct(user, alert.Category))
        {
            return ApiProblems.Forbidden(
                $"Alerts of category {AlertNames.Of(alert.Category)} are acknowledged and resolved by the {ApiRoles.OwnerOf(alert.Category)} role or admin; {Forbidden.Detail(user)}");
        }

        var name = user.Identity?.Name is { Length: > 0 } n ? (n.Length > 100 ? n[..100] : n) : "api";
        var changed = acknowledge ? lifecycle.Acknowledge(id, name) : lifecycle.Resolve(id, name);
        return changed is null
            ? Results.Problem(detail: $"Alert {id} is resolved; it can no longer be {(acknowledge ? "acknowledged" : "resolved")}.", statusCode: StatusCodes.Status409Conflict, title: "Conflict")
            : TypedResults.Ok(AlertRouter.ToMessage(changed));
    }

    private static IResult Round(string? site, HttpContext context)
    {
        if (!ApiQuery.TryId("site", site, required: false, out _, out var problem))
        {
            return problem;
        }

        if (context.RequestServices.GetService<WateringRound>() is not { } round)
        {
            return ApiProblems.AlertsRoleOff();
        }

        var built = round.Build();
        if (site is not null)
        {
            var sites = built.Sites.Where(s => s.Site == site).ToList();
            built = built with { Sites = sites, BedCount = sites.Sum(s => s.Beds.Count) };
        }

        return TypedResults.Ok(built);
    }

    private static bool TryAlertId(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out IResult? problem)
    {
        // Alert ids are GUIDs in "N" format (32 lower-case hex digits).
        if (id.Length == 32 && id.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f')))
        {
            problem = null;
            return true;
        }

        problem = ApiProblems.BadParameter("id", "is not an alert id (32 lower-case hex digits).");
        return false;
    }
}
