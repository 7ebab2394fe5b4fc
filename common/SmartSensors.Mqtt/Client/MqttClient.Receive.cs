using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using SmartSensors.Mqtt.Packets;

namespace SmartSensors.Mqtt.Client;

internal sealed partial class MqttClient
{
    private async Task RunReadLoopAsync(MqttConnection connection)
    {
        Exception? error = null;
        var reader = PipeReader.Create(connection.Stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 4096, leaveOpen: true));
        try
        {
            while (!connection.IsClosed)
            {
                var result = await reader.ReadAsync(connection.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                try
                {
                    while (connection.ServerDisconnect is null
                        && MqttPacketDecoder.TryReadFixedHeader(buffer, _options.EffectiveMaximumPacketSize, out var first, out var headerLength, out var remaining)
                        && buffer.Length >= headerLength + remaining)
                    {
                        var body = buffer.Slice(headerLength, remaining);
                        if (body.IsSingleSegment)
                        {
                            HandlePacket(connection, first, body.FirstSpan);
                        }
                        else
                        {
                            var rented = ArrayPool<byte>.Shared.Rent(remaining);
                            try
                            {
                                body.CopyTo(rented);
                                HandlePacket(connection, first, rented.AsSpan(0, remaining));
                            }
                            finally
                            {
                                ArrayPool<byte>.Shared.Return(rented);
                            }
                        }

                        buffer = buffer.Slice(headerLength + remaining);
                    }
                }
                finally
                {
                    reader.AdvanceTo(buffer.Start, buffer.End);
                }

                Volatile.Write(ref connection.LastReceived, Environment.TickCount64);
                await FlushReadLoopWorkAsync(connection).ConfigureAwait(false);
                if (connection.ServerDisconnect is { } d)
                {
                    error = new MqttException($"The broker closed the connection with DISCONNECT {d.ReasonCode} (0x{(byte)d.ReasonCode:X2}){(d.Properties.ReasonString is { } s ? ": " + s : "")}.");
                    break;
                }

                if (result.IsCompleted)
                {
                    error = new IOException("The broker closed the connection.");
                    break;
                }
            }
        }
        catch (MqttProtocolException ex)
        {
            error = ex;
            MqttClientLog.ProtocolError(_logger, ex.ReasonCode, ex.Message);
            await TrySendDisconnectAsync(connection, ex.ReasonCode).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (connection.Token.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // Whatever ends the read loop ends the connection; the reason is reported, not thrown.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            error = ex;
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
            connection.Abort(error);
        }
    }

    private async Task TrySendDisconnectAsync(MqttConnection connection, MqttReasonCode reasonCode)
    {
        if (connection.Version != MqttProtocolVersion.V500 || connection.IsClosed)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await WritePacketAsync(connection, new DisconnectPacket { ReasonCode = reasonCode }, timeout.Token).ConfigureAwait(false);
            await connection.CompleteOutputAsync(TimeSpan.FromSeconds(2), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException or ObjectDisposedException)
        {
        }
    }

    /// <summary>Writes the replies collected while handling a batch, then waits for room for any overflowed messages.</summary>
    private async Task FlushReadLoopWorkAsync(MqttConnection connection)
    {
        if (connection.PendingReplies.Count > 0 || connection.PromotedPublishes.Count > 0)
        {
            await connection.WriteLock.WaitAsync(connection.Token).ConfigureAwait(false);
            try
            {
                if (!connection.IsClosed)
                {
                    foreach (var (type, id, reason) in connection.PendingReplies)
                    {
                        MqttPacketEncoder.EncodePubAck(connection.Output, type, id, reason, null, connection.Version);
                    }

                    foreach (var flight in connection.PromotedPublishes)
                    {
                        MqttPacketEncoder.EncodePublish(connection.Output, flight.Message, flight.PacketId, flight.Dup, connection.Version);
                    }

                    await connection.Output.FlushAsync(connection.Token).ConfigureAwait(false);
                    foreach (var slot in connection.CompletedByReplies)
                    {
                        slot.Complete(true);
                    }
                }
            }
            finally
            {
                connection.WriteLock.Release();
            }

            connection.PendingReplies.Clear();
            connection.PromotedPublishes.Clear();
            connection.CompletedByReplies.Clear();
        }

        if (connection.Overflow.Count > 0)
        {
            // Only reachable when the broker sends more unacknowledged messages than the inbox holds (MQTT 3.1.1 has no
            // Receive Maximum). Waiting here stops reading the socket: TCP back-pressure on the broker.
            foreach (var message in connection.Overflow)
            {
                await _inbox.Writer.WriteAsync(message, connection.Token).ConfigureAwait(false);
            }

            connection.Overflow.Clear();
        }
    }

    private void HandlePacket(MqttConnection connection, byte first, ReadOnlySpan<byte> body)
    {
        var version = connection.Version;
        var type = MqttPacketDecoder.ValidateFirstByte(first, version);
        if (!connection.ConnAckReceived && type != MqttPacketType.ConnAck)
        {
            throw new MqttProtocolException(MqttReasonCode.ProtocolError, $"Expected CONNACK but received {type}.");
        }

        switch (type)
        {
            case MqttPacketType.ConnAck:
                if (connection.ConnAckReceived)
                {
                    throw new MqttProtocolException(MqttReasonCode.ProtocolError, "Second CONNACK on one connection.");
                }

                connection.ConnAckReceived = true;
                connection.ConnAck.TrySetResult((ConnAckPacket)MqttPacketDecoder.Decode(first, body, version));
                break;
            case MqttPacketType.Publish:
                HandlePublish(connection, first, body);
                break;
            case MqttPacketType.PubAck:
            case MqttPacketType.PubRec:
            case MqttPacketType.PubComp:
                HandleOutboundAck(connection, type, body);
                break;
            case MqttPacketType.PubRel:
                var (relId, _) = MqttPacketDecoder.DecodePubAckFast(type, body, version, out _);
                bool known;
                InboundSlot? released;
                lock (_sessionLock)
                {
                    known = _awaitingPubRel.Remove(relId, out released);
                }

                if (known)
                {
                    Interlocked.Decrement(ref connection.InboundUnacked);
                    connection.CompletedByReplies.Add(released!);
                }

                connection.PendingReplies.Add((MqttPacketType.PubComp, relId, known ? MqttReasonCode.Success : MqttReasonCode.PacketIdentifierNotFound));
                break;
            case MqttPacketType.SubAck:
            case MqttPacketType.UnsubAck:
                var packet = MqttPacketDecoder.Decode(first, body, version);
                var id = packet is SubAckPacket s ? s.PacketId : ((UnsubAckPacket)packet).PacketId;
                PendingRequest? request;
                lock (_sessionLock)
                {
                    if (_requests.TryGetValue(id, out request) && request.Expected == type)
                    {
                        _requests.Remove(id);
                        FreePacketIdLocked(id);
                    }
                    else
                    {
                        request = null;
                    }
                }

                request?.Completion.TrySetResult(packet);
                break;
            case MqttPacketType.PingResp:
                MqttPacketDecoder.Decode(first, body, version);
                Volatile.Write(ref connection.PingSentAt, 0);
                break;
            case MqttPacketType.Disconnect:
                connection.ServerDisconnect = (DisconnectPacket)MqttPacketDecoder.Decode(first, body, version);
                break;
            case MqttPacketType.Auth:
                throw new MqttProtocolException(MqttReasonCode.ProtocolError, "AUTH received but enhanced authentication was not requested.");
            default:
                throw new MqttProtocolException(MqttReasonCode.ProtocolError, $"A client must not receive {type}.");
        }
    }

    private void HandleOutboundAck(MqttConnection connection, MqttPacketType type, ReadOnlySpan<byte> body)
    {
        var (id, reason) = MqttPacketDecoder.DecodePubAckFast(type, body, connection.Version, out var properties);
        OutboundFlight? done = null;
        OutboundFlight? received = null;
        var sendPubRel = false;
        lock (_sessionLock)
        {
            if (_flights.TryGetValue(id, out var flight))
            {
                var qos = flight.Message.QualityOfService;
                if (type == MqttPacketType.PubAck && qos == MqttQualityOfService.AtLeastOnce)
                {
                    done = flight;
                }
                else if (type == MqttPacketType.PubRec && qos == MqttQualityOfService.ExactlyOnce)
                {
                    if (flight.Released)
                    {
                        // A repeated PUBREC: the broker is still waiting for our PUBREL.
                        sendPubRel = true;
                    }
                    else if (flight.Received)
                    {
                        // Caller-managed and not yet released: the PUBREL follows ReleaseAsync.
                    }
                    else if ((byte)reason >= 0x80)
                    {
                        done = flight;
                    }
                    else if (flight.CallerManaged && flight.ReleaseCompletion is null)
                    {
                        // The caller records the PUBREC durably, then asks for the PUBREL (ReleaseAsync).
                        flight.Received = true;
                        received = flight;
                    }
                    else
                    {
                        flight.Released = true;
                        sendPubRel = true;
                    }
                }
                else if (type == MqttPacketType.PubComp && flight.Released)
                {
                    done = flight;
                }

                if (done is not null)
                {
                    _flights.Remove(id);
                    FreePacketIdLocked(id);
                    if (PromoteWaitingLocked() is { } promoted)
                    {
                        if (ReferenceEquals(_writable, connection))
                        {
                            connection.PromotedPublishes.AddRange(promoted);
                        }

                        // Otherwise the session is being resumed: ResumeSessionAsync sends every flight it has not sent yet.
                    }
                }
            }
            else if (type == MqttPacketType.PubRec)
            {
                // Unknown PUBREC: answer so the broker can end its flow.
                connection.PendingReplies.Add((MqttPacketType.PubRel, id, connection.Version == MqttProtocolVersion.V500 ? MqttReasonCode.PacketIdentifierNotFound : MqttReasonCode.Success));
            }
        }

        if (sendPubRel)
        {
            connection.PendingReplies.Add((MqttPacketType.PubRel, id, MqttReasonCode.Success));
        }

        if (received is not null)
        {
            received.Completion.TrySetResult(reason == MqttReasonCode.Success && properties is null
                ? MqttPublishResult.SuccessResult
                : new MqttPublishResult(reason, properties?.ReasonString, properties?.UserProperties ?? []));
        }

        if (done is not null)
        {
            // A PUBCOMP always completes successfully: the broker took the message at PUBREC; 0x92 only says it has no
            // record of the flow any more (a PUBREL re-sent after a reconnect, into a new session).
            if (type == MqttPacketType.PubComp)
            {
                reason = MqttReasonCode.Success;
                properties = null;
            }

            var result = reason == MqttReasonCode.Success && properties is null
                ? MqttPublishResult.SuccessResult
                : new MqttPublishResult(reason, properties?.ReasonString, properties?.UserProperties ?? []);
            if (result.IsSuccess)
            {
                MqttClientMetrics.Published.Add(1);
            }

            if (done.ReleaseCompletion is { } release)
            {
                release.TrySetResult(result);
            }
            else
            {
                done.Completion.TrySetResult(result);
            }
        }
    }

    private void HandlePublish(MqttConnection connection, byte first, ReadOnlySpan<byte> body)
    {
        var view = MqttPacketDecoder.DecodePublish(first, body, connection.Version);
        string topic;
        if (view.TopicAlias != 0)
        {
            if (view.TopicAlias > _options.TopicAliasMaximum)
            {
                throw new MqttProtocolException(MqttReasonCode.TopicAliasInvalid, $"Topic Alias {view.TopicAlias} exceeds our Topic Alias Maximum {_options.TopicAliasMaximum}.");
            }

            if (view.TopicUtf8.IsEmpty)
            {
                if (!connection.TopicAliases.TryGetValue(view.TopicAlias, out topic!))
                {
                    throw new MqttProtocolException(MqttReasonCode.ProtocolError, $"Topic Alias {view.TopicAlias} was never set on this connection.");
                }
            }
            else
            {
                topic = connection.Topics.Get(view.TopicUtf8);
                connection.TopicAliases[view.TopicAlias] = topic;
            }
        }
        else
        {
            topic = connection.Topics.Get(view.TopicUtf8);
        }

        MqttClientMetrics.Received.Add(1);
        if (view.QoS == MqttQualityOfService.AtMostOnce)
        {
            if (Interlocked.Increment(ref _qos0InInbox) > _options.QoS0BufferCapacity || !_inbox.Writer.TryWrite(CreateMessage(view, topic, null, null)))
            {
                Interlocked.Decrement(ref _qos0InInbox);
                var dropped = Interlocked.Increment(ref _qos0Dropped);
                MqttClientMetrics.Qos0Dropped.Add(1);
                MqttClientLog.Qos0Dropped(_logger, topic, dropped);
            }

            return;
        }

        if (view.QoS == MqttQualityOfService.ExactlyOnce)
        {
            bool duplicate;
            lock (_sessionLock)
            {
                duplicate = _awaitingPubRel.ContainsKey(view.PacketId);
            }

            if (duplicate)
            {
                // Already accepted (PUBREC sent): do not deliver twice, just confirm again.
                connection.PendingReplies.Add((MqttPacketType.PubRec, view.PacketId, MqttReasonCode.Success));
                return;
            }
        }

        if (Interlocked.Increment(ref connection.InboundUnacked) > _options.ReceiveMaximum && connection.Version == MqttProtocolVersion.V500 && !connection.ReceiveMaximumViolationLogged)
        {
            // MQTT 5.0 section 4.9 says to disconnect with 0x93 here. Mosquitto 2.0.11 (the broker we deploy) over-sends after
            // a PUBACK for the oldest in-flight message (it refills its window from that message's position), so
            // disconnecting would loop forever. Instead the message is accepted and, once the inbox is full, the read loop
            // stops reading: memory stays bounded and TCP back-pressure slows the broker.
            connection.ReceiveMaximumViolationLogged = true;
            MqttClientLog.ReceiveMaximumExceeded(_logger, _options.ReceiveMaximum);
        }

        var slot = new InboundSlot(view.PacketId, view.QoS);
        lock (connection.AckQueue)
        {
            connection.AckQueue.Enqueue(slot);
        }

        var message = CreateMessage(view, topic, slot, connection);
        if (connection.Overflow.Count > 0 || !_inbox.Writer.TryWrite(message))
        {
            connection.Overflow.Add(message);
        }
    }

    private MqttReceivedMessage CreateMessage(in MqttPublishView view, string topic, InboundSlot? slot, MqttConnection? connection) =>
        new(slot is null ? null : this)
        {
            Topic = topic,
            Payload = view.Payload.ToArray(),
            QualityOfService = view.QoS,
            Retain = view.Retain,
            Duplicate = view.Dup,
            PayloadIsUtf8 = view.PayloadFormatIndicator == 1,
            MessageExpiryInterval = view.MessageExpiryInterval,
            ContentType = view.HasContentType ? Encoding.UTF8.GetString(view.ContentTypeUtf8) : null,
            ResponseTopic = view.HasResponseTopic ? Encoding.UTF8.GetString(view.ResponseTopicUtf8) : null,
            CorrelationData = view.HasCorrelationData ? view.CorrelationData.ToArray() : ReadOnlyMemory<byte>.Empty,
            UserProperties = view.CopyUserProperties(),
            SubscriptionIdentifiers = view.CopySubscriptionIdentifiers(),
            Slot = slot,
            Connection = connection,
        };

    /// <summary>Called by the consumer's reader for each message taken from the inbox; false means "skip it".</summary>
    internal bool OnDequeued(MqttReceivedMessage message)
    {
        if (message.QualityOfService == MqttQualityOfService.AtMostOnce)
        {
            Interlocked.Decrement(ref _qos0InInbox);
            return true;
        }

        var connection = message.Connection!;
        if (message.QualityOfService == MqttQualityOfService.ExactlyOnce
            && connection.IsClosed && connection.Epoch < Volatile.Read(ref _epoch) && connection.Epoch >= Volatile.Read(ref _sessionSinceEpoch)
            && ReferenceEquals(_connection, _writable) && _writable is not null)
        {
            // QoS 2 that arrived on a connection since replaced while the session continued: the broker re-sends it (with
            // DUP) on the new connection, and delivering this copy too would break exactly-once.
            // QoS 1 copies are delivered (at least once allows the second copy): a broker that restarted from a
            // persistence snapshot older than the message (mosquitto saves every autosave_interval) reports the session
            // present but never re-sends it, so skipping this copy lost it (found by the fault-injection suite).
            return false;
        }

        if (_options.AutoAcknowledge)
        {
            _ = AutoAcknowledgeAsync(message);
        }

        return true;
    }

    private static async Task AutoAcknowledgeAsync(MqttReceivedMessage message)
    {
        try
        {
            await message.AckAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            // the connection went away; the broker redelivers
        }
    }
}
