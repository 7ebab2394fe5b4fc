using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SmartSensors.Cloud.Tests.Alerts.Infrastructure;

/// <summary>
/// A local stand-in for the GOV.UK Notify API on 127.0.0.1: <c>POST /v2/notifications/sms</c> and <c>/email</c>.
/// It checks what Notify documents: a bearer JWT signed HS256 with the API key's secret, <c>iss</c> the service id and
/// <c>iat</c> within 30 s of now; a body with <c>phone_number</c> / <c>email_address</c>, <c>template_id</c>,
/// <c>personalisation</c> (an object) and <c>reference</c>. Refusals use Notify's error shape
/// <c>{"status_code", "errors":[{"error","message"}]}</c>; accepted requests get a 201 with Notify's response shape.
/// </summary>
internal sealed class NotifyStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<NotifyRequest> _accepted = Channel.CreateUnbounded<NotifyRequest>();

    private NotifyStandIn(WebApplication app, Guid serviceId, Guid secret)
    {
        _app = app;
        ServiceId = serviceId;
        Secret = secret;
    }

    public Guid ServiceId { get; }

    public Guid Secret { get; }

    /// <summary>An API key the way Notify issues them: <c>{name}-{service id}-{secret}</c>.</summary>
    public string ApiKey => $"smartsensors_test-{ServiceId}-{Secret}";

    public Uri BaseUrl => new(_app.Urls.First() + "/");

    public List<NotifyRequest> Accepted { get; } = [];

    public List<string> Refusals { get; } = [];

    /// <summary>The next <paramref name="count"/> well-formed requests are answered with 429 (Notify's rate limit).</summary>
    public void RateLimitNext(int count) => Interlocked.Exchange(ref _rateLimited, count);

    /// <summary>Requests to this recipient are refused with 400 ValidationError (like an invalid number).</summary>
    public string? InvalidRecipient { get; set; }

    private int _rateLimited;

    public static async Task<NotifyStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new NotifyStandIn(app, Guid.NewGuid(), Guid.NewGuid());
        app.MapPost("/v2/notifications/{kind}", async (string kind, HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            var problem = standIn.CheckToken(context.Request.Headers.Authorization.ToString());
            JsonElement body = default;
            if (problem is null)
            {
                try
                {
                    body = JsonDocument.Parse(buffer.ToArray()).RootElement.Clone();
                    problem = CheckBody(kind, body);
                }
                catch (JsonException ex)
                {
                    problem = ("BadRequestError", $"body is not JSON: {ex.Message}", 400);
                }
            }

            if (problem is { } p)
            {
                lock (standIn.Refusals)
                {
                    standIn.Refusals.Add(p.Message);
                }

                context.Response.StatusCode = p.Status;
                await context.Response.WriteAsJsonAsync(new { status_code = p.Status, errors = new[] { new { error = p.Error, message = p.Message } } });
                return;
            }

            var recipient = body.GetProperty(kind == "sms" ? "phone_number" : "email_address").GetString()!;
            if (recipient == standIn.InvalidRecipient || Interlocked.Decrement(ref standIn._rateLimited) >= 0)
            {
                var (status, error, text) = recipient == standIn.InvalidRecipient
                    ? (400, "ValidationError", "phone_number Not a UK mobile number")
                    : (429, "RateLimitError", "Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds");
                lock (standIn.Refusals)
                {
                    standIn.Refusals.Add(text);
                }

                context.Response.StatusCode = status;
                await context.Response.WriteAsJsonAsync(new { status_code = status, errors = new[] { new { error, message = text } } });
                return;
            }

            var request = new NotifyRequest(context.Request.Path, body, recipient, body.GetProperty("template_id").GetString()!, body.GetProperty("reference").GetString()!);
            lock (standIn.Accepted)
            {
                standIn.Accepted.Add(request);
            }

            standIn._accepted.Writer.TryWrite(request);
            var id = Guid.NewGuid();
            context.Response.StatusCode = 201;
            await context.Response.WriteAsJsonAsync(new
            {
                id,
                reference = request.Reference,
                content = kind == "sms"
                    ? (object)new { body = "rendered", from_number = "SmartSensors" }
                    : new { body = "rendered", subject = "Alert", from_email = "alerts@example.gov.uk" },
                uri = $"{standIn.BaseUrl}v2/notifications/{id}",
                template = new { id = request.TemplateId, version = 1, uri = $"{standIn.BaseUrl}v2/template/{request.TemplateId}" },
            });
        });
        await app.StartAsync();
        return standIn;
    }

    /// <summary>Waits for the next accepted request (30 s).</summary>
    public async Task<NotifyRequest> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _accepted.Reader.ReadAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private (string Error, string Message, int Status)? CheckToken(string authorization)
    {
        const string Bearer = "Bearer ";
        if (!authorization.StartsWith(Bearer, StringComparison.Ordinal))
        {
            return ("AuthError", "Unauthorized: authentication token must be provided", 403);
        }

        var parts = authorization[Bearer.Length..].Split('.');
        if (parts.Length != 3)
        {
            return ("AuthError", "Invalid token: not a JWT", 403);
        }

        using var header = JsonDocument.Parse(Base64Url(parts[0]));
        if (header.RootElement.GetProperty("alg").GetString() != "HS256")
        {
            return ("AuthError", "Invalid token: algorithm must be HS256", 403);
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret.ToString()), Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"));
        if (!CryptographicOperations.FixedTimeEquals(expected, Base64Url(parts[2])))
        {
            return ("AuthError", "Invalid token: signature, api token is not valid", 403);
        }

        using var claims = JsonDocument.Parse(Base64Url(parts[1]));
        if (!claims.RootElement.TryGetProperty("iss", out var iss) || iss.GetString() != ServiceId.ToString())
        {
            return ("AuthError", "Invalid token: iss field not provided or not the service id", 403);
        }

        // iat is a JSON number of seconds (JWT NumericDate: it may carry a fraction).
        if (!claims.RootElement.TryGetProperty("iat", out var iat) || iat.ValueKind != JsonValueKind.Number || !iat.TryGetDouble(out var issuedAt)
            || Math.Abs((DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0) - issuedAt) > 30)
        {
            return ("AuthError", "Error: Your system clock must be accurate to within 30 seconds", 403);
        }

        return null;
    }

    private static (string Error, string Message, int Status)? CheckBody(string kind, JsonElement body)
    {
        var recipientField = kind switch
        {
            "sms" => "phone_number",
            "email" => "email_address",
            _ => null,
        };
        if (recipientField is null)
        {
            return ("BadRequestError", $"notification type {kind} is not supported", 400);
        }

        if (!body.TryGetProperty(recipientField, out var recipient) || recipient.ValueKind != JsonValueKind.String || recipient.GetString()!.Length == 0)
        {
            return ("ValidationError", $"{recipientField} is a required property", 400);
        }

        if (!body.TryGetProperty("template_id", out var template) || !Guid.TryParse(template.GetString(), out _))
        {
            return ("ValidationError", "template_id is not a valid UUID", 400);
        }

        if (body.TryGetProperty("personalisation", out var personalisation) && personalisation.ValueKind != JsonValueKind.Object)
        {
            return ("ValidationError", "personalisation must be an object", 400);
        }

        if (!body.TryGetProperty("reference", out var reference) || reference.ValueKind != JsonValueKind.String)
        {
            return ("ValidationError", "reference (our idempotency key) is missing", 400);
        }

        return null;
    }

    private static byte[] Base64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        return Convert.FromBase64String(padded);
    }
}
