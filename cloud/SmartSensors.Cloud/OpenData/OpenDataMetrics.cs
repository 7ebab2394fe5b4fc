using System.Diagnostics.Metrics;

namespace SmartSensors.Cloud.OpenData;

/// <summary>Instruments of the <c>SmartSensors.OpenData</c> meter.</summary>
internal sealed class OpenDataMetrics
{
    public const string MeterName = "SmartSensors.OpenData";

    public OpenDataMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        Requests = meter.CreateCounter<long>("smartsensors.opendata.requests", "{request}",
            "Open-data requests, tagged by dataset, format and outcome (queried, cached, not_modified, refused, unavailable).");
        QueryDuration = meter.CreateHistogram<double>("smartsensors.opendata.query_duration", "s", "Time InfluxDB took to answer an open-data query.");
    }

    public Counter<long> Requests { get; }

    public Histogram<double> QueryDuration { get; }
}
