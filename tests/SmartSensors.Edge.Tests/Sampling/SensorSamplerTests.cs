using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SmartSensors.Contracts;
using SmartSensors.Devices;
using SmartSensors.Edge.Configuration;
using SmartSensors.Edge.Health;
using SmartSensors.Edge.Sampling;
using SmartSensors.Edge.Tests.Support;
using DeviceQuantity = SmartSensors.Devices.Quantity;

namespace SmartSensors.Edge.Tests.Sampling;

public sealed class SensorSamplerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private sealed class Factory(Func<SensorOptions, ISensor> create) : ISensorFactory
    {
        public List<ISensor> Created { get; } = [];

        public ISensor Create(SensorOptions options)
        {
            var sensor = create(options);
            lock (Created)
            {
                Created.Add(sensor);
            }

            return sensor;
        }
    }

    private static SensorOptions Options(string id) => new()
    {
        Id = id,
        Kind = SensorKinds.SoilMoisture,
        Bus = SensorBus.Simulated,
        Interval = TimeSpan.FromMilliseconds(50),
        Timeout = TimeSpan.FromMilliseconds(200),
    };

    private static ValueTask<SensorSample> Moisture(double value) =>
        ValueTask.FromResult(new SensorSample(DateTimeOffset.UtcNow, [new DeviceQuantity("moisture", value, "%"), new DeviceQuantity("raw", 12345, "count")]));

    private static (ReadingQueue Queue, SensorHealthRegistry Health, GatewayMetrics Metrics) Pipeline()
    {
        var queue = new ReadingQueue(Microsoft.Extensions.Options.Options.Create(new OutboxOptions { QueueCapacity = 1000 }));
        return (queue, new SensorHealthRegistry(), new GatewayMetrics(new TestMeterFactory()));
    }

    private static async Task<List<Reading>> TakeAsync(ReadingQueue queue, int count, Func<Reading, bool> filter)
    {
        var taken = new List<Reading>();
        using var timeout = new CancellationTokenSource(Patience);
        while (taken.Count < count)
        {
            var reading = await queue.Reader.ReadAsync(timeout.Token);
            if (filter(reading))
            {
                taken.Add(reading);
            }
        }

        return taken;
    }

    [Fact]
    public async Task RunAsync_OneSensorFailing_OthersKeepSamplingAndFailuresAreCounted()
    {
        var (queue, health, metrics) = Pipeline();
        var factory = new Factory(o => o.Id == "broken"
            ? new ScriptedSensor(o.Id, (_, _) => throw new SensorReadException("CRC mismatch"))
            : new ScriptedSensor(o.Id, (n, _) => Moisture(40 + n % 10)));
        using var stop = new CancellationTokenSource();
        var samplers = new[] { Options("broken"), Options("bed14") }
            .Select(o => new SensorSampler(o, factory, queue, health, metrics, TimeProvider.System, NullLogger.Instance).RunAsync(stop.Token))
            .ToList();

        var good = await TakeAsync(queue, 5, r => r.SensorId == "bed14");
        using (var wait = new CancellationTokenSource(Patience))
        {
            while (health.For("broken").Errors < SensorSampler.ReopenAfterFailures + 1)
            {
                await Task.WhenAny(queue.Reader.WaitToReadAsync(wait.Token).AsTask());
                _ = queue.Reader.TryRead(out _);
            }
        }

        await stop.CancelAsync();
        await Task.WhenAll(samplers).WaitAsync(Patience);

        Assert.All(good, r => Assert.Equal("moisture", r.Quantity));
        Assert.True(health.For("broken").Errors >= SensorSampler.ReopenAfterFailures);
        Assert.Equal("SensorReadException: CRC mismatch", health.For("broken").LastError);
        Assert.Equal(0, health.For("bed14").Errors);
        Assert.True(health.TotalErrors >= SensorSampler.ReopenAfterFailures);

        // After repeated failures the driver is reopened (disposed, created again); every driver is disposed at the end.
        List<ISensor> created;
        lock (factory.Created)
        {
            created = [.. factory.Created];
        }

        Assert.True(created.Count(s => s.Id == "broken") >= 2, "the failing driver should have been reopened");
        Assert.All(created, s => Assert.True(((ScriptedSensor)s).Disposed));
    }

    [Fact]
    public async Task RunAsync_SensorHangsIgnoringCancellation_TimesOutAndIsRetried()
    {
        var (queue, health, metrics) = Pipeline();
        var hang = new TaskCompletionSource<SensorSample>();
        var reads = 0;
        var factory = new Factory(o => new ScriptedSensor(o.Id, (_, _) => Interlocked.Increment(ref reads) == 1 ? new ValueTask<SensorSample>(hang.Task) : Moisture(55)));
        using var stop = new CancellationTokenSource();
        var sampler = new SensorSampler(Options("bed14"), factory, queue, health, metrics, TimeProvider.System, NullLogger.Instance).RunAsync(stop.Token);

        // The first driver hangs forever; a new driver answers.
        var reading = (await TakeAsync(queue, 1, _ => true))[0];

        await stop.CancelAsync();
        await sampler.WaitAsync(Patience);
        Assert.Equal(55, reading.Value);
        Assert.Equal(1, health.For("bed14").Errors);
        Assert.StartsWith("no answer within", health.For("bed14").LastError);
        Assert.True(factory.Created.Count >= 2);
        hang.SetResult(new SensorSample(DateTimeOffset.UtcNow, []));
    }

    [Fact]
    public async Task RunAsync_ValueTheContractRefuses_IsCountedAsAnErrorNotSent()
    {
        var (queue, health, metrics) = Pipeline();
        var factory = new Factory(o => new ScriptedSensor(o.Id, (n, _) => n == 1 ? Moisture(140) : Moisture(30)));
        using var stop = new CancellationTokenSource();
        var sampler = new SensorSampler(Options("bed14"), factory, queue, health, metrics, TimeProvider.System, NullLogger.Instance).RunAsync(stop.Token);

        var reading = (await TakeAsync(queue, 1, _ => true))[0];

        await stop.CancelAsync();
        await sampler.WaitAsync(Patience);
        Assert.Equal(30, reading.Value);
        Assert.Equal(1, health.For("bed14").Errors);
        Assert.Contains("outside the possible range", health.For("bed14").LastError);
    }

    [Theory]
    [InlineData(1, 60)]
    [InlineData(2, 120)]
    [InlineData(3, 240)]
    [InlineData(5, 900)]
    [InlineData(50, 900)]
    public void RetryDelay_DoublesPerFailureUpToFifteenMinutes(int failures, int expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), SensorSampler.RetryDelay(TimeSpan.FromMinutes(1), failures));
    }

    [Fact]
    public void RetryDelay_IntervalLongerThanCap_NeverRetriesFasterThanScheduled()
    {
        Assert.Equal(TimeSpan.FromMinutes(30), SensorSampler.RetryDelay(TimeSpan.FromMinutes(30), 4));
    }
}
