using System.Collections.Concurrent;
using System.Text;
using SmartSensors.Influx.LineProtocol;
using SmartSensors.Influx.Query;
using SmartSensors.Influx.Write;
using SmartSensors.Testing.Influx;

namespace SmartSensors.Influx.Tests.Write;

// Every test here talks to a real influxd (InfluxFixture), on 127.0.0.1 only.
public sealed class InfluxWriterTests : IClassFixture<InfluxServer>
{
    private readonly InfluxServer _server;

    public InfluxWriterTests(InfluxServer server) => _server = server;

    private static byte[] Lines(LinePrecision precision, Action<LineProtocolWriter> write)
    {
        using var buffer = new LineProtocolBuffer();
        write(new LineProtocolWriter(buffer, precision));
        return buffer.WrittenSpan.ToArray();
    }

    [Fact]
    public async Task WriteAsync_EveryFieldType_RoundTrips()
    {
        string db = await _server.NewDatabaseAsync();
        await using var writer = new InfluxWriter(_server.Connection(db), InfluxServer.FastWriter(o => o.Precision = LinePrecision.Seconds));
        using var query = _server.Query(db);
        const string text = "quote \" backslash \\ comma , equals = space tab\t unicode €😀";

        var outcome = await writer.WriteAsync(Lines(LinePrecision.Seconds, w =>
            w.Measurement("types").Tag("site", "s1")
                .Field("f", 0.1).Field("whole", 82.0).Field("tiny", 5e-324).Field("big", double.MaxValue).Field("neg", -1.5e-7)
                .Field("i", long.MinValue).Field("imax", long.MaxValue).Field("u", (ulong)long.MaxValue)
                .Field("yes", true).Field("no", false).Field("s", text).Field("empty", string.Empty)
                .Timestamp(1_700_000_000L)), TestTimeout.Token());

        Assert.Equal(WriteStatus.Written, outcome.Status);
        var series = Assert.Single((await query.QueryAsync("SELECT * FROM \"types\"", cancellationToken: TestTimeout.Token())).EnsureSuccess().AllSeries);
        Assert.Equal(1_700_000_000_000_000_000L, series.GetValue(0, "time"));
        Assert.Equal(0.1, series.GetDouble(0, "f"));
        Assert.Equal(82.0, series.GetDouble(0, "whole"));
        Assert.Equal(5e-324, series.GetDouble(0, "tiny"));
        Assert.Equal(double.MaxValue, series.GetDouble(0, "big"));
        Assert.Equal(-1.5e-7, series.GetDouble(0, "neg"));
        Assert.Equal(long.MinValue, series.GetValue(0, "i"));
        Assert.Equal(long.MaxValue, series.GetValue(0, "imax"));
        Assert.Equal(long.MaxValue, series.GetValue(0, "u"));
        Assert.Equal(true, series.GetValue(0, "yes"));
        Assert.Equal(false, series.GetValue(0, "no"));
        Assert.Equal(text, series.GetValue(0, "s"));
        Assert.Equal(string.Empty, series.GetValue(0, "empty"));
        Assert.Equal("s1", series.GetValue(0, "site"));

        // The stored types are the ones written (InfluxDB's own view).
        var fieldTypes = (await query.QueryAsync("SHOW FIELD KEYS FROM \"types\"", cancellationToken: TestTimeout.Token())).EnsureSuccess().AllSeries.Single();
        var types = fieldTypes.Values.ToDictionary(r => (string)r[0]!, r => (string)r[1]!);
        Assert.Equal("float", types["f"]);
        Assert.Equal("float", types["whole"]);
        Assert.Equal("integer", types["i"]);
        Assert.Equal("integer", types["u"]);
        Assert.Equal("boolean", types["yes"]);
        Assert.Equal("string", types["s"]);
    }

