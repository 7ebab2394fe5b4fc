using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using SmartSensors.Cloud.Api.Metrics;

namespace SmartSensors.Cloud.Tests.Api;

public sealed class PrometheusExporterTests
{
    [Fact]
    public void Scrape_CounterHistogramGaugeAndForeignMeter_RenderedAsPrometheusText()
    {
        var name = "SmartSensors.Test." + Guid.NewGuid().ToString("N");
        using var exporter = new PrometheusExporter(NullLogger<PrometheusExporter>.Instance);
        exporter.Start();
        using var meter = new Meter(name);
        using var foreign = new Meter("Other.Library." + Guid.NewGuid().ToString("N"));
        var counter = meter.CreateCounter<long>("test.packs", "{pack}", "Packs.");
        var histogram = meter.CreateHistogram<double>("test.latency", "s", "Latency.");
        var upDown = meter.CreateUpDownCounter<int>("test.depth");
        meter.CreateObservableGauge("test.temperature", () => 21.5, "Cel", "Temp.");
        foreign.CreateCounter<long>("foreign.count").Add(5);

        counter.Add(2, new KeyValuePair<string, object?>("reason", "out_of_range"));
        counter.Add(3, new KeyValuePair<string, object?>("reason", "out_of_range"));
        counter.Add(1, new KeyValuePair<string, object?>("reason", "has \"quotes\"\nand newline\\"));
        histogram.Record(0.003);
        histogram.Record(0.2);
        histogram.Record(1000);
        upDown.Add(5);
        upDown.Add(-2);

        var text = exporter.Scrape();

        Assert.Contains("# TYPE test_packs_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("test_packs_total{reason=\"out_of_range\"} 5\n", text, StringComparison.Ordinal);
        Assert.Contains("test_packs_total{reason=\"has \\\"quotes\\\"\\nand newline\\\\\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE test_latency_seconds histogram\n", text, StringComparison.Ordinal);
        Assert.Contains("test_latency_seconds_bucket{le=\"0.0025\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("test_latency_seconds_bucket{le=\"0.005\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("test_latency_seconds_bucket{le=\"0.25\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("test_latency_seconds_bucket{le=\"300\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("test_latency_seconds_bucket{le=\"+Inf\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("test_latency_seconds_count 3\n", text, StringComparison.Ordinal);
        Assert.Contains("test_latency_seconds_sum 1000.203\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE test_depth gauge\ntest_depth 3\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE test_temperature gauge\ntest_temperature 21.5\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("foreign", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Record_MoreTagCombinationsThanTheBound_ExtraSeriesNotKept()
    {
        var name = "SmartSensors.Test." + Guid.NewGuid().ToString("N");
        using var exporter = new PrometheusExporter(NullLogger<PrometheusExporter>.Instance);
        exporter.Start();
        using var meter = new Meter(name);
        var counter = meter.CreateCounter<long>("test.hostile");

        for (var i = 0; i < MetricState.MaxSeries + 500; i++)
        {
            counter.Add(1, new KeyValuePair<string, object?>("id", i));
        }

        var series = exporter.Scrape().Split('\n').Count(l => l.StartsWith("test_hostile_total{", StringComparison.Ordinal));
        Assert.Equal(MetricState.MaxSeries, series);
    }
}
