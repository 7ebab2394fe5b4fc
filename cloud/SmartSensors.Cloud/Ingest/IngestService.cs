using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartSensors.Cloud.DeadLetters;
using SmartSensors.Cloud.Hosting;
using SmartSensors.Cloud.Observability;
using SmartSensors.Cloud.Registry;
using SmartSensors.Contracts;
using SmartSensors.Influx;
using SmartSensors.Influx.Write;
using SmartSensors.Mqtt;

namespace SmartSensors.Cloud.Ingest;

/// <summary>
/// The ingest role: a persistent MQTT 5 session (clean start off, session expiry set) subscribed to
/// <c>$share/{group}/ss/v1/+/+/readings</c> with manual acknowledgement, feeding an <see cref="IngestPipeline"/>.
/// Everything unacknowledged when the process dies stays with the broker and is redelivered to the session (or, for
/// a shared subscription, to another replica), and InfluxDB overwrites same series + timestamp, so each reading is
/// stored exactly once.
/// </summary>
internal sealed class IngestService : BackgroundService
{
    private const string ConnectionName = "ingest";
    private static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(15);
    private readonly IngestOptions _options;
    private readonly MqttClientOptions _mqtt;
    private readonly InfluxConnectionOptions _influx;
    private readonly InfluxWriterOptions _writerOptions;
    private readonly GatewayPackDecoder _decoder;
    private readonly DeadLetterStore _deadLetters;
    private readonly DeadLetterOptions _deadLetterOptions;
    private readonly GatewayRegistry _registry;
    private readonly IngestMetrics _metrics;
    private readonly BrokerConnections _connections;
    private readonly IMeterFactory _meterFactory;
    private readonly TimeProvider _clock;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger<IngestService> _logger;

    public IngestService(
        IOptions<IngestOptions> options,
        IOptions<MqttClientOptions> mqtt,
        IOptions<InfluxConnectionOptions> influx,
        IOptions<InfluxWriterOptions> writerOptions,
        IOptions<PackDecoderOptions> decoderOptions,
        IOptions<DeadLetterOptions> deadLetterOptions,
        DeadLetterStore deadLetters,
        GatewayRegistry registry,
        IngestMetrics metrics,
        BrokerConnections connections,
        IMeterFactory meterFactory,
        TimeProvider clock,
        ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(mqtt);
        ArgumentNullException.ThrowIfNull(influx);
        ArgumentNullException.ThrowIfNull(writerOptions);
        ArgumentNullException.ThrowIfNull(decoderOptions);
        ArgumentNullException.ThrowIfNull(deadLetterOptions);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _options = options.Value;
        _mqtt = mqtt.Value;
        _influx = influx.Value;
        _writerOptions = writerOptions.Value;
        _decoder = new GatewayPackDecoder(decoderOptions.Value, clock);
        _deadLetterOptions = deadLetterOptions.Value;
        _deadLetters = deadLetters;
        _registry = registry;
        _metrics = metrics;
        _connections = connections;
        _meterFactory = meterFactory;
        _clock = clock;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<IngestService>();
    }

    /// <summary>Completes once the subscription is in place (for tests and readiness).</summary>
    public Task Subscribed => _subscribed.Task;

    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RestartingLoop.RunAsync(
            RunAsync,
            static ex => ex is MqttException or IOException or InvalidOperationException,
            (ex, pause) => IngestLog.Failed(_logger, ex, pause),
            RestartDelay,
            _clock,
            stoppingToken).ConfigureAwait(false);
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        var clientId = string.IsNullOrEmpty(_options.ClientId) ? MqttOptionsFactory.DefaultClientId(ConnectionName) : _options.ClientId;
        var mqttOptions = MqttOptionsFactory.Derive(
            _mqtt,
            clientId,
            cleanStart: false,
            sessionExpirySeconds: (uint)_options.SessionExpirySeconds,
            receiveMaximum: _options.ReceiveMaximum,
            autoAcknowledge: false);
        mqttOptions.MaximumPacketSize = _options.MaximumPacketSize;