    [Theory]
    [InlineData(LinePrecision.Seconds, 1_700_000_000_000_000_000L)]
    [InlineData(LinePrecision.Milliseconds, 1_700_000_000_123_000_000L)]
    [InlineData(LinePrecision.Microseconds, 1_700_000_000_123_456_000L)]
    [InlineData(LinePrecision.Nanoseconds, 1_700_000_000_123_456_700L)]
    public async Task WriteAsync_EachPrecision_StoresTheInstantTruncatedToIt(LinePrecision precision, long expectedNanoseconds)
    {
        string db = await _server.NewDatabaseAsync();
        await using var writer = new InfluxWriter(_server.Connection(db), InfluxServer.FastWriter(o => o.Precision = precision));
        var instant = DateTimeOffset.UnixEpoch.AddTicks(1_700_000_000_123_456_789L / 100);

        var outcome = await writer.WriteAsync(Lines(precision, w => w.Measurement("p").Field("v", 1L).Timestamp(instant)), TestTimeout.Token());

        Assert.Equal(WriteStatus.Written, outcome.Status);
        var rows = await _server.Influx.QueryRowsAsync(db, "SELECT v FROM p");
        Assert.Equal(expectedNanoseconds, Assert.Single(rows)[0].GetInt64());
    }

    [Fact]
    public async Task WriteAsync_NamesWithEverySpecialCharacter_RoundTrip()
    {
        string db = await _server.NewDatabaseAsync();
        await using var writer = new InfluxWriter(_server.Connection(db), InfluxServer.FastWriter());
        using var query = _server.Query(db);
        const string measurement = "we,ird me=as\"ure\\ment #1 € x\\\\y";
        const string tagKey = "t,k e=y\"\\k";
        const string tagValue = "v,a l=ue\"\\x =y";
        const string fieldKey = "f,k e=y\"\\f \\\\g";

        var outcome = await writer.WriteAsync(Lines(LinePrecision.Nanoseconds, w =>
            w.Measurement(measurement).Tag(tagKey, tagValue).Tag("plain", "p").Field(fieldKey, 42L).Timestamp(1)), TestTimeout.Token());
        Assert.True(outcome.Status == WriteStatus.Written, outcome.ToString());

        var measurements = (await query.QueryAsync("SHOW MEASUREMENTS", cancellationToken: TestTimeout.Token())).EnsureSuccess().AllSeries.Single();
        Assert.Equal(measurement, Assert.Single(measurements.Values)[0]);

        var result = (await query.QueryAsync(
            $"SELECT {InfluxQL.QuoteIdentifier(fieldKey)}, {InfluxQL.QuoteIdentifier(tagKey)} FROM {InfluxQL.QuoteIdentifier(measurement)} WHERE {InfluxQL.QuoteIdentifier(tagKey)} = $value",
            new Dictionary<string, object?> { ["value"] = tagValue },
            cancellationToken: TestTimeout.Token())).EnsureSuccess();
        var series = Assert.Single(result.AllSeries);
        Assert.Equal(measurement, series.Name);
        Assert.Equal(42L, series.GetValue(0, fieldKey));
        Assert.Equal(tagValue, series.GetValue(0, tagKey));
    }

    [Fact]
    public async Task WriteAsync_SameSeriesAndTimestampTwice_IsStoredOnceWithTheLastValue()
    {
        string db = await _server.NewDatabaseAsync();
        await using var writer = new InfluxWriter(_server.Connection(db), InfluxServer.FastWriter(o => o.Precision = LinePrecision.Seconds));

        var first = await writer.WriteAsync(Lines(LinePrecision.Seconds, w => w.Measurement("soil").Tag("bed", "14").Field("moisture", 20.5).Timestamp(1_700_000_000L)), TestTimeout.Token());
        var second = await writer.WriteAsync(Lines(LinePrecision.Seconds, w => w.Measurement("soil").Tag("bed", "14").Field("moisture", 21.5).Timestamp(1_700_000_000L)), TestTimeout.Token());

        Assert.Equal(WriteStatus.Written, first.Status);
        Assert.Equal(WriteStatus.Written, second.Status);
        var rows = await _server.Influx.QueryRowsAsync(db, "SELECT moisture FROM soil");
        Assert.Equal(21.5, Assert.Single(rows)[1].GetDouble());
    }

