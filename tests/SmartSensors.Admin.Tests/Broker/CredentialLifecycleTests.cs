using SmartSensors.Admin.Tests.Support;
using SmartSensors.Mqtt;

namespace SmartSensors.Admin.Tests.Broker;

/// <summary><c>gateway add --rotate</c> and <c>gateway remove</c> against a running mosquitto that is reloaded (SIGHUP) afterwards.</summary>
public sealed class CredentialLifecycleTests : IAsyncLifetime
{
    private const string GatewayA = "queens-square/gw-a";
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(90));
    private SecuredBroker _bed = null!;

    public async Task InitializeAsync() => _bed = await SecuredBroker.StartAsync([GatewayA], []);

    public async Task DisposeAsync()
    {
        await _bed.DisposeAsync();
        _timeout.Dispose();
    }

    [Fact]
    public async Task GatewayRemove_ThenBrokerReload_ConnectedGatewayDisconnectedAndRefusedAfterwards()
    {
        var a = _bed.Gateways[GatewayA];
        await using var gateway = await SecuredBroker.ConnectAsync(a.ClientOptions("gwa"));
        var lost = new TaskCompletionSource<MqttConnectionState>(TaskCreationOptions.RunContinuationsAsynchronously);
        gateway.ConnectionStateChanged += (_, e) =>
        {
            if (e.State != MqttConnectionState.Connected)
            {
                lost.TrySetResult(e.State);
            }
        };

        var removed = (await AdminRun.RunAsync("gateway", "remove", "--site", "queens-square", "--gateway", "gw-a", "--password-file", _bed.PasswordFile)).Succeeded();
        Assert.Contains("systemctl reload mosquitto", removed.Output, StringComparison.Ordinal);
        _bed.Reload();

        await lost.Task.WaitAsync(SecuredBroker.Long, _timeout.Token);
        await using var again = MqttClientFactory.Create(a.ClientOptions("gwa2"));
        var refused = await Assert.ThrowsAsync<MqttConnectException>(() => again.ConnectAsync(_timeout.Token));
        Assert.Equal(MqttReasonCode.NotAuthorized, refused.ReasonCode);
        var list = (await AdminRun.RunAsync("gateway", "list", "--password-file", _bed.PasswordFile)).Succeeded();
        Assert.Contains("No gateways", list.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GatewayAddRotate_ThenBrokerReload_NewPasswordAcceptedOldRefused()
    {
        var a = _bed.Gateways[GatewayA];
        var oldPassword = a.Password;

        await _bed.AddGatewayAsync(GatewayA, null, "--rotate");
        var newPassword = a.Password;
        Assert.NotEqual(oldPassword, newPassword);
        _bed.Reload();

        // The reload is asynchronous in the broker: the new password is accepted once it has happened.
        await using var rotated = await ConnectOnceReloadedAsync(a.ClientOptions("gwa"));
        await using var stale = MqttClientFactory.Create(_bed.AnyOptions("gwa-old", a.Site + "/" + a.Gateway, oldPassword));
        var refused = await Assert.ThrowsAsync<MqttConnectException>(() => stale.ConnectAsync(_timeout.Token));
        Assert.Equal(MqttReasonCode.NotAuthorized, refused.ReasonCode);
    }

    private async Task<IMqttClient> ConnectOnceReloadedAsync(MqttClientOptions options)
    {
        while (true)
        {
            try
            {
                return await SecuredBroker.ConnectAsync(options);
            }
            catch (MqttConnectException ex) when (ex.ReasonCode == MqttReasonCode.NotAuthorized && !_timeout.IsCancellationRequested)
            {
                // Not reloaded yet; each attempt is a full TLS handshake and CONNECT, so this loop is not a busy spin.
            }
        }
    }
}
