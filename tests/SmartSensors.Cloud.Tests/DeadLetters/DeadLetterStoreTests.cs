using Microsoft.Extensions.Options;
using SmartSensors.Cloud.DeadLetters;
using SmartSensors.Cloud.Tests.Infrastructure;
using SmartSensors.Contracts;
using SmartSensors.Testing.Processes;

namespace SmartSensors.Cloud.Tests.DeadLetters;

public sealed class DeadLetterStoreTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TemporaryDirectory _directory = new("dead-letters");
    private readonly ManualClock _clock = new(Start);

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Add_ThenLatest_ReturnsTopicPayloadReasonsAndTime()
    {
        using var store = Store(new DeadLetterOptions());
        var reasons = new[] { new ValidationError(ReasonCodes.UnknownUnit, "unit 'furlong' is not known", 2), new ValidationError(ReasonCodes.OutOfRange, "temperature 900 Cel is outside -60..70", 3) };

        store.Add([Letter("ss/v1/park/gw-1/readings", "park", "gw-1", "[{\"n\":1}]"u8.ToArray(), reasons)]);

        var letter = Assert.Single(store.Latest(10));
        Assert.Equal("ss/v1/park/gw-1/readings", letter.Topic);
        Assert.Equal("park", letter.Site);
        Assert.Equal("gw-1", letter.Gateway);
        Assert.Equal("[{\"n\":1}]"u8.ToArray(), letter.Payload.ToArray());
        Assert.False(letter.Truncated);
        Assert.Equal(reasons, letter.Reasons);
        Assert.Equal(Start, letter.ReceivedAt);
    }

    [Fact]
    public void Add_BeyondMaxCount_EvictsTheOldest()
    {
        using var store = Store(new DeadLetterOptions { MaxCount = 5 });

        for (var i = 0; i < 12; i++)
        {
            store.Add([Letter($"t/{i}", null, null, [1], [new ValidationError(ReasonCodes.InvalidTopic, "x")])]);
        }

        Assert.Equal(5, store.Count());
        Assert.Equal(["t/11", "t/10", "t/9", "t/8", "t/7"], store.Latest(100).Select(l => l.Topic));
        Assert.Equal(7, store.Evicted);
    }

    [Fact]
    public void Add_AfterMaxAge_EvictsExpiredLetters()
    {
        using var store = Store(new DeadLetterOptions { MaxAge = TimeSpan.FromHours(1) });
        store.Add([Letter("old", null, null, [1], [new ValidationError(ReasonCodes.MalformedJson, "x")])]);
        _clock.Advance(TimeSpan.FromMinutes(61));

        var evicted = store.Add([Letter("new", null, null, [1], [new ValidationError(ReasonCodes.MalformedJson, "x")])]);

        Assert.Equal(1, evicted);
        Assert.Equal(["new"], store.Latest(10).Select(l => l.Topic));
    }

    [Fact]
    public void Add_OversizedPayload_KeepsABoundedPrefixAndTheOriginalLength()
    {
        using var store = Store(new DeadLetterOptions { MaxPayloadBytes = 16 });
        var payload = new byte[10 * 1024 * 1024];
        payload.AsSpan().Fill((byte)'[');

        store.Add([Letter("big", null, null, payload, [new ValidationError(ReasonCodes.TooLarge, "x")])]);

        var letter = Assert.Single(store.Latest(1));
        Assert.Equal(16, letter.Payload.Length);
        Assert.Equal(payload.Length, letter.PayloadLength);
        Assert.True(letter.Truncated);
    }

    [Fact]
    public void Latest_ForOneGateway_ReturnsOnlyItsLetters()
    {
        using var store = Store(new DeadLetterOptions());
        store.Add(
        [
            Letter("a", "park", "gw-1", [1], [new ValidationError(ReasonCodes.MalformedJson, "x")]),
            Letter("b", "park", "gw-2", [1], [new ValidationError(ReasonCodes.MalformedJson, "x")]),
            Letter("c", "park", "gw-1", [1], [new ValidationError(ReasonCodes.MalformedJson, "x")]),
        ]);

        Assert.Equal(["c", "a"], store.Latest(10, "park", "gw-1").Select(l => l.Topic));
    }

    [Fact]
    public void Add_AfterReopen_KeepsWhatWasStored()
    {
        var options = new DeadLetterOptions();
        using (var store = Store(options))
        {
            store.Add([Letter("kept", null, null, [1], [new ValidationError(ReasonCodes.MalformedJson, "x")])]);
        }

        using var reopened = Store(options);
        Assert.Equal(["kept"], reopened.Latest(10).Select(l => l.Topic));
    }

    private DeadLetterStore Store(DeadLetterOptions options)
    {
        options.Path = _directory.File("dl/dead-letters.db");
        return new DeadLetterStore(Options.Create(options), _clock);
    }

    private DeadLetter Letter(string topic, string? site, string? gateway, byte[] payload, IReadOnlyList<ValidationError> reasons) =>
        new(0, _clock.GetUtcNow(), topic, site, gateway, payload, payload.Length, reasons);
}
