using SmartSensors.Mqtt.Packets;

namespace SmartSensors.Mqtt.Client;

internal sealed partial class MqttClient
{
    public async Task<MqttPublishResult> PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        var (connection, refused) = await PrepareAsync(message, cancellationToken).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        if (message.QualityOfService == MqttQualityOfService.AtMostOnce)
        {
            if (!await WritePublishAsync(connection, message, 0, false, cancellationToken).ConfigureAwait(false))
            {
                throw new MqttNotConnectedException("The connection closed while publishing a QoS 0 message.");
            }

            MqttClientMetrics.Published.Add(1);
            return MqttPublishResult.SuccessResult;
        }

        return await StartFlightAsync(new OutboundFlight(message), cancellationToken).ConfigureAwait(false);
    }

    public async Task<MqttPublishResult> PublishUntilReceivedAsync(MqttApplicationMessage message, ushort packetId, bool resend, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.QualityOfService != MqttQualityOfService.ExactlyOnce)
        {
            throw new ArgumentException("PublishUntilReceivedAsync is for QoS 2 (ExactlyOnce) messages only.", nameof(message));
        }

        CheckCallerPacketId(packetId);
        var (_, refused) = await PrepareAsync(message, cancellationToken).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        return await StartFlightAsync(new OutboundFlight(message) { PacketId = packetId, CallerManaged = true, Dup = resend }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<MqttPublishResult> ReleaseAsync(MqttApplicationMessage message, ushort packetId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.QualityOfService != MqttQualityOfService.ExactlyOnce)
        {
            throw new ArgumentException("ReleaseAsync is for QoS 2 (ExactlyOnce) messages only.", nameof(message));
        }

        CheckCallerPacketId(packetId);
        var (_, refused) = await PrepareAsync(message, cancellationToken).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        OutboundFlight flight;
        MqttConnection? writeRelease = null;
        MqttConnection? writePublish = null;
        lock (_sessionLock)
        {
            if (_flights.TryGetValue(packetId, out var known))
            {
                if (!known.CallerManaged || known.ReleaseCompletion is not null)
                {
                    throw new InvalidOperationException($"Packet identifier {packetId} is not a QoS 2 flow waiting for its release.");
                }

                flight = known;
            }
            else
            {
                if (_idInUse[packetId])
                {
                    throw new InvalidOperationException($"Packet identifier {packetId} is in use by a publish that has not reached PUBREC.");
                }

                // A flow recorded by an earlier process. While this client's broker session is the one that process
                // used, the broker holds the message and waits for the PUBREL. If that session was lost, the broker
                // may have discarded the message undelivered (MQTT 5 allows delivery at PUBREL, as mosquitto does):
                // publish it again, as a possible duplicate rather than a loss.
                flight = new OutboundFlight(message)
                {
                    PacketId = packetId,
                    CallerManaged = true,
                    Dup = true,
                    // _sessionSinceEpoch is set by every connect that found no session (epochs start at 1).
                    Received = _sessionSinceEpoch == 0,
                    InFlight = true,
                    Sequence = ++_sequence,
                };
                _idInUse[packetId] = true;
                _flights.Add(packetId, flight);
                flight.Completion.TrySetResult(MqttPublishResult.SuccessResult);
                if (!flight.Received)
                {
                    writePublish = _writable;
                }
            }

            flight.ReleaseCompletion = new TaskCompletionSource<MqttPublishResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (flight.Received)
            {
                // Otherwise the PUBLISH is being sent again (session lost): its PUBREC triggers the PUBREL.
                flight.Released = true;
                _releaseQueue.Enqueue(packetId);
                writeRelease = _writable;
            }
        }

        // When _writable is not this connection yet, the connection is being (re)established and ResumeSessionAsync sends
        // the PUBREL (or PUBLISH) of every flight.
        if (writeRelease is not null)
        {
            await WriteQueuedReleasesAsync(writeRelease).ConfigureAwait(false);
        }
        else if (writePublish is not null)
        {
            await WritePublishAsync(writePublish, message, packetId, dup: true, CancellationToken.None).ConfigureAwait(false);
        }

        return await flight.ReleaseCompletion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes every queued PUBREL, in the order <see cref="ReleaseAsync"/> was called: whoever gets the write lock first
    /// drains the whole queue, so a later call cannot overtake an earlier one (a broker that delivers at PUBREL delivers
    /// in this order).
    /// </summary>
    private async ValueTask WriteQueuedReleasesAsync(MqttConnection connection)
    {
        await connection.WriteLock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (connection.IsClosed)
            {
                return;
            }

            var wrote = false;
            lock (_sessionLock)
            {
                while (_releaseQueue.TryDequeue(out var id))
                {
                    MqttPacketEncoder.EncodePubAck(connection.Output, MqttPacketType.PubRel, id, MqttReasonCode.Success, null, connection.Version);
                    wrote = true;
                }
            }

            if (wrote)
            {
                await connection.Output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException) when (connection.IsClosed)
        {
            // ResumeSessionAsync sends them again on the next connection.
        }
        finally
        {
            connection.WriteLock.Release();
        }
    }

    private void CheckCallerPacketId(ushort packetId)
    {
        if (packetId == 0 || packetId > _options.CallerPacketIdentifiers)
        {
            throw new ArgumentOutOfRangeException(nameof(packetId), packetId, $"A caller-managed packet identifier must be between 1 and Mqtt:CallerPacketIdentifiers ({_options.CallerPacketIdentifiers}).");
        }
    }

    /// <summary>Checks a message against the protocol and the broker's limits; returns the connection to use, or the broker-imposed refusal.</summary>
    private async Task<(MqttConnection Connection, MqttPublishResult? Refused)> PrepareAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!MqttTopic.IsValidName(message.Topic) || System.Text.Encoding.UTF8.GetByteCount(message.Topic) > ushort.MaxValue)
        {
            throw new ArgumentException($"'{message.Topic}' is not a valid topic name (non-empty, no + or #, no U+0000, at most 65535 UTF-8 bytes).", nameof(message));
        }

        if (message.QualityOfService is < MqttQualityOfService.AtMostOnce or > MqttQualityOfService.ExactlyOnce)
        {
            throw new ArgumentException("QualityOfService must be 0, 1 or 2.", nameof(message));
        }

        var connection = await WaitForConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (message.QualityOfService > _serverMaximumQoS)
        {
            return (connection, new MqttPublishResult(MqttReasonCode.QoSNotSupported, $"The broker's Maximum QoS is {(int)_serverMaximumQoS}.", []));
        }

        if (message.Retain && !_serverRetainAvailable)
        {
            return (connection, new MqttPublishResult(MqttReasonCode.RetainNotSupported, "The broker does not support retained messages.", []));
        }

        var size = MqttPacketEncoder.MeasurePublish(message, _options.ProtocolVersion);
        if (_serverMaximumPacketSize is { } max && size > max)
        {
            throw new MqttProtocolException(MqttReasonCode.PacketTooLarge, $"The PUBLISH of {size} bytes exceeds the broker's Maximum Packet Size of {max}.");
        }

        return (connection, null);
    }

    /// <summary>Puts a QoS 1/2 flight into the session (sending it now if the send quota allows) and awaits its completion.</summary>
    private async Task<MqttPublishResult> StartFlightAsync(OutboundFlight flight, CancellationToken cancellationToken)
    {
        MqttConnection? writeNow = null;
        lock (_sessionLock)
        {
            if (flight.CallerManaged)
            {
                if (_flights.TryGetValue(flight.PacketId, out var existing) && existing.CallerManaged && existing.ReleaseCompletion is null)
                {
                    // The caller resumes a flow this client still has (e.g. after its own bookkeeping failed): same flow.
                    flight = existing;
                }
                else if (_idInUse[flight.PacketId])
                {
                    throw new InvalidOperationException($"Packet identifier {flight.PacketId} is already in use.");
                }
                else
                {
                    _idInUse[flight.PacketId] = true;
                }
            }

            if (flight.Sequence == 0)
            {
                flight.Sequence = ++_sequence;
            }

            if (flight.InFlight)
            {
                // already in the session
            }
            else if (_waitingForQuota.Count == 0 && _flights.Count < _sendQuotaMaximum)
            {
                if (!flight.CallerManaged)
                {
                    flight.PacketId = AllocatePacketIdLocked();
                }

                flight.InFlight = true;
                _flights.Add(flight.PacketId, flight);
                writeNow = _writable;
            }
            else
            {
                _waitingForQuota.Enqueue(flight);
            }
        }

        // In the session now: if this write does not reach the broker, the publish is re-sent on reconnect; if it waits for
        // quota, the read loop sends it when an acknowledgement frees a slot.
        if (writeNow is not null)
        {
            await WritePublishAsync(writeNow, flight.Message, flight.PacketId, flight.Dup, CancellationToken.None).ConfigureAwait(false);
        }

        try
        {
            return await flight.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            lock (_sessionLock)
            {
                if (!flight.InFlight)
                {
                    flight.Abandoned = true;
                }
            }

            throw;
        }
    }

    public async Task<MqttSubscribeResult> SubscribeAsync(IReadOnlyList<MqttSubscription> subscriptions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriptions);
        if (subscriptions.Count == 0)
        {
            throw new ArgumentException("At least one subscription is required.", nameof(subscriptions));
        }

        foreach (var s in subscriptions)
        {
            if (!MqttTopic.IsValidFilter(s.TopicFilter))
            {
                throw new ArgumentException($"'{s.TopicFilter}' is not a valid topic filter.", nameof(subscriptions));
            }

            if (s.NoLocal && s.TopicFilter.StartsWith("$share/", StringComparison.Ordinal))
            {
                throw new ArgumentException($"No Local is not allowed on the shared subscription '{s.TopicFilter}'.", nameof(subscriptions));
            }
        }

        var connection = await WaitForConnectionAsync(cancellationToken).ConfigureAwait(false);
        var result = await SubscribeOnAsync(connection, subscriptions, cancellationToken).ConfigureAwait(false);
        lock (_sessionLock)
        {
            for (var i = 0; i < subscriptions.Count && i < result.ReasonCodes.Count; i++)
            {
                if ((byte)result.ReasonCodes[i] < 0x80)
                {
                    _subscriptions[subscriptions[i].TopicFilter] = subscriptions[i];
                }
            }
        }

        return result;
    }

    public async Task<MqttUnsubscribeResult> UnsubscribeAsync(IReadOnlyList<string> topicFilters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topicFilters);
        if (topicFilters.Count == 0)
        {
            throw new ArgumentException("At least one topic filter is required.", nameof(topicFilters));
        }

        var connection = await WaitForConnectionAsync(cancellationToken).ConfigureAwait(false);
        var packet = new UnsubscribePacket();
        packet.TopicFilters.AddRange(topicFilters);
        lock (_sessionLock)
        {
            foreach (var f in topicFilters)
            {
                _subscriptions.Remove(f);
            }
        }

        var answer = (UnsubAckPacket)await RequestAsync(connection, packet, MqttPacketType.UnsubAck, id => packet.PacketId = id, cancellationToken).ConfigureAwait(false);
        var codes = answer.ReasonCodes.Count > 0 ? answer.ReasonCodes : Enumerable.Repeat(MqttReasonCode.Success, topicFilters.Count).ToList();
        return new MqttUnsubscribeResult(codes, answer.Properties.ReasonString);
    }

    private async Task<MqttSubscribeResult> SubscribeOnAsync(MqttConnection connection, IReadOnlyList<MqttSubscription> subscriptions, CancellationToken cancellationToken)
    {
        var packet = new SubscribePacket();
        foreach (var s in subscriptions)
        {
            packet.Entries.Add(new SubscribeEntry(s.TopicFilter, s.MaximumQualityOfService, s.NoLocal, s.RetainAsPublished, s.RetainHandling));
        }

        var answer = (SubAckPacket)await RequestAsync(connection, packet, MqttPacketType.SubAck, id => packet.PacketId = id, cancellationToken).ConfigureAwait(false);
        if (answer.ReasonCodes.Count != subscriptions.Count)
        {
            throw new MqttProtocolException(MqttReasonCode.ProtocolError, $"SUBACK has {answer.ReasonCodes.Count} reason codes for {subscriptions.Count} subscriptions.");
        }

        return new MqttSubscribeResult(answer.ReasonCodes, answer.Properties.ReasonString);
    }

    private async Task<MqttPacket> RequestAsync(MqttConnection connection, MqttPacket packet, MqttPacketType expected, Action<ushort> setId, CancellationToken cancellationToken)
    {
        var request = new PendingRequest(expected);
        ushort id;
        lock (_sessionLock)
        {
            id = AllocatePacketIdLocked();
            _requests.Add(id, request);
        }

        setId(id);
        try
        {
            if (!await WritePacketAsync(connection, packet, cancellationToken).ConfigureAwait(false))
            {
                throw new MqttNotConnectedException("The connection closed before the request was sent.");
            }

            return await request.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            lock (_sessionLock)
            {
                if (_requests.Remove(id))
                {
                    FreePacketIdLocked(id);
                }
            }

            throw;
        }
    }

    /// <summary>Applies the disconnected-publish policy: returns a connection open to writers, waits for one, or throws.</summary>
    private async Task<MqttConnection> WaitForConnectionAsync(CancellationToken cancellationToken)
    {
        Task signal;
        lock (_stateLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_state == MqttConnectionState.Connected && _writable is { IsClosed: false } ready)
            {
                return ready;
            }

            if (!_started)
            {
                throw new MqttNotConnectedException("The MQTT client is not connected (call ConnectAsync first).");
            }

            if (_options.DisconnectedPublishPolicy == MqttDisconnectedPublishPolicy.FailFast)
            {
                throw new MqttNotConnectedException($"The MQTT client is {_state} and DisconnectedPublishPolicy is FailFast.");
            }

            signal = _connectedSignal.Task;
        }

        try
        {
            await signal.WaitAsync(_options.DisconnectedPublishTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            throw new MqttNotConnectedException($"The MQTT client did not connect within DisconnectedPublishTimeout ({_options.DisconnectedPublishTimeout}).", ex);
        }

        return await WaitForConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Encodes and flushes one PUBLISH. Returns false when the connection is closed (nothing written).</summary>
    private static async ValueTask<bool> WritePublishAsync(MqttConnection connection, MqttApplicationMessage message, ushort packetId, bool dup, CancellationToken cancellationToken)
    {
        await connection.WriteLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (connection.IsClosed)
            {
                return false;
            }

            MqttPacketEncoder.EncodePublish(connection.Output, message, packetId, dup, connection.Version);
            var flush = await connection.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
            return !flush.IsCompleted;
        }
        catch (InvalidOperationException) when (connection.IsClosed)
        {
            return false;
        }
        finally
        {
            connection.WriteLock.Release();
        }
    }

    private async ValueTask<bool> WritePacketAsync(MqttConnection connection, MqttPacket packet, CancellationToken cancellationToken)
    {
        await connection.WriteLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (connection.IsClosed)
            {
                return false;
            }

            MqttPacketEncoder.Encode(connection.Output, packet, connection.Version, _serverMaximumPacketSize ?? MqttPacketDecoder.MaxRemainingLength + 5L);
            var flush = await connection.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
            return !flush.IsCompleted;
        }
        catch (InvalidOperationException) when (connection.IsClosed)
        {
            return false;
        }
        finally
        {
            connection.WriteLock.Release();
        }
    }

    private static async ValueTask<bool> WritePubAckAsync(MqttConnection connection, MqttPacketType type, ushort packetId, MqttReasonCode reasonCode, CancellationToken cancellationToken)
    {
        await connection.WriteLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (connection.IsClosed)
            {
                return false;
            }

            MqttPacketEncoder.EncodePubAck(connection.Output, type, packetId, reasonCode, null, connection.Version);
            var flush = await connection.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
            return !flush.IsCompleted;
        }
        catch (InvalidOperationException) when (connection.IsClosed)
        {
            return false;
        }
        finally
        {
            connection.WriteLock.Release();
        }
    }

    /// <summary>Manual acknowledgement: marks the slot and sends every acknowledgement at the head of the arrival queue that is now ready, in order.</summary>
    public async ValueTask AcknowledgeAsync(MqttReceivedMessage message, MqttReasonCode reasonCode, CancellationToken cancellationToken)
    {
        if (message.Slot is not { } slot || message.Connection is not { } connection || connection.IsClosed)
        {
            return;
        }

        await connection.WriteLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (connection.IsClosed)
            {
                return;
            }

            var wrote = false;
            List<InboundSlot>? finished = null;
            lock (connection.AckQueue)
            {
                slot.ReasonCode = reasonCode;
                slot.Acknowledged = true;
                while (connection.AckQueue.TryPeek(out var head) && head.Acknowledged)
                {
                    connection.AckQueue.Dequeue();
                    wrote = true;
                    if (head.QoS == MqttQualityOfService.AtLeastOnce)
                    {
                        MqttPacketEncoder.EncodePubAck(connection.Output, MqttPacketType.PubAck, head.PacketId, head.ReasonCode, null, connection.Version);
                        Interlocked.Decrement(ref connection.InboundUnacked);
                        (finished ??= []).Add(head);
                    }
                    else
                    {
                        MqttPacketEncoder.EncodePubAck(connection.Output, MqttPacketType.PubRec, head.PacketId, head.ReasonCode, null, connection.Version);
                        if ((byte)head.ReasonCode < 0x80)
                        {
                            lock (_sessionLock)
                            {
                                _awaitingPubRel[head.PacketId] = head;
                            }
                        }
                        else
                        {
                            Interlocked.Decrement(ref connection.InboundUnacked);
                            (finished ??= []).Add(head);
                        }
                    }
                }
            }

            if (wrote)
            {
                await connection.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            if (finished is not null)
            {
                foreach (var done in finished)
                {
                    done.Complete(true);
                }
            }
        }
        catch (InvalidOperationException) when (connection.IsClosed)
        {
        }
        finally
        {
            connection.WriteLock.Release();
        }
    }
}
