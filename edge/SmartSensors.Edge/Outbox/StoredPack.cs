namespace SmartSensors.Edge.Outbox;

/// <summary>
/// A pack on its way to the broker by QoS 2 (delivery mode <c>ExactlyOnce</c>), recorded in the outbox before its PUBLISH
/// is sent: its readings are the unevicted rows with ids <see cref="FirstId"/>..<see cref="LastId"/>, and
/// <see cref="Payload"/> is sent again verbatim (same sequence number, same packet identifier) after a restart.
/// </summary>
internal sealed record StoredPack(long Sequence, ushort PacketId, long FirstId, long LastId, byte[] Payload, StoredPackState State);
