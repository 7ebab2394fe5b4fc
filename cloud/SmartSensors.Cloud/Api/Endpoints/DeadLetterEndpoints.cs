using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using SmartSensors.Cloud.DeadLetters;
using SmartSensors.Cloud.Security;

namespace SmartSensors.Cloud.Api.Endpoints;

/// <summary><c>/dead-letters</c>: the newest refused packs, for operators.</summary>
internal static class DeadLetterEndpoints
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/dead-letters", IResult (string? limit, string? site, string? gateway, DeadLetterStore store, IOptions<ApiOptions> options) =>
            {
                if (!ApiQuery.TryLimit("limit", limit, Math.Min(100, options.Value.MaxDeadLetters), options.Value.MaxDeadLetters, out var count, out var problem)
                    || !ApiQuery.TryId("site", site, required: false, out _, out problem)
                    || !ApiQuery.TryId("gateway", gateway, required: false, out _, out problem))
                {
                    return problem;
                }

                return TypedResults.Ok(store.Latest(count, site, gateway).Select(View).ToList());
            })
            .RequireAuthorization(ApiPolicies.Operators)
            .WithName("DeadLetters").WithSummary("The newest refused packs with every reason (operators).")
            .Produces<List<DeadLetterView>>().ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static DeadLetterView View(DeadLetter letter)
    {
        string? text = null;
        string? base64 = null;
        try
        {
            text = StrictUtf8.GetString(letter.Payload.Span);
        }
        catch (DecoderFallbackException)
        {
            base64 = Convert.ToBase64String(letter.Payload.Span);
        }

        return new DeadLetterView(
            letter.Id,
            letter.ReceivedAt,
            letter.Topic,
            letter.Site,
            letter.Gateway,
            [.. letter.Reasons.Select(r => new DeadLetterReason(r.Code, r.Message, r.Record))],
            text,
            base64,
            letter.PayloadLength,
            letter.Truncated);
    }
}
