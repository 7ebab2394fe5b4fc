using SmartSensors.Contracts;

namespace SmartSensors.Edge.Outbox;

/// <summary>One reading held in the outbox: its row id (capture order), the reading and the bytes it counts against the bound.</summary>
internal readonly record struct OutboxEntry(long Id, Reading Reading, int Bytes);
