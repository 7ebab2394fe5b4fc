using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Xml;

namespace SmartSensors.Cloud.OpenData;

/// <summary>
/// Renders dataset rows as JSON (an envelope with the licence, publisher, fields with units, the stations and the
/// rows) or as RFC 4180 CSV (a header row and the rows; the licence goes in a <c>Link</c> header). A row is one value
/// per field of its dataset: <see cref="string"/>, <see cref="double"/>, <see cref="long"/>, <see cref="int"/> or null.
/// Pure.
/// </summary>
internal static class OpenDataRenderer
{
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The UTF-8 CSV of <paramref name="rows"/> (no byte-order mark).</summary>
    public static byte[] Csv(OpenDataset dataset, IEnumerable<object?[]> rows)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(rows);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        var csv = new CsvWriter(text);
        foreach (var field in dataset.Fields)
        {
            csv.Text(field.Name);
        }

        csv.EndRow();
        foreach (var row in rows)
        {
            foreach (var cell in row)
            {
                switch (cell)
                {
                    case null: csv.Text(null); break;
                    case string s: csv.Text(s); break;
                    case double d: csv.Number(d); break;
                    case long l: csv.Integer(l); break;
                    case int i: csv.Integer(i); break;
                    default: throw new ArgumentException($"A cell of type {cell.GetType().Name} cannot be written.", nameof(rows));
                }
            }

            csv.EndRow();
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The UTF-8 JSON document of <paramref name="rows"/> with its metadata.</summary>
    public static byte[] Json(OpenDataset dataset, OpenDataOptions options, OpenDataRequest request, IEnumerable<PublishedStation> stations, IEnumerable<object?[]> rows)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(stations);
        ArgumentNullException.ThrowIfNull(rows);
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteString("dataset", dataset.Id);
            json.WriteString("title", dataset.Title);
            WriteLicence(json, options);
            WritePublisher(json, options);
            json.WriteString("from", Time(request.From));
            json.WriteString("to", Time(request.To));
            json.WriteString("window", XmlConvert.ToString(request.Window));
            WriteFields(json, dataset);
            json.WriteStartArray("stations");
            foreach (var station in stations)
            {
                WriteStation(json, station);
            }

            json.WriteEndArray();
            json.WriteStartArray("rows");
            foreach (var row in rows)
            {
                json.WriteStartObject();
                for (var i = 0; i < dataset.Fields.Count; i++)
                {
                    var name = dataset.Fields[i].Name;
                    switch (row[i])
                    {
                        case null: json.WriteNull(name); break;
                        case string s: json.WriteString(name, s); break;
                        case double d: json.WriteNumber(name, d); break;
                        case long l: json.WriteNumber(name, l); break;
                        case int n: json.WriteNumber(name, n); break;
                        default: throw new ArgumentException($"A cell of type {row[i]!.GetType().Name} cannot be written.", nameof(rows));
                    }
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The catalogue: publisher, licence and every dataset with its fields, formats, coverage and stations.</summary>
    public static byte[] Catalogue(OpenDataOptions options, StationDirectory directory, OpenDataLimits limits)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(limits);
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteString("title", "SmartSensors open data");
            WritePublisher(json, options);
            WriteLicence(json, options);
            json.WriteString("stations", "/open/v1/stations");
            json.WriteStartObject("limits");
            json.WriteString("maxRange", XmlConvert.ToString(options.MaxRange));
            json.WriteNumber("maxRows", options.MaxRows);
            json.WriteString("minimumFootfallWindow", XmlConvert.ToString(OpenDataOptions.FootfallMinimumWindow));
            if (limits.PermitsPerMinute is { } permits)
            {
                json.WriteNumber("requestsPerMinute", permits);
            }

            json.WriteEndObject();
            json.WriteStartArray("datasets");
            foreach (var dataset in OpenDatasets.All)
            {
                var stations = directory.All.Where(s => s.Kind == dataset.Kind).ToList();
                json.WriteStartObject();
                json.WriteString("id", dataset.Id);
                json.WriteString("title", dataset.Title);
                json.WriteString("description", dataset.Description);
                json.WriteString("licence", options.Licence.Name);
                json.WriteString("licenceUrl", options.Licence.Url!.AbsoluteUri);
                json.WriteString("publisher", options.Publisher);
                json.WriteString("updateFrequency", dataset.UpdateFrequency);
                json.WriteString("accrualPeriodicity", dataset.UpdatePeriod);
                json.WriteStartObject("distributions");
                json.WriteString("json", $"/open/v1/{dataset.Id}");
                json.WriteString("csv", $"/open/v1/{dataset.Id}.csv");
                json.WriteEndObject();
                json.WriteStartArray("parameters");
                json.WriteStringValue("station");
                json.WriteStringValue("from");
                json.WriteStringValue("to");
                if (dataset.Kind != StationKinds.AirQuality)
                {
                    json.WriteStringValue("window");
                }

                json.WriteStringValue("format");
                json.WriteEndArray();
                WriteFields(json, dataset);
                json.WriteStartObject("coverage");
                json.WriteNumber("stations", stations.Count);
                var located = stations.Where(s => s.Latitude.HasValue && s.Longitude.HasValue).ToList();
                if (located.Count > 0)
                {
                    json.WriteStartArray("boundingBox");
                    json.WriteNumberValue(located.Min(s => s.Longitude!.Value));
                    json.WriteNumberValue(located.Min(s => s.Latitude!.Value));
                    json.WriteNumberValue(located.Max(s => s.Longitude!.Value));
                    json.WriteNumberValue(located.Max(s => s.Latitude!.Value));
                    json.WriteEndArray();
                }

                json.WriteString("temporal", "Rolling: readings are kept as long as the council's retention policy allows; one request covers at most " + XmlConvert.ToString(options.MaxRange) + ".");
                json.WriteEndObject();
                json.WriteStartArray("stationIds");
                foreach (var s in stations)
                {
                    json.WriteStringValue(s.Id);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The published stations as JSON (with licence) or CSV.</summary>
    public static byte[] Stations(OpenDataOptions options, StationDirectory directory, bool csv)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(directory);
        if (csv)
        {
            return Csv(StationsDataset, directory.All.Select(s => new object?[]
            {
                s.Id, s.Name, s.Kind, s.Latitude, s.Longitude, s.Thresholds?.Alert, s.Thresholds?.Warning, s.Thresholds?.Severe,
            }));
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteString("title", "SmartSensors stations");
            WriteLicence(json, options);
            WritePublisher(json, options);
            json.WriteStartArray("stations");
            foreach (var s in directory.All)
            {
                WriteStation(json, s);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The columns of the stations list.</summary>
    public static OpenDataset StationsDataset { get; } = new("stations", "", "Stations", "The published stations.", "when the configuration changes", "", [
        new("id", null, "Public station id."),
        new("name", null, "Public station name."),
        new("kind", null, "air-quality, river-level or footfall."),
        new("latitude", "degrees", "WGS 84 latitude, rounded to 0.001° (about 100 m)."),
        new("longitude", "degrees", "WGS 84 longitude, rounded to 0.001°."),
        new("alert_level", "m", "River stations: Flood Alert level."),
        new("warning_level", "m", "River stations: Flood Warning level."),
        new("severe_level", "m", "River stations: Severe Flood Warning level."),
    ]);

    /// <summary>An ISO 8601 UTC time with seconds, e.g. <c>2025-06-01T10:00:00Z</c>.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void WriteLicence(Utf8JsonWriter json, OpenDataOptions options)
    {
        json.WriteStartObject("licence");
        json.WriteString("name", options.Licence.Name);
        json.WriteString("url", options.Licence.Url!.AbsoluteUri);
        json.WriteString("attribution", options.Licence.Attribution);
        json.WriteEndObject();
    }

    private static void WritePublisher(Utf8JsonWriter json, OpenDataOptions options)
    {
        json.WriteStartObject("publisher");
        json.WriteString("name", options.Publisher);
        if (options.PublisherUrl is { } url)
        {
            json.WriteString("url", url.AbsoluteUri);
        }

        if (!string.IsNullOrWhiteSpace(options.Contact))
        {
            json.WriteString("contact", options.Contact);
        }

        json.WriteEndObject();
    }

    private static void WriteFields(Utf8JsonWriter json, OpenDataset dataset)
    {
        json.WriteStartArray("fields");
        foreach (var field in dataset.Fields)
        {
            json.WriteStartObject();
            json.WriteString("name", field.Name);
            if (field.Unit is { } unit)
            {
                json.WriteString("unit", unit);
            }
            else
            {
                json.WriteNull("unit");
            }

            json.WriteString("description", field.Description);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteStation(Utf8JsonWriter json, PublishedStation s)
    {
        json.WriteStartObject();
        json.WriteString("id", s.Id);
        json.WriteString("name", s.Name);
        json.WriteString("kind", s.Kind);
        if (s.Latitude is { } lat && s.Longitude is { } lon)
        {
            json.WriteNumber("latitude", lat);
            json.WriteNumber("longitude", lon);
        }

        if (s.Thresholds is { } t)
        {
            json.WriteNumber("alertLevel", t.Alert);
            json.WriteNumber("warningLevel", t.Warning);
            json.WriteNumber("severeLevel", t.Severe);
        }

        json.WriteEndObject();
    }
}
