using Microsoft.Extensions.Logging;
using SmartSensors.Contracts;
using SmartSensors.Devices;
using SmartSensors.Edge.Configuration;
using SmartSensors.Edge.Health;

namespace SmartSensors.Edge.Sampling;

/// <summary>
/// Samples one sensor on its own interval and timeout and hands the readings to the outbox writer. A failure
/// (exception, timeout, refused value) is counted, logged and retried with exponential backoff; the driver is reopened
/// after a timeout or repeated failures. Nothing a sensor does stops the other samplers.
/// </summary>
internal sealed class SensorSampler
{
    /// <summary>Consecutive failures after which the driver is disposed and built again.</summary>
    internal const int ReopenAfterFailures = 3;

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(15);

    private readonly SensorOptions _options;
    private readonly ISensorFactory _factory;
    private readonly ReadingQueue _queue;
    private readonly SensorHealthRegistry _health;
    private readonly GatewayMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ThresholdMonitor _thresholds;
    private readonly HashSet<string> _unsentQuantities = new(StringComparer.Ordinal);
    private readonly List<Reading> _readings = new(8);

    public SensorSampler(SensorOptions options, ISensorFactory factory, ReadingQueue queue, SensorHealthRegistry health, GatewayMetrics metrics, TimeProvider time, ILogger logger)
    {
        _options = options;
        _factory = factory;
        _queue = queue;
        _health = health;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _thresholds = new ThresholdMonitor(options, logger);
    }

    /// <summary>Delay before the next attempt after <paramref name="consecutiveFailures"/> failures in a row:
    /// the interval doubled per failure, at most 15 min (or the interval, if longer).</summary>
    public static TimeSpan RetryDelay(TimeSpan interval, int consecutiveFailures)
    {
        var cap = interval > MaxBackoff ? interval : MaxBackoff;
        var exponent = Math.Clamp(consecutiveFailures - 1, 0, 20);
        var delay = interval * Math.Pow(2, exponent);
        return delay > cap ? cap : delay;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        SamplingLog.SamplerStarted(_logger, _options.Id, _options.Kind, _options.Bus, _options.Interval);
        var health = _health.For(_options.Id);
        ISensor? sensor = null;
        var nextDue = _time.GetUtcNow();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var wait = nextDue - _time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                }

                var failuresBefore = health.ConsecutiveFailures;
                var outcome = await SampleOnceAsync(sensor, cancellationToken).ConfigureAwait(false);
                sensor = outcome.Sensor;
                var now = _time.GetUtcNow();
                if (outcome.Error is null)
                {
                    _health.RecordSuccess(_options.Id);
                    if (failuresBefore > 0)
                    {
                        SamplingLog.SensorRecovered(_logger, _options.Id, failuresBefore);
                    }

                    // Fixed rate: the next reading is due one interval after this one was due, skipping missed ticks.
                    nextDue += _options.Interval;
                    if (nextDue <= now)
                    {
                        nextDue = now + _options.Interval - TimeSpan.FromTicks((now - nextDue).Ticks % _options.Interval.Ticks);
                    }

                    continue;
                }

                _health.RecordFailure(_options.Id, outcome.Error);
                _metrics.SensorErrors.Add(1, new KeyValuePair<string, object?>("sensor", _options.Id));
                var failures = health.ConsecutiveFailures;
                if (outcome.Reopen || failures % ReopenAfterFailures == 0)
                {
                    sensor = DisposeQuietly(sensor);
                }

                var retryIn = RetryDelay(_options.Interval, failures);
                SamplingLog.SensorFailed(_logger, _options.Id, failures, health.Errors, retryIn, outcome.Error);
                nextDue = now + retryIn;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // shutting down
        }
        finally
        {
            DisposeQuietly(sensor);
        }
    }

    private async Task<SampleOutcome> SampleOnceAsync(ISensor? sensor, CancellationToken cancellationToken)
    {
        SensorSample sample;
        try
        {
            sensor ??= _factory.Create(_options);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.Timeout);
            var read = sensor.ReadAsync(timeout.Token).AsTask();

            // A driver stuck in a system call may ignore cancellation: stop waiting at the timeout regardless, and
            // abandon that driver instance (disposed once the stuck read returns).
            using var guard = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var finished = await Task.WhenAny(read, Task.Delay(_options.Timeout + TimeSpan.FromSeconds(1), _time, guard.Token)).ConfigureAwait(false);
            await guard.CancelAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (finished != read)
            {
                var abandoned = sensor;
                _ = read.ContinueWith(_ => abandoned.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                SamplingLog.SensorTimedOut(_logger, _options.Id, _options.Timeout);
                return new SampleOutcome(null, $"no answer within {_options.Timeout}", Reopen: false);
            }

            sample = await read.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            return new SampleOutcome(sensor, $"no answer within {_options.Timeout}", Reopen: true);
        }
#pragma warning disable CA1031 // A sensor driver may fail in any way (I/O, P/Invoke, parser); the sampler isolates it and retries.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new SampleOutcome(sensor, $"{ex.GetType().Name}: {ex.Message}", Reopen: ex is not SensorReadException);
        }

        var error = ToReadings(sample);
        if (error is not null)
        {
            return new SampleOutcome(sensor, error, Reopen: false);
        }

        foreach (var reading in _readings)
        {
            await _queue.WriteAsync(reading, cancellationToken).ConfigureAwait(false);
        }

        _metrics.ReadingsSampled.Add(_readings.Count);
        return new SampleOutcome(sensor, null, Reopen: false);
    }

    /// <summary>Fills <see cref="_readings"/>; returns an error when a value is refused by the contract (none are kept then).</summary>
    private string? ToReadings(SensorSample sample)
    {
        _readings.Clear();
        foreach (var quantity in sample.Quantities)
        {
            if (!QuantityMapper.TryMap(_options.Id, quantity, sample.CapturedAt, out var reading))
            {
                if (_unsentQuantities.Add(quantity.Name))
                {
                    SamplingLog.QuantityNotSent(_logger, _options.Id, quantity.Name, quantity.Unit);
                }

                continue;
            }

            var problems = GatewayPackEncoder.Validate(reading);
            if (problems.Count > 0)
            {
                var problem = string.Join("; ", problems);
                SamplingLog.ReadingRefused(_logger, _options.Id, reading.Quantity, reading.Value, reading.Unit, problem);
                _readings.Clear();
                return $"{reading.Quantity} = {reading.Value} refused: {problem}";
            }

            _thresholds.Check(reading);
            _readings.Add(reading);
        }

        return null;
    }

    private static ISensor? DisposeQuietly(ISensor? sensor)
    {
        try
        {
            sensor?.Dispose();
        }
#pragma warning disable CA1031 // Disposing a failed driver must not take the sampler down.
        catch (Exception)
#pragma warning restore CA1031
        {
            // the driver is being replaced because it failed; its disposal error adds nothing
        }

        return null;
    }

    private readonly record struct SampleOutcome(ISensor? Sensor, string? Error, bool Reopen);
}