        var pipeline = new IngestPipeline(
            _options.ReceiveMaximum,
            _deadLetterOptions.QueueCapacity,
            _writerOptions.Precision,
            _writerOptions.MaxItemBytes,
            _decoder,
            _deadLetters,
            _registry,
            _metrics,
            _clock,
            _logger);
        await using var pipelineScope = pipeline.ConfigureAwait(false);
        var client = MqttClientFactory.Create(mqttOptions, _loggerFactory.CreateLogger("SmartSensors.Cloud.Ingest.Mqtt"));
        await using var clientScope = client.ConfigureAwait(false);
        client.ConnectionStateChanged += (_, e) => IngestLog.ConnectionState(_logger, e.State);
        _connections.Track(ConnectionName, client);
        try
        {
            var writer = new InfluxWriter(_influx, _writerOptions, pipeline.OnWriteCompleted, _loggerFactory.CreateLogger<InfluxWriter>(), _meterFactory);
            pipeline.Attach(writer);

            // The acknowledging stages run on their own token: at shutdown they drain what the writer still reports.
            using var drain = new CancellationTokenSource();
            var completions = Task.Run(() => pipeline.RunCompletionsAsync(drain.Token), CancellationToken.None);
            var deadLetters = Task.Run(() => pipeline.RunDeadLettersAsync(drain.Token), CancellationToken.None);
            try
            {
                var connected = await client.ConnectAsync(stoppingToken).ConfigureAwait(false);
                var filter = Topics.ReadingsSubscription(_options.SharedGroup);
                var result = await client.SubscribeAsync(
                    [new MqttSubscription { TopicFilter = filter, MaximumQualityOfService = MqttQualityOfService.AtLeastOnce }],
                    stoppingToken).ConfigureAwait(false);
                if (!result.AllGranted)
                {
                    IngestLog.SubscribeRefused(_logger, filter, result.ReasonCodes[0]);
                    throw new InvalidOperationException($"The broker refused the subscription to {filter} ({result.ReasonCodes[0]}).");
                }

                IngestLog.Subscribed(_logger, filter, clientId, connected.SessionPresent, _options.ReceiveMaximum);
                _subscribed.TrySetResult();
                using var run = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var decode = Task.WhenAll(Enumerable.Range(0, _options.DecodeWorkers)
                    .Select(_ => Task.Run(() => pipeline.RunDecodeAsync(client.Messages, run.Token), CancellationToken.None)));
                var first = await Task.WhenAny(decode, completions, deadLetters).ConfigureAwait(false);
                if (first != decode)
                {
                    // An acknowledging stage failed (it only ends early by an error): restart the whole pipeline.
                    await run.CancelAsync().ConfigureAwait(false);
                    await decode.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).ConfigureAwait(false);
                    try
                    {
                        await first.ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        throw new InvalidOperationException("An ingest stage failed; restarting the pipeline.", ex);
                    }

                    throw new InvalidOperationException("An ingest stage stopped unexpectedly; restarting the pipeline.");
                }

                await decode.ConfigureAwait(false);
            }
            finally
            {
                // Stop taking packs; write what was queued; acknowledge what was written; then leave.
                await writer.DisposeAsync().ConfigureAwait(false);
                pipeline.CompleteCompletions();
                pipeline.CompleteDeadLetters();
                drain.CancelAfter(DrainTimeout);
                await Task.WhenAll(completions, deadLetters).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).ConfigureAwait(false);
                if (client.State == MqttConnectionState.Connected)
                {
                    using var disconnect = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    try
                    {
                        await client.DisconnectAsync(disconnect.Token).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is MqttException or IOException or OperationCanceledException)
                    {
                        // The broker keeps the session either way; unacknowledged packs are redelivered.
                    }
                }

                IngestLog.Stopped(_logger, pipeline.PacksWritten, pipeline.PacksDeadLettered);
            }
        }
        finally
        {
            _connections.Untrack(ConnectionName);
        }
    }
}
