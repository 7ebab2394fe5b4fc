using Microsoft.Extensions.Options;
using SmartSensors.Cloud.Registry;
using SmartSensors.Contracts;

namespace SmartSensors.Cloud.Tests.Registry;

public sealed class GatewayRegistryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);

    private static GatewayStatus Birth(string gateway = "gw-1") => new(
        GatewayState.Online, "park", gateway, "1.2.3", T0.AddMinutes(-5),
        [new SensorInventoryItem("bme280-1", "bme280", SensorKind.Weather, ["temperature", "humidity"])],
        new GatewayLocation(53.04, -2.99));

    [Fact]
    public void ApplyStatus_OnlineThenOffline_KeepsInventoryAndMarksOffline()
    {
        var registry = new GatewayRegistry(Options.Create(new RegistryOptions()));

        registry.ApplyStatus(Birth(), T0, replayed: false);
        registry.ApplyStatus(GatewayStatus.Offline("park", "gw-1"), T0.AddMinutes(10), replayed: false);

        Assert.True(registry.TryGet("park", "gw-1", out var record));
        Assert.Equal(GatewayState.Offline, record.State);
        Assert.Equal("1.2.3", record.Version);
        Assert.Equal("bme280-1", Assert.Single(record.Sensors).SensorId);
        Assert.Equal(new GatewayLocation(53.04, -2.99), record.Location);
        Assert.Equal(T0.AddMinutes(10), record.LastSeen);
    }

    [Fact]
    public void ApplyStatus_ReplayedRetainedMessage_DoesNotClaimTheGatewayWasJustSeen()
    {
        var registry = new GatewayRegistry(Options.Create(new RegistryOptions()));

        registry.ApplyStatus(GatewayStatus.Offline("park", "gw-1"), T0, replayed: true);
        registry.ApplyStatus(Birth("gw-2"), T0, replayed: true);

        Assert.True(registry.TryGet("park", "gw-1", out var offline));
        Assert.Null(offline.LastSeen);
        Assert.True(registry.TryGet("park", "gw-2", out var online));
        Assert.Equal(T0.AddMinutes(-5), online.LastSeen);
    }

    [Fact]
    public void Touch_MovesLastSeenForwardOnly()
    {
        var registry = new GatewayRegistry(Options.Create(new RegistryOptions()));
        registry.ApplyStatus(Birth(), T0, replayed: false);

        registry.Touch("park", "gw-1", T0.AddMinutes(3));
        registry.Touch("park", "gw-1", T0.AddMinutes(1));

        Assert.True(registry.TryGet("park", "gw-1", out var record));
        Assert.Equal(T0.AddMinutes(3), record.LastSeen);
        Assert.Equal(GatewayState.Online, record.State);
    }

    [Fact]
    public void Touch_UnknownGateway_AddsItWithoutState()
    {
        var registry = new GatewayRegistry(Options.Create(new RegistryOptions()));

        registry.Touch("river", "gw-9", T0);

        var record = Assert.Single(registry.List());
        Assert.Equal(("river", "gw-9", (GatewayState?)null, T0), (record.Site, record.Gateway, record.State, record.LastSeen));
    }

    [Fact]
    public void ApplyStatus_BeyondMaxGateways_IsRefusedAndCounted()
    {
        var registry = new GatewayRegistry(Options.Create(new RegistryOptions { MaxGateways = 2 }));

        Assert.True(registry.ApplyStatus(Birth("gw-1"), T0, false));
        Assert.True(registry.ApplyStatus(Birth("gw-2"), T0, false));
        Assert.False(registry.ApplyStatus(Birth("gw-3"), T0, false));
        registry.Touch("park", "gw-4", T0);

        Assert.Equal(["gw-1", "gw-2"], registry.List().Select(g => g.Gateway));
        Assert.Equal(2, registry.RefusedNew);
        Assert.True(registry.ApplyStatus(GatewayStatus.Offline("park", "gw-1"), T0, false));
    }

    [Fact]
    public void Remove_ClearedStatus_ForgetsTheGateway()
    {
        var registry = new GatewayRegistry(Options.Create(new RegistryOptions()));
        registry.ApplyStatus(Birth(), T0, false);

        Assert.True(registry.Remove("park", "gw-1"));

        Assert.Empty(registry.List());
    }
}
