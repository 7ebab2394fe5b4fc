using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmartSensors.Cloud.Api;
using SmartSensors.Cloud.Api.Stream;

namespace SmartSensors.Cloud.Tests.Api;

public sealed class StreamHubTests
{
    [Fact]
    public async Task Publish_ClientFallsAWholeBufferBehind_CutOffWithBufferedEventsKept()
    {
        var (hub, services) = Hub(buffer: 16, maxClients: 10);
        using var scope = services;
        Assert.True(hub.TryJoin(null, out var slow));

        for (var i = 0; i < 20; i++)
        {
            hub.Publish(new LiveEvent("reading", $"{{\"n\":{i}}}", "park"));
        }

        Assert.True(slow.Overflowed);
        var received = new List<string>();
        await foreach (var e in slow.Events.ReadAllAsync().WithCancellation(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token))
        {
            received.Add(e.Data);
        }

        Assert.Equal(16, received.Count); // what fitted, in order; then the stream ends
        Assert.Equal("{\"n\":0}", received[0]);
    }

    [Fact]
    public void Publish_SiteFilter_OnlyThatSiteQueued()
    {
        var (hub, services) = Hub(buffer: 16, maxClients: 10);
        using var scope = services;
        Assert.True(hub.TryJoin("park", out var client));

        hub.Publish(new LiveEvent("reading", "{}", "market"));
        hub.Publish(new LiveEvent("reading", "{}", "park"));

        Assert.True(client.Events.TryRead(out var only));
        Assert.Equal("park", only.Site);
        Assert.False(client.Events.TryRead(out _));
    }

    [Fact]
    public void TryJoin_MaxClients_FurtherRefusedUntilOneLeaves()
    {
        var (hub, services) = Hub(buffer: 16, maxClients: 2);
        using var scope = services;

        Assert.True(hub.TryJoin(null, out var first));
        Assert.True(hub.TryJoin(null, out _));
        Assert.False(hub.TryJoin(null, out _));
        hub.Leave(first);
        Assert.True(hub.TryJoin(null, out _));
        Assert.Equal(2, hub.Count);
    }

    private static (StreamHub Hub, ServiceProvider Services) Hub(int buffer, int maxClients)
    {
        var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var options = new ApiOptions();
        options.Stream.ClientBuffer = buffer;
        options.Stream.MaxClients = maxClients;
        return (new StreamHub(Options.Create(options), services.GetRequiredService<IMeterFactory>()), services);
    }
}