    [Fact]
    public async Task EnqueueAsync_BatchWithOneFieldTypeConflict_WritesTheRestAndReportsTheBadLine()
    {
        string db = await _server.NewDatabaseAsync();
        await _server.Influx.WriteAsync(db, "air pm25=1.5 1");
        var outcomes = new ConcurrentDictionary<int, WriteOutcome>();
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        const int Items = 200;
        await using var writer = new InfluxWriter(_server.Connection(db), InfluxServer.FastWriter(o => o.FlushInterval = TimeSpan.FromSeconds(30)), outcome =>
        {
            outcomes[(int)outcome.State!] = outcome;
            if (outcomes.Count == Items)
            {
                all.TrySetResult();
            }
        });

        for (int i = 0; i < Items; i++)
        {
            int n = i;
            byte[] lines = Lines(LinePrecision.Nanoseconds, w =>
            {
                w.Measurement("air").Tag("sensor", $"s{n}").Field("pm25", 10.0 + n).Timestamp(1_000 + n);
                if (n == 137)
                {
                    w.Measurement("air").Tag("sensor", "bad").Field("pm25", 7L).Timestamp(5); // integer into a float field
                }
            });
            await writer.EnqueueAsync(lines, n, TestTimeout.Token());
        }

        await writer.FlushAsync(TestTimeout.Token());
        await all.Task.WaitAsync(TestTimeout.Default);

        var bad = outcomes[137];
        Assert.Equal(WriteStatus.Rejected, bad.Status);
        var rejected = Assert.Single(bad.RejectedLines);
        Assert.Equal("air,sensor=bad pm25=7i 5", rejected.Line);
        Assert.Equal(1, rejected.Index); // the item's second line
        Assert.Contains("field type conflict", rejected.Error, StringComparison.Ordinal);
        Assert.Contains("pm25", rejected.Error, StringComparison.Ordinal);
        Assert.All(outcomes.Where(o => o.Key != 137), o => Assert.Equal(WriteStatus.Written, o.Value.Status));
        Assert.Equal(1 + Items, await _server.Influx.CountAsync(db, "air", "pm25"));
        Assert.Empty(await _server.Influx.QueryRowsAsync(db, "SELECT pm25 FROM air WHERE sensor = 'bad'"));
    }

    [Fact]
    public async Task WriteAsync_UnsignedSuffix_IsRefusedByInfluxDb16WithItsMessage()
    {
        // Documents what InfluxDB 1.x release builds accept: the 'u' suffix is refused, which is why
        // LineProtocolWriter writes unsigned values as integers unless told the server supports 'u'.
        string db = await _server.NewDatabaseAsync();
        await using var writer = new InfluxWriter(_server.Connection(db), InfluxServer.FastWriter());

        var unsigned = await writer.WriteAsync(Lines(LinePrecision.Nanoseconds, w => new LineProtocolWriter(w.Buffer, LinePrecision.Nanoseconds, unsignedIntegers: true).Measurement("u").Field("v", 5UL).Timestamp(1)), TestTimeout.Token());
        var integer = await writer.WriteAsync(Lines(LinePrecision.Nanoseconds, w => w.Measurement("u").Field("v", 5UL).Timestamp(2)), TestTimeout.Token());

        Assert.Equal(WriteStatus.Rejected, unsigned.Status);
        Assert.Contains("invalid number", unsigned.Message, StringComparison.Ordinal);
        Assert.Equal(WriteStatus.Written, integer.Status);
    }

