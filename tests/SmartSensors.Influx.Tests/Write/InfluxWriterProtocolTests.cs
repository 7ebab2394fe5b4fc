using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Text;
using SmartSensors.Influx.LineProtocol;
using SmartSensors.Influx.Write;

namespace SmartSensors.Influx.Tests.Write;

// The HTTP requests the writer builds and its retry policy, checked with a scripted handler. These tests claim
// nothing about InfluxDB itself (InfluxDB 1.6 has no v2 API and never answers 429); the server behaviour is
// covered against the real influxd in InfluxWriterTests.
public sealed class InfluxWriterProtocolTests
{
    private sealed class ScriptedHandler : HttpMessageHandler
    {
        private readonly ConcurrentQueue<Func<HttpResponseMessage>> _script = new();

        public ConcurrentQueue<(HttpRequestMessage Request, byte[] Body)> Requests { get; } = new();

        public void Then(HttpStatusCode status, Action<HttpResponseMessage>? configure = null) =>
            _script.Enqueue(() =>
            {
                var response = new HttpResponseMessage(status) { Content = new StringContent(status == HttpStatusCode.NoContent ? string.Empty : "{\"error\":\"scripted\"}") };
                configure?.Invoke(response);
                return response;
            });

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            byte[] body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
            Requests.Enqueue((request, body));
            return _script.TryDequeue(out var next) ? next() : new HttpResponseMessage(HttpStatusCode.NoContent);
        }
    }

    [Fact]
    public async Task WriteAsync_V2Api_UsesOrgBucketPrecisionAndTokenHeader()
    {
        var handler = new ScriptedHandler();
        var connection = new InfluxConnectionOptions { Url = new Uri("http://127.0.0.1:8086"), ApiVersion = InfluxApiVersion.V2, Org = "council x", Bucket = "sensors/raw", Token = "s3cret" };
        await using var writer = new InfluxWriter(connection, InfluxServer.FastWriter(o => { o.Precision = LinePrecision.Microseconds; o.Gzip = true; }), httpHandler: handler);

        var outcome = await writer.WriteAsync(Encoding.UTF8.GetBytes("m v=1i 1"), TestTimeout.Token());

        Assert.Equal(WriteStatus.Written, outcome.Status);
        var (request, body) = Assert.Single(handler.Requests);
        Assert.Equal("http://127.0.0.1:8086/api/v2/write?org=council%20x&bucket=sensors%2Fraw&precision=us", request.RequestUri!.AbsoluteUri);
        Assert.Equal("Token", request.Headers.Authorization!.Scheme);
        Assert.Equal("s3cret", request.Headers.Authorization.Parameter);
        Assert.Contains("gzip", request.Content!.Headers.ContentEncoding);
        using var unzip = new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
        using var reader = new StreamReader(unzip);
        Assert.Equal("m v=1i 1\n", await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task WriteAsync_V1Api_UsesDbRpPrecisionAndBasicAuth()
    {
        var handler = new ScriptedHandler();
        var connection = new InfluxConnectionOptions { Url = new Uri("http://127.0.0.1:8086/"), Database = "smart sensors", RetentionPolicy = "raw", Username = "ingest", Password = "pw" };
        await using var writer = new InfluxWriter(connection, InfluxServer.FastWriter(o => o.Precision = LinePrecision.Microseconds), httpHandler: handler);

        await writer.WriteAsync(Encoding.UTF8.GetBytes("m v=1i 1\n"), TestTimeout.Token());

        var (request, _) = Assert.Single(handler.Requests);
        Assert.Equal("http://127.0.0.1:8086/write?db=smart%20sensors&rp=raw&precision=u", request.RequestUri!.AbsoluteUri);
        Assert.Equal("Basic", request.Headers.Authorization!.Scheme);
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes("ingest:pw")), request.Headers.Authorization.Parameter);
    }

    /// <summary>Holds every request until <paramref name="release"/> completes; counts how many wait at once.</summary>
    private sealed class GateHandler(Task release) : HttpMessageHandler
    {
        private int _waiting;

        public TaskCompletionSource TwoAtOnce { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _waiting) >= 2)
            {
                TwoAtOnce.TrySetResult();
            }

            await release.WaitAsync(cancellationToken);
            Interlocked.Decrement(ref _waiting);
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        }
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    public async Task MaxConcurrentRequests_SlowServer_SecondBatchSentOnlyWhenAllowed(int concurrent, bool overlaps)
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new GateHandler(release.Task);
        var connection = new InfluxConnectionOptions { Url = new Uri("http://127.0.0.1:8086/"), Database = "d" };
        await using var writer = new InfluxWriter(connection, InfluxServer.FastWriter(o => { o.BatchPoints = 1; o.MaxConcurrentRequests = concurrent; }), httpHandler: handler);

        // Two one-line batches while the server holds the first request.
        var first = writer.WriteAsync(Encoding.UTF8.GetBytes("m v=1i 1\n"), TestTimeout.Token());
        var second = writer.WriteAsync(Encoding.UTF8.GetBytes("m v=2i 2\n"), TestTimeout.Token());
        // Overlap is awaited (30 s bound); its absence can only be shown by waiting a while for it (2 s).
        var patience = overlaps ? TimeSpan.FromSeconds(30) : TimeSpan.FromSeconds(2);
        var sawTwo = await Task.WhenAny(handler.TwoAtOnce.Task, Task.Delay(patience)) == handler.TwoAtOnce.Task;
        release.SetResult();

        Assert.Equal(overlaps, sawTwo);
        Assert.Equal(WriteStatus.Written, (await first).Status);
        Assert.Equal(WriteStatus.Written, (await second).Status);
    }

    [Fact]
    public async Task WriteAsync_429And503ThenSuccess_RetriesAndReportsWrittenOnce()
    {
        var handler = new ScriptedHandler();
        handler.Then(HttpStatusCode.TooManyRequests, r => r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.Zero));
        handler.Then(HttpStatusCode.ServiceUnavailable);
        var connection = new InfluxConnectionOptions { Url = new Uri("http://127.0.0.1:8086/"), Database = "d" };
        await using var writer = new InfluxWriter(connection, InfluxServer.FastWriter(), httpHandler: handler);

        var outcome = await writer.WriteAsync(Encoding.UTF8.GetBytes("m v=1i 1\n"), TestTimeout.Token());

        Assert.Equal(WriteStatus.Written, outcome.Status);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task WriteAsync_MaxAttemptsExhausted_ReportsFailedNotRejected()
    {
        var handler = new ScriptedHandler();
        for (int i = 0; i < 3; i++)
        {
            handler.Then(HttpStatusCode.InternalServerError);
        }

        var connection = new InfluxConnectionOptions { Url = new Uri("http://127.0.0.1:8086/"), Database = "d" };
        await using var writer = new InfluxWriter(connection, InfluxServer.FastWriter(o => o.MaxAttempts = 3), httpHandler: handler);

        var outcome = await writer.WriteAsync(Encoding.UTF8.GetBytes("m v=1i 1\n"), TestTimeout.Token());

        Assert.Equal(WriteStatus.Failed, outcome.Status);
        Assert.Equal("scripted", outcome.Message);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task RetryDelay_RetryAfterAndBackoff_AreHonouredAndCapped()
    {
        var connection = new InfluxConnectionOptions { Url = new Uri("http://127.0.0.1:8086/"), Database = "d" };
        await using var writer = new InfluxWriter(connection, new InfluxWriterOptions
        {
            InitialRetryDelay = TimeSpan.FromMilliseconds(100),
            MaxRetryDelay = TimeSpan.FromSeconds(2),
            MaxRetryAfter = TimeSpan.FromSeconds(60),
        }, httpHandler: new ScriptedHandler());

        Assert.Equal(TimeSpan.FromSeconds(7), writer.RetryDelay(1, TimeSpan.FromSeconds(7)));
        Assert.Equal(TimeSpan.FromSeconds(60), writer.RetryDelay(1, TimeSpan.FromHours(1)));
        TimeSpan first = writer.RetryDelay(1, null);
        Assert.InRange(first.TotalMilliseconds, 50, 100);
        TimeSpan fourth = writer.RetryDelay(4, null);
        Assert.InRange(fourth.TotalMilliseconds, 400, 800);
        TimeSpan late = writer.RetryDelay(40, null);
        Assert.InRange(late.TotalMilliseconds, 1000, 2000);
    }

    [Fact]
    public async Task EnqueueAsync_BadItems_AreRefusedWithReason()
    {
        var connection = new InfluxConnectionOptions { Url = new Uri("http://127.0.0.1:8086/"), Database = "d" };
        await using var writer = new InfluxWriter(connection, InfluxServer.FastWriter(o => o.MaxItemBytes = 64), httpHandler: new ScriptedHandler());

        var empty = await Assert.ThrowsAsync<ArgumentException>(() => writer.EnqueueAsync(ReadOnlyMemory<byte>.Empty, null, CancellationToken.None).AsTask());
        var tooBig = await Assert.ThrowsAsync<ArgumentException>(() => writer.EnqueueAsync(new byte[100], null, CancellationToken.None).AsTask());
        var blank = await Assert.ThrowsAsync<ArgumentException>(() => writer.EnqueueAsync(Encoding.UTF8.GetBytes("m v=1i\n\nm v=2i\n"), null, CancellationToken.None).AsTask());

        Assert.Contains("No lines", empty.Message, StringComparison.Ordinal);
        Assert.Contains("Influx:Writer:MaxItemBytes", tooBig.Message, StringComparison.Ordinal);
        Assert.Contains("empty line", blank.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryEnqueue_QueueFull_ReturnsFalseInsteadOfGrowing()
    {
        var handler = new BlockingHandler();
        var connection = new InfluxConnectionOptions { Url = new Uri("http://127.0.0.1:8086/"), Database = "d" };
        await using var writer = new InfluxWriter(connection, InfluxServer.FastWriter(o => { o.QueueCapacity = 2; o.BatchPoints = 1; o.ShutdownTimeout = TimeSpan.Zero; }), httpHandler: handler);
        byte[] line = Encoding.UTF8.GetBytes("m v=1i 1\n");

        // The sender is blocked inside a request; fill the batch hand-off and the queue.
        Assert.True(writer.TryEnqueue(line, 0));
        await handler.Entered.Task.WaitAsync(TestTimeout.Default);
        // 100 attempts: the batcher may free a queue slot between two of them (it takes an item into its batch), but
        // never more than the queue, the batch it holds and the one waiting for the sender.
        int accepted = 0;
        for (int i = 0; i < 100; i++)
        {
            if (writer.TryEnqueue(line, i))
            {
                accepted++;
            }
        }

        Assert.InRange(accepted, 2, 4); // queue capacity 2, plus at most one item held by the batcher and one handed off
        handler.Release.TrySetResult();
    }

    private sealed class BlockingHandler : HttpMessageHandler
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        }
    }
}
