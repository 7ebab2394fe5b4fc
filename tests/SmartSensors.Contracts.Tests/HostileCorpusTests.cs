namespace SmartSensors.Contracts.Tests;

public sealed class HostileCorpusTests
{
    private static GatewayPackDecoder Decoder() => new(new PackDecoderOptions(), new FixedTimeProvider(HostileCorpus.Now));

    [Fact]
    public void Decode_BaselineOfTheCorpus_IsAccepted()
    {
        var result = Decoder().Decode(HostileCorpus.Topic, HostileCorpus.ValidPack);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(7, result.Pack!.Sequence);
        Assert.Equal(21.5, Assert.Single(result.Pack.Readings).Value);
    }

    [Fact]
    public void Cases_Count_AtLeastTwentyFiveDistinctPayloads()
    {
        Assert.True(HostileCorpus.Cases.Count >= 25);
        Assert.Equal(HostileCorpus.Cases.Count, HostileCorpus.Cases.Select(c => c.Name).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(HostileCorpus.TheoryCases), MemberType = typeof(HostileCorpus))]
    public void Decode_HostilePayload_RefusedWithItsReason(string name, byte[] payload, string expectedCode)
    {
        var result = Decoder().Decode(HostileCorpus.Topic, payload);

        Assert.False(result.IsValid, name);
        Assert.Null(result.Pack);
        Assert.Contains(result.Errors, e => e.Code == expectedCode);
        Assert.All(result.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
        Assert.Equal(HostileCorpus.Gateway, result.Gateway);
        Assert.Equal(HostileCorpus.Site, result.Site);
    }

    [Theory]
    [MemberData(nameof(HostileCorpus.TheoryCases), MemberType = typeof(HostileCorpus))]
    public void GenericDecode_HostilePayload_NeverThrows(string name, byte[] payload, string expectedCode)
    {
        _ = expectedCode;
        var result = SenmlDecoder.Decode(payload);

        Assert.NotNull(result);
        Assert.True(result.IsValid || result.Errors.Count > 0, name);
    }

    [Fact]
    public void Decode_RandomMutationsOfValidPacks_NeverThrowAndAlwaysExplainRefusal()
    {
        var random = new Random(8428);
        var seeds = HostileCorpus.Cases.Select(c => c.Payload).Where(p => p.Length < 4096).Append(HostileCorpus.ValidPack).ToArray();
        var decoder = Decoder();
        for (var i = 0; i < 20_000; i++)
        {
            var payload = (byte[])seeds[random.Next(seeds.Length)].Clone();
            switch (random.Next(4))
            {
                case 0 when payload.Length > 0:
                    payload[random.Next(payload.Length)] = (byte)random.Next(256);
                    break;
                case 1 when payload.Length > 0:
                    payload = payload[..random.Next(payload.Length)];
                    break;
                case 2 when payload.Length > 0:
                    const string JsonPunctuation = "[]{}\",:0-e.";
                    payload[random.Next(payload.Length)] = (byte)JsonPunctuation[random.Next(JsonPunctuation.Length)];
                    break;
                default:
                    var at = random.Next(payload.Length + 1);
                    payload = [.. payload[..at], (byte)random.Next(32, 127), .. payload[at..]];
                    break;
            }

            var result = decoder.Decode(HostileCorpus.Topic, payload);
            Assert.True(result.IsValid || result.Errors.Count > 0);
        }
    }
}
