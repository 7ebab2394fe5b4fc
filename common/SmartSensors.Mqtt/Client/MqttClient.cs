using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmartSensors.Mqtt.Packets;
using SmartSensors.Mqtt.Transport;

namespace SmartSensors.Mqtt.Client;

/// <summary>
/// MQTT 5.0 / 3.1.1 client. Public API and lifecycle here; connecting in MqttClient.Connect.cs, receiving in
/// MqttClient.Receive.cs, sending in MqttClient.Send.cs.
/// Threads: one read loop and one send loop per connection, one supervisor for reconnects. The read loop never waits for
/// the application (messages go to a bounded inbox that cannot overflow while the broker honours our Receive Maximum),
/// and every TaskCompletionSource runs continuations asynchronously, so application code never runs on the read loop.
/// </summary>
internal sealed partial class MqttClient : IMqttClient, IMqttAcknowledger
{
    private readonly MqttClientOptions _options;
    private readonly ILogger _logger;
    private readonly IMqttTransportFactory _transportFactory;
    private readonly Channel<MqttReceivedMessage> _inbox;
    private readonly ReceivedMessageReader _reader;
    private readonly Lock _stateLock = new();
    private readonly Lock _sessionLock = new();

    // Session state (survives connections while the broker keeps the session).
    private readonly Dictionary<ushort, OutboundFlight> _flights = [];
    private readonly Dictionary<ushort, PendingRequest> _requests = [];
    private readonly Dictionary<ushort, InboundSlot> _awaitingPubRel = [];
    private readonly bool[] _idInUse = new bool[65536];
    private readonly Dictionary<string, MqttSubscription> _subscriptions = new(StringComparer.Ordinal);
    // Send quota (MQTT 5.0 section 4.9): QoS 1/2 publishes beyond the broker's Receive Maximum wait here, in order, and are
    // promoted by the read loop as acknowledgements arrive (no thread hop per message).
    private readonly Queue<OutboundFlight> _waitingForQuota = new();
    // Caller-managed QoS 2 flows whose PUBREL is due, in ReleaseAsync call order (written by WriteQueuedReleasesAsync).
    private readonly Queue<ushort> _releaseQueue = new();
    private int _sendQuotaMaximum = 65535;
    private ushort _lastId;
    private long _sequence;

    private MqttConnectionState _state;
    private MqttConnection? _connection;
    private MqttConnection? _writable;
    private long _epoch;
    private long _sessionSinceEpoch;
    private TaskCompletionSource _connectedSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource? _lifetime;
    private Task? _supervisor;
    private bool _started;
    private bool _disposed;
    private int _qos0InInbox;
    private long _qos0Dropped;
    private string _clientId;
    private MqttConnectResult? _lastConnect;
    private uint? _serverMaximumPacketSize;
    private MqttQualityOfService _serverMaximumQoS = MqttQualityOfService.ExactlyOnce;
    private bool _serverRetainAvailable = true;

    public MqttClient(MqttClientOptions options, ILogger? logger, IMqttTransportFactory transportFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _transportFactory = transportFactory;
        _clientId = options.ClientId;

        // Room for every unacknowledged QoS 1/2 message the broker may send (twice: copies from the previous connection
        // may still be unread when it resends them) plus a separate allowance for QoS 0, which is not flow controlled.
        _inbox = Channel.CreateBounded<MqttReceivedMessage>(new BoundedChannelOptions(2 * options.ReceiveMaximum + options.QoS0BufferCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleWriter = true,
            SingleReader = false,
            AllowSynchronousContinuations = false,
        });
        _reader = new ReceivedMessageReader(_inbox.Reader, this);
    }

    public event EventHandler<MqttConnectionStateChangedEventArgs>? ConnectionStateChanged;

    public MqttConnectionState State
    {
        get
        {
            lock (_stateLock)
            {
                return _state;
            }
        }
    }

    public ChannelReader<MqttReceivedMessage> Messages => _reader;

    public Task<MqttConnectResult> ConnectAsync(CancellationToken cancellationToken)
    {
        lock (_stateLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_started)
            {
                throw new InvalidOperationException("ConnectAsync was already called; the client reconnects by itself. Call DisconnectAsync first to start over.");
            }

            _started = true;
            _lifetime = new CancellationTokenSource();
        }

