using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmartSensors.Cloud.Alerts.AirQuality;
using SmartSensors.Cloud.Alerts.Evaluation;
using SmartSensors.Cloud.Alerts.Rules;
using SmartSensors.Cloud.Api.Readings;
using SmartSensors.Contracts;
using SmartSensors.Influx.Query;

namespace SmartSensors.Cloud.Api.Endpoints;

/// <summary><c>/sensors</c>, <c>/readings/latest</c>, <c>/readings</c> (from InfluxDB) and <c>/air-quality</c> (DAQI).</summary>
internal static class ReadingsEndpoints
{
    /// <summary>Windows tried, smallest first, when the request names none.</summary>
    private static readonly TimeSpan[] WindowLadder =
    [
        TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5),
        TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(3), TimeSpan.FromHours(6),
        TimeSpan.FromHours(12), TimeSpan.FromDays(1), TimeSpan.FromDays(7), TimeSpan.FromDays(31),
    ];

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/sensors", Latest).WithName("ListSensors")
            .WithSummary("Every sensor with its newest value per quantity (optionally of one site).")
            .Produces<List<LatestReading>>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/readings/latest", Latest).WithName("LatestReadings")
            .WithSummary("The newest value per sensor and quantity (optionally of one site).")
            .Produces<List<LatestReading>>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/readings", RangeAsync).WithName("Readings")
            .WithSummary("One sensor's quantity over [from, to), aggregated per window (mean, min, max, count).")
            .Produces<ReadingSeries>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/air-quality", AirQualityAsync).WithName("AirQuality")
            .WithSummary("The DAQI (index 1-10, band, pollutant) of every air sensor (optionally of one site).")
            .Produces<List<AirQualityView>>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> Latest(string? site, ReadingsQuery readings, CancellationToken cancellationToken)
    {
        if (!ApiQuery.TryId("site", site, required: false, out _, out var problem))
        {
            return problem;
        }

        try
        {
            return TypedResults.Ok(await readings.LatestAsync(site, null, cancellationToken).ConfigureAwait(false));
        }
        catch (InfluxQueryException ex)
        {
            return InfluxDown(ex);
        }
    }

    private static async Task<IResult> RangeAsync(
        string? site,
        string? gateway,
        string? sensor,
        string? quantity,
        string? from,
        string? to,
        string? window,
        ReadingsQuery readings,
        IOptions<ApiOptions> options,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var now = clock.GetUtcNow();
        if (!ApiQuery.TryId("site", site, required: true, out _, out var problem)
            || !ApiQuery.TryId("gateway", gateway, required: true, out _, out problem)
            || !ApiQuery.TryId("sensor", sensor, required: true, out _, out problem)
            || !ApiQuery.TryQuantity("quantity", quantity, out var definition, out problem)
            || !ApiQuery.TryTime("to", to, now, out var end, out problem)
            || !ApiQuery.TryTime("from", from, end - TimeSpan.FromDays(1), out var start, out problem)
            || !ApiQuery.TryWindow("window", window, limits.MaxWindow, out var requested, out problem))
        {
            return problem;
        }

        if (start >= end)
        {
            return ApiProblems.BadParameter("from", $"must be before to ({start:O} is not before {end:O}).");
        }

        if (end - start > limits.MaxRange)
        {
            return ApiProblems.BadParameter("from", $"the range from..to is longer than {ApiQuery.Format(limits.MaxRange)} (Api:MaxRange).");
        }

        var range = end - start;
        TimeSpan step;
        if (requested is { } chosen)
        {
            var points = Math.Ceiling(range.TotalSeconds / chosen.TotalSeconds);
            if (points > limits.MaxPoints)
            {
                var least = WindowLadder.FirstOrDefault(w => Math.Ceiling(range.TotalSeconds / w.TotalSeconds) <= limits.MaxPoints);
                return ApiProblems.BadParameter(
                    "window",
                    $"'{window}' over this range gives up to {points:0} points; at most {limits.MaxPoints} are returned (Api:MaxPoints)" +
                    (least > TimeSpan.Zero ? $"; use a window of at least {ApiQuery.Format(least)}." : "; shorten the range."));
            }

            step = chosen;
        }
        else
        {
            step = WindowLadder.FirstOrDefault(w => Math.Ceiling(range.TotalSeconds / w.TotalSeconds) <= limits.MaxPoints);
            if (step == TimeSpan.Zero || step > limits.MaxWindow)
            {
                return ApiProblems.BadParameter("from", "the range from..to is too long for any window within Api:MaxPoints and Api:MaxWindow; shorten it or pass window.");
            }
        }

        try
        {
            var points = await readings.RangeAsync(site!, gateway!, sensor!, definition, start, end, step, cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok(new ReadingSeries(site!, gateway!, sensor!, definition.Name, definition.Unit, start, end, ApiQuery.Format(step), points));
        }
        catch (InfluxQueryException ex)
        {
            return InfluxDown(ex);
        }
    }

    private static async Task<IResult> AirQualityAsync(string? site, ReadingsQuery readings, HttpContext context, CancellationToken cancellationToken)
    {
        if (!ApiQuery.TryId("site", site, required: false, out _, out var problem))
        {
            return problem;
        }

        if (context.RequestServices.GetService<AlertEvaluator>() is not { } evaluator)
        {
            return ApiProblems.AlertsRoleOff();
        }

        IReadOnlyList<LatestReading> latest;
        try
        {
            latest = await readings.LatestAsync(site, Quantities.OfKind(SensorKind.AirQuality), cancellationToken).ConfigureAwait(false);
        }
        catch (InfluxQueryException ex)
        {
            return InfluxDown(ex);
        }

        var sensors = latest.Select(r => new SensorKey(r.Site, r.Gateway, r.Sensor)).Distinct().ToList();
        return TypedResults.Ok(sensors.Select(key =>
        {
            var daqi = evaluator.AirQualityOf(key);
            return daqi.InsufficientData
                ? new AirQualityView(key.Site, key.Gateway, key.Sensor, "insufficient data", null, null, null, null)
                : new AirQualityView(key.Site, key.Gateway, key.Sensor, "ok", daqi.Index, RuleEngine.BandName(daqi.Band!.Value), PollutantName(daqi.Pollutant), daqi.Mean);
        }).ToList());
    }

    /// <summary>The pollutant as the catalogue's quantity name.</summary>
    private static string? PollutantName(Pollutant? pollutant) => pollutant switch
    {
        Pollutant.No2 => Quantities.No2.Name,
        Pollutant.So2 => Quantities.So2.Name,
        Pollutant.O3 => Quantities.O3.Name,
        Pollutant.Pm25 => Quantities.Pm25.Name,
        Pollutant.Pm10 => Quantities.Pm10.Name,
        _ => null,
    };

    private static IResult InfluxDown(InfluxQueryException ex) =>
        ApiProblems.Unavailable($"InfluxDB did not answer the query: {ex.Message}");
}
