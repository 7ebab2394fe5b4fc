using System.Text;
using SmartSensors.Mqtt.Client;

namespace SmartSensors.Mqtt.Tests.Client;

public sealed class TopicStringCacheTests
{
    [Fact]
    public void Get_SameTopicAgain_ReturnsTheSameString()
    {
        var cache = new TopicStringCache();
        var first = cache.Get("ss/v1/market-square/gw-001/readings"u8);
        var second = cache.Get("ss/v1/market-square/gw-001/readings"u8);

        Assert.Equal("ss/v1/market-square/gw-001/readings", first);
        Assert.Same(first, second);
        Assert.NotSame(first, cache.Get("ss/v1/market-square/gw-002/readings"u8));
    }

    [Fact]
    public void Get_NonAsciiAndOverlongTopics_DecodedAsUtf8()
    {
        var cache = new TopicStringCache();
        var long_ = "ss/" + new string('é', TopicStringCache.MaxTopicBytes);

        Assert.Equal("ss/v1/straße/ünit/readings", cache.Get(Encoding.UTF8.GetBytes("ss/v1/straße/ünit/readings")));
        Assert.Equal(long_, cache.Get(Encoding.UTF8.GetBytes(long_)));
        Assert.Equal(1, cache.Count); // the overlong topic is not kept
    }

    [Fact]
    public void Get_MoreDistinctTopicsThanCapacity_StaysBoundedAndCorrect()
    {
        var cache = new TopicStringCache();
        for (var i = 0; i < TopicStringCache.Capacity * 3; i++)
        {
            Assert.Equal($"t/{i}", cache.Get(Encoding.UTF8.GetBytes($"t/{i}")));
            Assert.InRange(cache.Count, 1, TopicStringCache.Capacity);
        }
    }
}
