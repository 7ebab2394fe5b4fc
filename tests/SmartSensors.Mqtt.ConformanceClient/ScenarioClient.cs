using System.Threading.Channels;

namespace SmartSensors.Mqtt.ConformanceClient;

/// <summary>An <see cref="IMqttClient"/> plus what the C twins get from libmosquitto's callbacks: "connected",
/// "the connection ended" (on_disconnect / mosquitto_loop returning an error) and the next message (on_message).</summary>
internal sealed class ScenarioClient : IAsyncDisposable
{
    private readonly ScenarioContext _context;
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _disposed;

    public ScenarioClient(IMqttClient client, ScenarioContext context)
    {
        Mqtt = client;
        _context = context;
        Mqtt.ConnectionStateChanged += OnConnectionStateChanged;
    }

    public IMqttClient Mqtt { get; }

    /// <summary>Completes when an established connection ends (the broker closed it, a protocol error, or our DISCONNECT).</summary>
    public Task ConnectionEnded => _ended.Task;

    /// <summary>Connects and waits for CONNACK; null (logged) when the connection could not be established or was refused.</summary>
    public async Task<MqttConnectResult?> TryConnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await Mqtt.ConnectAsync(cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            _context.Log($"connect failed: {Describe(ex)}");
            return null;
        }
    }

    /// <summary>mosquitto_disconnect(): sends DISCONNECT. False (logged) if that failed.</summary>
    public async Task<bool> TryDisconnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Mqtt.DisconnectAsync(cancellationToken);
            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            _context.Log($"disconnect failed: {Describe(ex)}");
            return false;
        }
    }

    /// <summary>The next received message, or null when the client completed its message channel.</summary>
    public async Task<MqttReceivedMessage?> ReceiveAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await Mqtt.Messages.ReadAsync(cancellationToken);
        }
        catch (ChannelClosedException)
        {
            return null;
        }
    }

    /// <summary>Waits until the established connection ends (the C twins' loop returning an error).</summary>
    public Task WaitForConnectionEndAsync(CancellationToken cancellationToken) => _ended.Task.WaitAsync(cancellationToken);

    public static string Describe(Exception ex)
    {
        var text = $"{ex.GetType().Name}: {ex.Message}";
        if (ex is MqttConnectException connect)
        {
            text += $" (reason 0x{(byte)connect.ReasonCode:X2})";
        }
        else if (ex is MqttProtocolException protocol)
        {
            text += $" (reason 0x{(byte)protocol.ReasonCode:X2})";
        }

        return ex.InnerException is null ? text : $"{text} <- {Describe(ex.InnerException)}";
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Mqtt.ConnectionStateChanged -= OnConnectionStateChanged;
        await Mqtt.DisposeAsync();
    }

    private void OnConnectionStateChanged(object? sender, MqttConnectionStateChangedEventArgs e)
    {
        if (e.PreviousState == MqttConnectionState.Connected && e.State != MqttConnectionState.Connected)
        {
            var reason = e.ReasonCode is { } code ? $" reason 0x{(byte)code:X2}" : "";
            var why = e.Exception is null ? "" : $" ({Describe(e.Exception)})";
            _context.Log($"connection ended ({e.State}){reason}{why}");
            _ended.TrySetResult();
        }
    }
}
