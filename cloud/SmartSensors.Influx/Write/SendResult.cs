namespace SmartSensors.Influx.Write;

/// <summary>The answer to one write request.</summary>
internal readonly record struct SendResult(SendResultKind Kind, int StatusCode, string? Message, TimeSpan? RetryAfter)
{
    public static SendResult Success(int statusCode) => new(SendResultKind.Success, statusCode, null, null);
}
