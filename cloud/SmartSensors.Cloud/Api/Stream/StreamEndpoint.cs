using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SmartSensors.Cloud.Api.Stream;

/// <summary><c>GET /api/v1/stream</c>: Server-Sent Events (<c>reading</c>, <c>alert</c>), a comment line as heartbeat
/// after each quiet <c>Api:Stream:Heartbeat</c>, and a final <c>overflow</c> event when the client fell a whole buffer
/// behind and is disconnected.</summary>
internal static class StreamEndpoint
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/stream", StreamAsync)
            .WithName("Stream")
            .WithSummary("Live readings and alert changes as Server-Sent Events (text/event-stream); optionally of one site.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task StreamAsync(HttpContext context, string? site, StreamHub hub, IOptions<ApiOptions> options, TimeProvider clock, ILogger<StreamHub> logger)
    {
        if (!ApiQuery.TryId("site", site, required: false, out _, out var problem))
        {
            await problem.ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        if (!hub.TryJoin(site, out var client))
        {
            await ApiProblems.Unavailable($"The live stream has its maximum of {options.Value.Stream.MaxClients} clients (Api:Stream:MaxClients); retry later.").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var cancellationToken = context.RequestAborted;
        try
        {
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            var response = context.Response;
            response.ContentType = "text/event-stream";
            response.Headers.CacheControl = "no-cache, no-store";
            response.Headers["X-Accel-Buffering"] = "no";
            await response.WriteAsync(": connected\n\n", cancellationToken).ConfigureAwait(false);
            await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);

            var heartbeat = options.Value.Stream.Heartbeat;
            var reader = client.Events;
            var text = new StringBuilder();
            Task<bool>? pending = null;
            while (!cancellationToken.IsCancellationRequested)
            {
                pending ??= reader.WaitToReadAsync(cancellationToken).AsTask();
                using (var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    var delay = Task.Delay(heartbeat, clock, quiet.Token);
                    var first = await Task.WhenAny(pending, delay).ConfigureAwait(false);
                    await quiet.CancelAsync().ConfigureAwait(false);
                    if (first != pending)
                    {
                        if (!cancellationToken.IsCancellationRequested)
                        {
                            await response.WriteAsync(": heartbeat\n\n", cancellationToken).ConfigureAwait(false);
                            await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
                        }

                        continue;
                    }
                }

                if (!await pending.ConfigureAwait(false))
                {
                    break; // completed: overflow or host stopping
                }

                pending = null;
                text.Clear();
                while (reader.TryRead(out var liveEvent))
                {
                    text.Append("event: ").Append(liveEvent.Event).Append('\n').Append("data: ").Append(liveEvent.Data).Append("\n\n");
                }

                await response.WriteAsync(text.ToString(), cancellationToken).ConfigureAwait(false);
                await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            if (client.Overflowed)
            {
                ApiLog.StreamClientDropped(logger, client.Id, options.Value.Stream.ClientBuffer);
                await response.WriteAsync("event: overflow\ndata: {\"reason\":\"the client fell too far behind; reconnect and reload\"}\n\n", cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (IOException)
        {
            // The connection broke while writing.
        }
        finally
        {
            hub.Leave(client);
        }
    }
}
