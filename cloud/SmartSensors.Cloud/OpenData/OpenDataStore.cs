using System.Globalization;
using System.Text;
using SmartSensors.Cloud.Alerts.AirQuality;
using SmartSensors.Contracts;
using SmartSensors.Influx.Query;

namespace SmartSensors.Cloud.OpenData;

/// <summary>
/// Reads the published series from InfluxDB with parameterised InfluxQL: every value from the request (times, the
/// stations' internal ids) is a bound parameter; identifiers are fixed names, quoted. Only configured stations are
/// queried, and each series is mapped back to its public station before it leaves this class.
/// </summary>
internal sealed class OpenDataStore
{
    private readonly InfluxQueryClient _influx;
    private readonly StationDirectory _stations;

    public OpenDataStore(InfluxQueryClient influx, StationDirectory stations)
    {
        _influx = influx;
        _stations = stations;
    }

    /// <summary>Hourly air-quality rows per station.</summary>
    public async Task<IReadOnlyList<(PublishedStation Station, AirQualityRow Row)>> AirQualityAsync(OpenDataRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var select = string.Join(", ", AirQualityHours.Pollutants.Select(p =>
        {
            var field = AirQualityHours.Field(p);
            return $"sum({InfluxQL.QuoteIdentifier(field)}) AS {InfluxQL.QuoteIdentifier(field + "_sum")}, count({InfluxQL.QuoteIdentifier(field)}) AS {InfluxQL.QuoteIdentifier(field + "_count")}";
        }));
        var series = await QueryAsync(request, select, request.From - AirQualityHours.History, TimeSpan.FromMinutes(15), cancellationToken).ConfigureAwait(false);
        var rows = new List<(PublishedStation, AirQualityRow)>();
        foreach (var (station, s) in series)
        {
            var samples = new List<QuarterSample>();
            for (var r = 0; r < s.Values.Count; r++)
            {
                var start = Time(s, r);
                foreach (var p in AirQualityHours.Pollutants)
                {
                    var field = AirQualityHours.Field(p);
                    if (s.GetDouble(r, field + "_sum") is { } sum && s.GetDouble(r, field + "_count") is { } count && count > 0)
                    {
                        samples.Add(new QuarterSample(start, p, sum, (long)count));
                    }
                }
            }

            rows.AddRange(AirQualityHours.Rows(samples, request.From, request.To).Select(row => (station, row)));
        }

        return rows;
    }

    /// <summary>River-level rows (mean, min, max, count of <c>level</c>) per station and window.</summary>
    public async Task<IReadOnlyList<(PublishedStation Station, RiverLevelRow Row)>> RiverLevelsAsync(OpenDataRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var level = InfluxQL.QuoteIdentifier(Quantities.Level.Name);
        var select = $"mean({level}) AS \"mean\", min({level}) AS \"min\", max({level}) AS \"max\", count({level}) AS \"count\"";
        var series = await QueryAsync(request, select, request.From, request.Window, cancellationToken).ConfigureAwait(false);
        var rows = new List<(PublishedStation, RiverLevelRow)>();
        foreach (var (station, s) in series)
        {
            for (var r = 0; r < s.Values.Count; r++)
            {
                if (s.GetDouble(r, "count") is { } count && count > 0 && s.GetDouble(r, "mean") is { } mean
                    && s.GetDouble(r, "min") is { } min && s.GetDouble(r, "max") is { } max)
                {
                    rows.Add((station, new RiverLevelRow(Time(s, r), mean, min, max, (long)count)));
                }
            }
        }

        return rows;
    }

