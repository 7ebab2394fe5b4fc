using System.Net;
using SmartSensors.Influx.Write;

namespace SmartSensors.Influx.Tests.Write;

// Pure classification of InfluxDB answers (messages as InfluxDB 1.6.7 and 2.x word them).
public sealed class InfluxWriteSenderTests
{
    [Theory]
    [InlineData(400, "partial write: field type conflict: input field \"f\" on measurement \"m\" is type float, already exists as type integer dropped=1", "LinesRejected")]
    [InlineData(400, "unable to parse 'm f=1u': invalid number", "LinesRejected")]
    [InlineData(400, "partial write: points beyond retention policy dropped=3", "LinesRejected")]
    [InlineData(422, "failed to parse line protocol: error parsing line 1", "LinesRejected")]
    [InlineData(413, "", "LinesRejected")]
    [InlineData(400, "database is required", "Configuration")]
    [InlineData(401, "authorization failed", "Configuration")]
    [InlineData(403, "forbidden", "Configuration")]
    [InlineData(404, "database not found: \"x\"", "Configuration")]
    [InlineData(408, "", "Transient")]
    [InlineData(429, "too many requests", "Transient")]
    [InlineData(500, "engine: cache-max-memory-size exceeded", "Transient")]
    [InlineData(503, "", "Transient")]
    public void Classify_InfluxAnswer_DecidesRetrySplitOrConfiguration(int status, string message, string expected)
    {
        SendResult result = InfluxWriteSender.Classify((HttpStatusCode)status, message, null);
        Assert.Equal(Enum.Parse<SendResultKind>(expected), result.Kind);
    }

    [Theory]
    [InlineData("{\"error\":\"database not found: \\\"x\\\"\"}", "database not found: \"x\"")]
    [InlineData("{\"code\":\"invalid\",\"message\":\"partial write error (2 written)\"}", "partial write error (2 written)")]
    [InlineData("plain text body", "plain text body")]
    [InlineData("{not json", "{not json")]
    public void ErrorMessage_V1AndV2Bodies_ExtractInfluxMessage(string body, string expected) =>
        Assert.Equal(expected, InfluxWriteSender.ErrorMessage(body));
}
