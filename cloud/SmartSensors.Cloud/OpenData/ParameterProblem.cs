namespace SmartSensors.Cloud.OpenData;

/// <summary>Why a request's parameters were refused: the parameter and a message naming it.</summary>
internal sealed record ParameterProblem(string Parameter, string Detail);
