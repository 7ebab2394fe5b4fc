using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using SmartSensors.Influx.Query;

namespace SmartSensors.Cloud.OpenData;

/// <summary>
/// Answers the <c>/open/v1</c> requests: checks the parameters (400 problem details naming the parameter), serves a
/// rendered response from memory when the same request was answered within <see cref="OpenDataOptions.CacheDuration"/>
/// (one InfluxDB query however many clients ask at once), and sends <c>ETag</c> and <c>Cache-Control</c> so clients
/// and caches can reuse it (304 on a matching <c>If-None-Match</c>).
/// </summary>
internal sealed class OpenDataResponder : IDisposable
{
    private const string JsonType = "application/json; charset=utf-8";
    private const string CsvType = "text/csv; charset=utf-8";

    private readonly OpenDataOptions _options;
    private readonly StationDirectory _stations;
    private readonly OpenDataStore _store;
    private readonly TimeProvider _clock;
    private readonly OpenDataMetrics _metrics;
    private readonly ILogger _logger;
    private readonly MemoryCache _cache;
    private readonly ConcurrentDictionary<string, Lazy<Task<RenderedResponse>>> _inFlight = new(StringComparer.Ordinal);
    private readonly RenderedResponse _catalogue;
    private readonly RenderedResponse _stationsJson;
    private readonly RenderedResponse _stationsCsv;