        return ConnectFirstAsync(_lifetime.Token, cancellationToken);
    }

    public async Task DisconnectAsync(CancellationToken cancellationToken)
    {
        CancellationTokenSource? lifetime;
        Task? supervisor;
        MqttConnection? connection;
        lock (_stateLock)
        {
            if (!_started)
            {
                return;
            }

            _started = false;
            lifetime = _lifetime;
            supervisor = _supervisor;
            connection = _connection;
            _lifetime = null;
            _supervisor = null;
        }

        if (connection is not null && !connection.IsClosed)
        {
            try
            {
                await WritePacketAsync(connection, new DisconnectPacket { ReasonCode = MqttReasonCode.NormalDisconnection }, cancellationToken).ConfigureAwait(false);

                // Let the send loop put DISCONNECT on the wire before closing.
                await connection.CompleteOutputAsync(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or TimeoutException or InvalidOperationException or ObjectDisposedException)
            {
                // the connection is going away anyway
            }

            connection.Abort(null);
        }

        if (lifetime is not null)
        {
            await lifetime.CancelAsync().ConfigureAwait(false);
        }

        if (supervisor is not null)
        {
            try
            {
                await supervisor.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
        }

        lifetime?.Dispose();
        FailSession(new MqttNotConnectedException("The client was disconnected by the application."));
        SetState(MqttConnectionState.Disconnected, null, null, false);
        MqttClientLog.Disconnected(_logger, _options.Host, _options.Port);
    }

    public async ValueTask DisposeAsync()
    {
        lock (_stateLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await DisconnectAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _inbox.Writer.TryComplete();
    }

    private void SetState(MqttConnectionState state, MqttReasonCode? reasonCode, Exception? exception, bool sessionPresent)
    {
        MqttConnectionState previous;
        lock (_stateLock)
        {
            previous = _state;
            if (previous == state)
            {
                return;
            }

            _state = state;
            if (state == MqttConnectionState.Connected)
            {
                _connectedSignal.TrySetResult();
            }
            else if (_connectedSignal.Task.IsCompleted)
            {
                _connectedSignal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        var handler = ConnectionStateChanged;
        if (handler is null)
        {
            return;
        }

        try
        {
            handler(this, new MqttConnectionStateChangedEventArgs(previous, state, reasonCode, exception, sessionPresent));
        }
#pragma warning disable CA1031 // An application's event handler must not break the client's state machine.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.LogError(ex, "MQTT ConnectionStateChanged handler threw.");
        }
    }

    private ushort AllocatePacketIdLocked()
    {
        // Identifiers 1..CallerPacketIdentifiers belong to the caller's QoS 2 flows (PublishUntilReceivedAsync).
        var first = _options.CallerPacketIdentifiers + 1;
        var count = 65535 - _options.CallerPacketIdentifiers;
        for (var i = 0; i < count; i++)
        {
            _lastId = (ushort)(_lastId is 65535 or 0 || _lastId < first ? first : _lastId + 1);
            if (!_idInUse[_lastId])
            {
                _idInUse[_lastId] = true;
                return _lastId;
            }
        }

        throw new MqttException($"All {count} packet identifiers are in use.");
    }

    private void FreePacketIdLocked(ushort id) => _idInUse[id] = false;

    /// <summary>Moves waiting publishes into flight while the send quota allows; returns them (in order) for writing.</summary>
    private List<OutboundFlight>? PromoteWaitingLocked()
    {
        List<OutboundFlight>? promoted = null;
        while (_flights.Count < _sendQuotaMaximum && _waitingForQuota.TryDequeue(out var next))
        {
            if (next.Abandoned)
            {
                if (next.CallerManaged)
                {
                    FreePacketIdLocked(next.PacketId);
                }

                continue;
            }

            if (!next.CallerManaged)
            {
                next.PacketId = AllocatePacketIdLocked();
            }

            next.InFlight = true;
            _flights.Add(next.PacketId, next);
            (promoted ??= []).Add(next);
        }

        return promoted;
    }

    /// <summary>Fails everything waiting on the session (application disconnect, or reconnect disabled).</summary>
    private void FailSession(Exception reason)
    {
        List<OutboundFlight> flights;
        List<PendingRequest> requests;
        List<InboundSlot> inbound;
        lock (_sessionLock)
        {
            flights = [.. _flights.Values, .. _waitingForQuota];
            _waitingForQuota.Clear();
            requests = [.. _requests.Values];
            inbound = [.. _awaitingPubRel.Values];
            _flights.Clear();
            _requests.Clear();
            _awaitingPubRel.Clear();
            _releaseQueue.Clear();
            Array.Clear(_idInUse);
            _writable = null;
            _sendQuotaMaximum = 65535;
        }

        foreach (var f in flights)
        {
            f.Completion.TrySetException(reason);
            f.ReleaseCompletion?.TrySetException(reason);
        }

        foreach (var r in requests)
        {
            r.Completion.TrySetException(reason);
        }

        foreach (var slot in inbound)
        {
            slot.Complete(false);
        }
    }
}
