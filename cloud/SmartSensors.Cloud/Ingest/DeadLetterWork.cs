using SmartSensors.Cloud.DeadLetters;

namespace SmartSensors.Cloud.Ingest;

/// <summary>A refused pack waiting to be stored as a dead letter, then acknowledged.</summary>
internal readonly record struct DeadLetterWork(InFlightPack Pack, DeadLetter Letter);