    [Fact]
    public async Task WriteAsync_HundredThousandPoints_AreAllStored()
    {
        string db = await _server.NewDatabaseAsync();
        await using var writer = new InfluxWriter(_server.Connection(db), InfluxServer.FastWriter(o => o.Precision = LinePrecision.Seconds));
        const int Points = 100_000;
        using var buffer = new LineProtocolBuffer(1 << 20);
        var lines = writer.CreateLineWriter(buffer);
        var pending = new List<Task<WriteOutcome>>();
        for (int i = 0; i < Points; i++)
        {
            lines.Measurement("footfall").Tag("gateway", $"gw-{i % 50}").Tag("site", "market-square").Field("count", (long)i).Field("battery", 3.7).Timestamp(1_600_000_000L + (i / 50));
            if (lines.LineCount == 500)
            {
                pending.Add(writer.WriteAsync(buffer.WrittenMemory, TestTimeout.Token()));
                lines.Clear();
            }
        }

        var outcomes = await Task.WhenAll(pending).WaitAsync(TestTimeout.Default);

        Assert.All(outcomes, o => Assert.Equal(WriteStatus.Written, o.Status));
        Assert.Equal(Points, outcomes.Sum(o => o.LineCount));
        Assert.Equal(Points, await _server.Influx.CountAsync(db, "footfall", "count"));
        var sum = await _server.Influx.QueryRowsAsync(db, "SELECT SUM(\"count\") FROM footfall");
        Assert.Equal((long)Points * (Points - 1) / 2, Assert.Single(sum)[1].GetInt64());
    }

    [Fact]
    public async Task WriteAsync_Gzip_IsStored()
    {
        string db = await _server.NewDatabaseAsync();
        await using var writer = new InfluxWriter(_server.Connection(db), InfluxServer.FastWriter(o => o.Gzip = true));
        var text = new StringBuilder();
        for (int i = 0; i < 500; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"gz,s=a v={i}i {i + 1}\n");
        }

