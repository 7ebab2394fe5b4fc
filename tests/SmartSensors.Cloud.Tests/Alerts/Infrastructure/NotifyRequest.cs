using System.Text.Json;

namespace SmartSensors.Cloud.Tests.Alerts.Infrastructure;

/// <summary>One request the Notify stand-in accepted.</summary>
internal sealed record NotifyRequest(string Path, JsonElement Body, string Recipient, string TemplateId, string Reference);