    public OpenDataResponder(IOptions<OpenDataOptions> options, StationDirectory stations, OpenDataStore store, TimeProvider clock, OpenDataMetrics metrics, OpenDataLimits limits, ILogger<OpenDataResponder> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _stations = stations;
        _store = store;
        _clock = clock;
        _metrics = metrics;
        _logger = logger;
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, _options.CacheSizeBytes) });
        _catalogue = Rendered(OpenDataRenderer.Catalogue(_options, stations, limits), JsonType, null);
        _stationsJson = Rendered(OpenDataRenderer.Stations(_options, stations, csv: false), JsonType, null);
        _stationsCsv = Rendered(OpenDataRenderer.Stations(_options, stations, csv: true), CsvType, "stations.csv");
    }

    /// <summary>The catalogue (<c>/open/v1/</c>, <c>/open/v1/datasets</c>).</summary>
    public Task CatalogueAsync(HttpContext context) => WriteAsync(context, _catalogue, "catalogue", "json", "static");

    /// <summary>The stations list (<c>/open/v1/stations</c>, <c>.csv</c>).</summary>
    public Task StationsAsync(HttpContext context, bool csv) =>
        WriteAsync(context, csv ? _stationsCsv : _stationsJson, "stations", csv ? "csv" : "json", "static");

    /// <summary>One dataset (<c>/open/v1/{dataset}</c>, <c>.csv</c>).</summary>
    public async Task DatasetAsync(HttpContext context, OpenDataset dataset, bool csvSuffix)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(dataset);
        var request = OpenDataParameters.Parse(dataset.Kind, context.Request.Query, csvSuffix, _options, _clock.GetUtcNow(), out var problem);
        var format = (request?.Csv ?? csvSuffix) ? "csv" : "json";
        if (request is null)
        {
            OpenDataLog.Refused(_logger, dataset.Id, problem!.Parameter, problem.Detail);
            Count(dataset.Id, format, "refused");
            await Problem(StatusCodes.Status400BadRequest, "Invalid parameter", problem.Detail, problem.Parameter).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var key = $"{dataset.Id}|{request.CacheKey}";
        if (_cache.TryGetValue(key, out RenderedResponse? cached) && cached is not null)
        {
            await WriteAsync(context, cached, dataset.Id, format, "cached").ConfigureAwait(false);
            return;
        }

        RenderedResponse rendered;
        try
        {
            var lazy = _inFlight.GetOrAdd(key, k => new Lazy<Task<RenderedResponse>>(() => RenderSharedAsync(k, dataset, request)));
            rendered = await lazy.Value.WaitAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (InfluxQueryException ex)
        {
            OpenDataLog.QueryFailed(_logger, ex, dataset.Id);
            Count(dataset.Id, format, "unavailable");
            context.Response.Headers.RetryAfter = "30";
            await Problem(StatusCodes.Status503ServiceUnavailable, "Data temporarily unavailable", "The readings store did not answer; try again in a little while.", null).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        await WriteAsync(context, rendered, dataset.Id, format, "queried").ConfigureAwait(false);
    }

    public void Dispose() => _cache.Dispose();

    /// <summary>A strong entity tag from the SHA-256 of the body.</summary>
    public static string EntityTag(ReadOnlySpan<byte> body) =>
        "\"" + Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 16)) + "\"";

    private async Task<RenderedResponse> RenderSharedAsync(string key, OpenDataset dataset, OpenDataRequest request)
    {
        try
        {
            return await RenderAsync(key, dataset, request).ConfigureAwait(false);
        }
        finally
        {
            // Done (or failed): the next request for the key is served from the cache, or queries again.
            _inFlight.TryRemove(key, out _);
        }
    }

    private async Task<RenderedResponse> RenderAsync(string key, OpenDataset dataset, OpenDataRequest request)
    {
        // Shared by every caller of the same request, so not tied to one caller's cancellation: the InfluxDB client's
        // own timeout (Influx:RequestTimeout) bounds it.
        var started = Stopwatch.GetTimestamp();
        var rows = dataset.Kind switch
        {
            StationKinds.AirQuality => (await _store.AirQualityAsync(request, CancellationToken.None).ConfigureAwait(false)).Select(x => AirQualityCells(x.Station, x.Row)).ToList(),
            StationKinds.RiverLevel => (await _store.RiverLevelsAsync(request, CancellationToken.None).ConfigureAwait(false)).Select(x => RiverCells(x.Station, x.Row, request.Window)).ToList(),
            StationKinds.Footfall => (await _store.FootfallAsync(request, CancellationToken.None).ConfigureAwait(false)).Select(x => FootfallCells(x.Station, x.Row, request.Window)).ToList(),
            _ => throw new InvalidOperationException($"No dataset for station kind {dataset.Kind}."),
        };
        _metrics.QueryDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("dataset", dataset.Id));
        var body = request.Csv
            ? OpenDataRenderer.Csv(dataset, rows)
            : OpenDataRenderer.Json(dataset, _options, request, request.Stations.Select(_stations.Of), rows);
        var rendered = Rendered(body, request.Csv ? CsvType : JsonType, request.Csv ? $"{dataset.Id}.csv" : null);
        if (_options.CacheDuration > TimeSpan.Zero && _options.CacheSizeBytes > 0)
        {
            using var entry = _cache.CreateEntry(key);
            entry.Value = rendered;
            entry.Size = body.Length + key.Length;
            entry.AbsoluteExpirationRelativeToNow = _options.CacheDuration;
        }

        return rendered;
    }

    private static object?[] AirQualityCells(PublishedStation station, AirQualityRow row) =>
    [
        station.Id, station.Name, OpenDataRenderer.Time(row.Start), OpenDataRenderer.Time(row.Start.AddHours(1)),
        row.Pm25, row.Pm10, row.No2, row.O3, row.So2, row.DaqiIndex, row.DaqiBand, row.DaqiPollutant,
    ];

    private static object?[] RiverCells(PublishedStation station, RiverLevelRow row, TimeSpan window) =>
    [
        station.Id, station.Name, OpenDataRenderer.Time(row.Start), OpenDataRenderer.Time(row.Start + window),
        Metres(row.Mean), Metres(row.Min), Metres(row.Max), row.Readings,
        station.Thresholds?.Alert, station.Thresholds?.Warning, station.Thresholds?.Severe,
        station.Thresholds?.Status(row.Max),
    ];

    private static object?[] FootfallCells(PublishedStation station, FootfallRow row, TimeSpan window) =>
    [
        station.Id, station.Name, OpenDataRenderer.Time(row.Start), OpenDataRenderer.Time(row.Start + window),
        row.Count, row.In, row.Out,
    ];

    private static double Metres(double value) => Math.Round(value, 3, MidpointRounding.AwayFromZero);

    private static RenderedResponse Rendered(byte[] body, string contentType, string? fileName) =>
        new(body, contentType, EntityTag(body), fileName);

    private async Task WriteAsync(HttpContext context, RenderedResponse response, string dataset, string format, string outcome)
    {
        var headers = context.Response.Headers;
        headers.ETag = response.ETag;
        headers.CacheControl = string.Create(CultureInfo.InvariantCulture, $"public, max-age={(long)_options.CacheDuration.TotalSeconds}");
        headers.AccessControlAllowOrigin = "*";
        headers.XContentTypeOptions = "nosniff";
        headers.Append(HeaderNames.Link, $"<{_options.Licence.Url!.AbsoluteUri}>; rel=\"license\"");
        if (NotModified(context.Request, response.ETag))
        {
            Count(dataset, format, "not_modified");
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        Count(dataset, format, outcome);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = response.ContentType;
        context.Response.ContentLength = response.Body.Length;
        if (response.FileName is { } name)
        {
            headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        }

        await context.Response.Body.WriteAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private static bool NotModified(HttpRequest request, string etag)
    {
        var header = request.Headers.IfNoneMatch;
        if (header.Count == 0)
        {
            return false;
        }

        foreach (var value in header)
        {
            foreach (var candidate in (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var tag = candidate.StartsWith("W/", StringComparison.Ordinal) ? candidate[2..] : candidate;
                if (tag == "*" || string.Equals(tag, etag, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private void Count(string dataset, string format, string outcome) =>
        _metrics.Requests.Add(1,
            new KeyValuePair<string, object?>("dataset", dataset),
            new KeyValuePair<string, object?>("format", format),
            new KeyValuePair<string, object?>("outcome", outcome));

    private static IResult Problem(int status, string title, string detail, string? parameter) =>
        Results.Problem(detail: detail, statusCode: status, title: title,
            extensions: parameter is null ? null : new Dictionary<string, object?>(StringComparer.Ordinal) { ["parameter"] = parameter });
}
