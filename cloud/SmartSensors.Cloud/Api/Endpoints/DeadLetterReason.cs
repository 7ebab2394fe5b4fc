namespace SmartSensors.Cloud.Api.Endpoints;

/// <summary>One reason a pack was refused (a contract reason code, the message and the SenML record index).</summary>
internal sealed record DeadLetterReason(string Code, string Message, int Record);
