namespace SmartSensors.Cloud.OpenData;

/// <summary>A rendered response body with its content type and strong entity tag.</summary>
internal sealed record RenderedResponse(byte[] Body, string ContentType, string ETag, string? FileName);
