namespace SmartSensors.Cloud.Api.Endpoints;

/// <summary>A refused pack: where from, why, and its payload (UTF-8 text, or base64 when it is not text).</summary>
internal sealed record DeadLetterView(
    long Id,
    DateTimeOffset ReceivedAt,
    string Topic,
    string? Site,
    string? Gateway,
    IReadOnlyList<DeadLetterReason> Reasons,
    string? Payload,
    string? PayloadBase64,
    int PayloadLength,
    bool Truncated);
