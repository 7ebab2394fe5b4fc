using System.Runtime.CompilerServices;
using System.Text;

namespace SmartSensors.Contracts.Tests;

/// <summary>The per-thread memos the decoder keeps of base names (their strings, and their split into gateway and
/// sensor). A base name that is not memoised costs a new string and a new split per record, so two base names that
/// share a set must not evict each other in turn (as in a direct-mapped table).</summary>
public sealed class SenmlNameCacheTests
{
    [Fact]
    public void Get_TwoNamesOfOneSetInTurn_BothKeepTheirStrings()
    {
        var cache = new SenmlNameCache();
        var (a, b) = TwoNamesOfOneSet();

        var first = cache.Get(Encoding.UTF8.GetBytes(a), out var nameChars);
        var other = cache.Get(Encoding.UTF8.GetBytes(b), out _);
        for (var i = 0; i < 3; i++)
        {
            Assert.Same(first, cache.Get(Encoding.UTF8.GetBytes(a), out _));
            Assert.Same(other, cache.Get(Encoding.UTF8.GetBytes(b), out _));
        }

        Assert.Equal(a, first);
        Assert.True(nameChars);
    }

    [Fact]
    public void Get_ThirdNameOfOneSet_EvictsTheLeastRecentlyUsed()
    {
        var cache = new SenmlNameCache();
        var names = new List<string>();
        var set = -1;
        for (var i = 0; names.Count < 3; i++)
        {
            var name = $"urn:dev:ss:gw-{i:D4}:s-1:";
            var hash = new HashCode();
            hash.AddBytes(Encoding.UTF8.GetBytes(name));
            var s = hash.ToHashCode() & (SenmlNameCache.Slots - 2);
            if (set < 0 || s == set)
            {
                set = s;
                names.Add(name);
            }
        }

        var a = cache.Get(Encoding.UTF8.GetBytes(names[0]), out _);
        var b = cache.Get(Encoding.UTF8.GetBytes(names[1]), out _);
        Assert.Same(a, cache.Get(Encoding.UTF8.GetBytes(names[0]), out _)); // a is now the more recently used
        cache.Get(Encoding.UTF8.GetBytes(names[2]), out _);                 // evicts b

        Assert.Same(a, cache.Get(Encoding.UTF8.GetBytes(names[0]), out _));
        var b2 = cache.Get(Encoding.UTF8.GetBytes(names[1]), out _);
        Assert.NotSame(b, b2);
        Assert.Equal(names[1], b2);
    }

    [Fact]
    public void Get_NameWithCharactersSenmlForbids_Flagged()
    {
        var cache = new SenmlNameCache();

        var text = cache.Get("urn:dev:ss:gw 1:"u8, out var nameChars);

        Assert.Equal("urn:dev:ss:gw 1:", text);
        Assert.False(nameChars);
    }

    [Fact]
    public void SensorBaseNameFind_TwoBaseNamesOfOneSetInTurn_EachSplitOnce()
    {
        var table = new SensorBaseName?[SensorBaseName.Slots];
        var a = new string("urn:dev:ss:gw-a:bme280-1:");
        var set = RuntimeHelpers.GetHashCode(a) & (SensorBaseName.Slots - 2);
        var b = new string("urn:dev:ss:gw-b:bme280-1:");
        while ((RuntimeHelpers.GetHashCode(b) & (SensorBaseName.Slots - 2)) != set)
        {
            // The table is keyed by the string's identity: another instance has another identity hash.
            b = new string("urn:dev:ss:gw-b:bme280-1:");
        }

        var first = SensorBaseName.Find(table, a);
        var other = SensorBaseName.Find(table, b);
        for (var i = 0; i < 3; i++)
        {
            Assert.Same(first, SensorBaseName.Find(table, a));
            Assert.Same(other, SensorBaseName.Find(table, b));
        }

        Assert.Equal(("gw-a", "bme280-1"), (first.Gateway, first.Sensor));
        Assert.Equal(("gw-b", "bme280-1"), (other.Gateway, other.Sensor));
    }

    [Fact]
    public void SensorBaseNameFind_NotOfTheGatewayShape_NoGatewayOrSensor()
    {
        var table = new SensorBaseName?[SensorBaseName.Slots];

        var entry = SensorBaseName.Find(table, "urn:dev:mac:0024befffe804ff1:");

        Assert.Null(entry.Gateway);
        Assert.Null(entry.Sensor);
    }

    /// <summary>Two base names whose UTF-8 falls into the same set of the name memo.</summary>
    private static (string A, string B) TwoNamesOfOneSet()
    {
        var bySet = new Dictionary<int, string>();
        for (var i = 0; ; i++)
        {
            var name = $"urn:dev:ss:gw-{i:D5}:bme280-1:";
            var hash = new HashCode();
            hash.AddBytes(Encoding.UTF8.GetBytes(name));
            var set = hash.ToHashCode() & (SenmlNameCache.Slots - 2);
            if (bySet.TryGetValue(set, out var earlier))
            {
                return (earlier, name);
            }

            bySet.Add(set, name);
        }
    }
}
