using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SmartSensors.Cloud.Alerts.Channels.Webhook;

namespace SmartSensors.Cloud.Tests.Alerts.Infrastructure;

/// <summary>A webhook receiver on 127.0.0.1 (Kestrel) that verifies the HMAC-SHA256 signature of every POST (and that
/// its timestamp is within 5 minutes of the receiver's clock) and records it; an unsigned, badly signed or stale
/// request gets 401 and is recorded as refused.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<ReceivedWebhook> _received = Channel.CreateUnbounded<ReceivedWebhook>();

    private WebhookReceiver(WebApplication app, string secret)
    {
        _app = app;
        Secret = secret;
    }

    public string Secret { get; }

    public Uri Url => new(new Uri(_app.Urls.First()), "hook");

    /// <summary>Everything received so far (signed or not).</summary>
    public List<ReceivedWebhook> All { get; } = [];

    /// <summary>Status the receiver answers with (to test retries).</summary>
    public int StatusCode { get; set; } = 200;

    public static async Task<WebhookReceiver> StartAsync(string secret, TimeProvider? clock = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, secret);
        app.MapPost("/hook", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            var body = buffer.ToArray();
            var signed = WebhookSignature.Verify(
                secret,
                context.Request.Headers[WebhookSignature.TimestampHeader],
                context.Request.Headers[WebhookSignature.SignatureHeader],
                body,
                (clock ?? TimeProvider.System).GetUtcNow(),
                TimeSpan.FromMinutes(5));
            var received = new ReceivedWebhook(
                System.Text.Encoding.UTF8.GetString(body),
                context.Request.Headers[WebhookSignature.IdempotencyHeader].ToString(),
                context.Request.Headers[WebhookSignature.EventHeader].ToString(),
                signed);
            lock (receiver.All)
            {
                receiver.All.Add(received);
            }

            receiver._received.Writer.TryWrite(received);
            context.Response.StatusCode = signed ? receiver.StatusCode : 401;
        });
        await app.StartAsync();
        return receiver;
    }

    /// <summary>Waits for the next request (30 s).</summary>
    public async Task<ReceivedWebhook> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _received.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>Waits for the next request whose event is <paramref name="eventName"/>.</summary>
    public async Task<ReceivedWebhook> NextAsync(string eventName)
    {
        while (true)
        {
            var next = await NextAsync();
            if (next.Event == eventName)
            {
                return next;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