    /// <summary>Footfall totals (<c>count</c>, <c>in</c>, <c>out</c>) per station and window (at least 15 minutes: the
    /// request has been checked).</summary>
    public async Task<IReadOnlyList<(PublishedStation Station, FootfallRow Row)>> FootfallAsync(OpenDataRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Window < OpenDataOptions.FootfallMinimumWindow)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.Window, "footfall is published only in windows of 15 minutes or more");
        }

        var select = string.Join(", ", new[] { Quantities.Count, Quantities.In, Quantities.Out }
            .Select(q => $"sum({InfluxQL.QuoteIdentifier(q.Name)}) AS {InfluxQL.QuoteIdentifier(q.Name)}"));
        var series = await QueryAsync(request, select, request.From, request.Window, cancellationToken).ConfigureAwait(false);
        var rows = new List<(PublishedStation, FootfallRow)>();
        foreach (var (station, s) in series)
        {
            for (var r = 0; r < s.Values.Count; r++)
            {
                var count = Whole(s.GetDouble(r, Quantities.Count.Name));
                var @in = Whole(s.GetDouble(r, Quantities.In.Name));
                var @out = Whole(s.GetDouble(r, Quantities.Out.Name));
                if (count is not null || @in is not null || @out is not null)
                {
                    rows.Add((station, new FootfallRow(Time(s, r), count, @in, @out)));
                }
            }
        }

        return rows;
    }

    private async Task<List<(PublishedStation Station, InfluxSeries Series)>> QueryAsync(OpenDataRequest request, string select, DateTimeOffset from, TimeSpan window, CancellationToken cancellationToken)
    {
        var found = new List<(PublishedStation, InfluxSeries)>();
        if (request.Stations.Count == 0)
        {
            return found;
        }

        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["from"] = from,
            ["to"] = request.To,
        };
        var where = new StringBuilder();
        for (var i = 0; i < request.Stations.Count; i++)
        {
            var s = request.Stations[i];
            var n = i.ToString(CultureInfo.InvariantCulture);
            parameters["site" + n] = s.Site;
            parameters["gateway" + n] = s.Gateway;
            parameters["sensor" + n] = s.Sensor;
            where.Append(i == 0 ? "(" : " OR (")
                .Append(CultureInfo.InvariantCulture, $"{Tag(StorageMapping.SiteTag)} = $site{n} AND {Tag(StorageMapping.GatewayTag)} = $gateway{n} AND {Tag(StorageMapping.SensorTag)} = $sensor{n})");
        }

        var query = string.Create(CultureInfo.InvariantCulture,
            $"SELECT {select} FROM {InfluxQL.QuoteIdentifier(StationKinds.Measurement(request.Kind))} WHERE time >= $from AND time < $to AND ({where}) GROUP BY time({InfluxQL.Duration(window)}), {Tag(StorageMapping.SiteTag)}, {Tag(StorageMapping.GatewayTag)}, {Tag(StorageMapping.SensorTag)} fill(none)");
        var result = await _influx.QueryAsync(query, parameters, epoch: InfluxEpoch.Milliseconds, cancellationToken: cancellationToken).ConfigureAwait(false);
        result.EnsureSuccess();
        foreach (var series in result.AllSeries)
        {
            if (series.Tags.TryGetValue(StorageMapping.SiteTag, out var site)
                && series.Tags.TryGetValue(StorageMapping.GatewayTag, out var gateway)
                && series.Tags.TryGetValue(StorageMapping.SensorTag, out var sensor)
                && _stations.Find(request.Kind, site, gateway, sensor) is { } station)
            {
                found.Add((station, series));
            }
        }

        // Station order as configured, then time (InfluxDB orders series by tag values, which would reveal them).
        var order = request.Stations.Select((s, i) => (s, i)).ToDictionary(x => x.s.Id, x => x.i, StringComparer.Ordinal);
        found.Sort((a, b) => order.GetValueOrDefault(a.Item1.Id).CompareTo(order.GetValueOrDefault(b.Item1.Id)));
        return found;
    }

    private static string Tag(string name) => InfluxQL.QuoteIdentifier(name);

    private static DateTimeOffset Time(InfluxSeries series, int row) => series.GetValue(row, "time") switch
    {
        long ms => DateTimeOffset.FromUnixTimeMilliseconds(ms),
        double ms => DateTimeOffset.FromUnixTimeMilliseconds((long)ms),
        var other => throw new InfluxQueryException($"InfluxDB gave a time that is not a number: {other}"),
    };

    private static long? Whole(double? value) => value is { } v && double.IsFinite(v) ? (long)Math.Round(v) : null;
}