        var outcome = await writer.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), TestTimeout.Token());

        Assert.Equal(WriteStatus.Written, outcome.Status);
        Assert.Equal(500, await _server.Influx.CountAsync(db, "gz", "v"));
    }

    [Fact]
    public async Task WriteAsync_DatabaseMissing_IsRetriedNotDroppedAndStoredOnceCreated()
    {
        string db = $"late{Guid.NewGuid():N}";
        var logger = new RecordingLogger<InfluxWriter>();
        await using var writer = new InfluxWriter(_server.Connection(db), InfluxServer.FastWriter(), logger: logger);

        Task<WriteOutcome> write = writer.WriteAsync(Encoding.UTF8.GetBytes("late v=1i 1\n"), TestTimeout.Token());
        string error = await logger.WaitForEventAsync(4003).WaitAsync(TestTimeout.Default);
        Assert.Contains("database not found", error, StringComparison.Ordinal);
        Assert.False(write.IsCompleted);

        await _server.Influx.CreateDatabaseAsync(db);
        var outcome = await write.WaitAsync(TestTimeout.Default);

        Assert.Equal(WriteStatus.Written, outcome.Status);
        Assert.Equal(1, await _server.Influx.CountAsync(db, "late", "v"));
    }

    [Fact]
    public async Task EnqueueAsync_InfluxKilledMidWriteAndRestarted_StoresEveryPointExactlyOnce()
    {
        await using var influx = await InfluxFixture.StartAsync(TestTimeout.Token());
        await influx.CreateDatabaseAsync("resilience");
        var logger = new RecordingLogger<InfluxWriter>();
        const int Items = 400;
        const int LinesPerItem = 5;
        var outcomes = new ConcurrentDictionary<int, WriteOutcome>();
        var firstHalfDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var allDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var writer = new InfluxWriter(
            InfluxServer.For(influx, "resilience"),
            InfluxServer.FastWriter(o => { o.BatchPoints = 100; o.Precision = LinePrecision.Seconds; }),
            outcome =>
            {
                outcomes[(int)outcome.State!] = outcome;
                if (outcomes.Count == Items / 2)
                {
                    firstHalfDone.TrySetResult();
                }

                if (outcomes.Count == Items)
                {
                    allDone.TrySetResult();
                }
            },
            logger);

        using var buffer = new LineProtocolBuffer();
        var lines = writer.CreateLineWriter(buffer);
        async Task EnqueueRange(int from, int to)
        {
            for (int item = from; item < to; item++)
            {
                lines.Clear();
                for (int j = 0; j < LinesPerItem; j++)
                {
                    lines.Measurement("water_level").Tag("gateway", "gw-river").Tag("sensor", $"s{j}").Field("level_m", (item * 0.01) + j).Field("seq", (long)item).Timestamp(1_700_000_000L + item);
                }

                await writer.EnqueueAsync(buffer.WrittenMemory, item, TestTimeout.Token());
            }
        }

        await EnqueueRange(0, Items / 2);
        await firstHalfDone.Task.WaitAsync(TestTimeout.Default);

        await influx.KillAsync(TestTimeout.Token());
        await EnqueueRange(Items / 2, Items);
        // The writer notices the dead server (refused connections) and keeps the data while retrying.
        await logger.WaitForEventAsync(4002).WaitAsync(TestTimeout.Default);
        Assert.False(allDone.Task.IsCompleted);

        await influx.RestartAsync(TestTimeout.Token());
        await allDone.Task.WaitAsync(TestTimeout.Default);

        Assert.All(outcomes.Values, o => Assert.Equal(WriteStatus.Written, o.Status));
        Assert.Equal(Items * LinesPerItem, await influx.CountAsync("resilience", "water_level", "seq"));
        var distinctTimes = await influx.QueryRowsAsync("resilience", "SELECT COUNT(\"seq\") FROM water_level GROUP BY time(1s) fill(none)");
        Assert.Equal(Items, distinctTimes.Count);
        Assert.All(distinctTimes, r => Assert.Equal(LinesPerItem, r[1].GetInt64()));
    }

    [Fact]
    public async Task WriteAsync_InfluxFrozenPastRequestTimeout_RetriesAndStoresOnceResumed()
    {
        await using var influx = await InfluxFixture.StartAsync(TestTimeout.Token());
        await influx.CreateDatabaseAsync("frozen");
        var logger = new RecordingLogger<InfluxWriter>();
        var connection = InfluxServer.For(influx, "frozen");
        connection.RequestTimeout = TimeSpan.FromMilliseconds(300);
        await using var writer = new InfluxWriter(connection, InfluxServer.FastWriter(), logger: logger);

        influx.Pause(); // SIGSTOP: the socket accepts, nothing answers
        try
        {
            Task<WriteOutcome> write = writer.WriteAsync(Encoding.UTF8.GetBytes("frozen v=1i 1\n"), TestTimeout.Token());
            string warning = await logger.WaitForEventAsync(4002).WaitAsync(TestTimeout.Default);
            Assert.Contains("no answer within", warning, StringComparison.Ordinal);
            Assert.False(write.IsCompleted);
            influx.Resume();

            var outcome = await write.WaitAsync(TestTimeout.Default);
            Assert.Equal(WriteStatus.Written, outcome.Status);
        }
        finally
        {
            if (influx.ProcessId is not null)
            {
                influx.Resume();
            }
        }

        Assert.Equal(1, await influx.CountAsync("frozen", "frozen", "v"));
    }

    [Fact]
    public async Task DisposeAsync_ServerUnreachable_ReportsQueuedItemsFailedNotWritten()
    {
        // Port 9 (discard) on loopback: nothing listens, every connection is refused.
        var connection = new InfluxConnectionOptions { Url = new Uri("http://127.0.0.1:9/"), Database = "none" };
        var outcomes = new ConcurrentBag<WriteOutcome>();
        var writer = new InfluxWriter(connection, InfluxServer.FastWriter(o => o.ShutdownTimeout = TimeSpan.FromMilliseconds(200)), outcomes.Add);
        for (int i = 0; i < 10; i++)
        {
            await writer.EnqueueAsync(Encoding.UTF8.GetBytes($"m v={i}i {i}"), i, TestTimeout.Token());
        }

        await writer.DisposeAsync().AsTask().WaitAsync(TestTimeout.Default);

        Assert.Equal(10, outcomes.Count);
        Assert.All(outcomes, o => Assert.Equal(WriteStatus.Failed, o.Status));
        await Assert.ThrowsAsync<InvalidOperationException>(() => writer.EnqueueAsync(Encoding.UTF8.GetBytes("m v=1i"), null, CancellationToken.None).AsTask());
    }
}
