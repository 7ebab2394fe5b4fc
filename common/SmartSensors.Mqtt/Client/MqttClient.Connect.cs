using System.Security.Authentication;
using System.Text;
using SmartSensors.Mqtt.Packets;

namespace SmartSensors.Mqtt.Client;

internal sealed partial class MqttClient
{
    private async Task<MqttConnectResult> ConnectFirstAsync(CancellationToken lifetime, CancellationToken cancellationToken)
    {
        var attempt = 0;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(lifetime, cancellationToken);
        while (true)
        {
            try
            {
                var result = await ConnectOnceAsync(linked.Token).ConfigureAwait(false);
                lock (_stateLock)
                {
                    _supervisor = Task.Run(() => SuperviseAsync(lifetime), CancellationToken.None);
                }

                return result;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && IsTransient(ex) && _options.Reconnect.Enabled && !linked.IsCancellationRequested)
            {
                attempt++;
                var delay = BackoffDelay(attempt);
                MqttClientLog.ConnectFailed(_logger, attempt, _options.Host, _options.Port, (long)delay.TotalMilliseconds, ex);
                SetState(MqttConnectionState.WaitingToReconnect, (ex as MqttConnectException)?.ReasonCode, ex, false);
                try
                {
                    await Task.Delay(delay, linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    Reset();
                    throw;
                }
            }
            catch (Exception ex)
            {
                Reset();
                SetState(MqttConnectionState.Disconnected, (ex as MqttConnectException)?.ReasonCode, ex, false);
                throw;
            }
        }

        void Reset()
        {
            lock (_stateLock)
            {
                _started = false;
                _lifetime?.Dispose();
                _lifetime = null;
            }
        }
    }

    private static bool IsTransient(Exception ex) => ex switch
    {
        MqttConnectException { InnerException: AuthenticationException or System.Security.Cryptography.CryptographicException } => false,
        MqttConnectException c => c.ReasonCode is not (MqttReasonCode.UnsupportedProtocolVersion or MqttReasonCode.ClientIdentifierNotValid
            or MqttReasonCode.BadUserNameOrPassword or MqttReasonCode.NotAuthorized or MqttReasonCode.Banned or MqttReasonCode.BadAuthenticationMethod
            or MqttReasonCode.MalformedPacket or MqttReasonCode.ProtocolError),
        AuthenticationException => false,
        MqttProtocolException => false,
        _ => true,
    };

    /// <summary>Exponential backoff with "equal jitter": the delay doubles from MinDelay up to MaxDelay and a JitterFraction of it is random.</summary>
    internal TimeSpan BackoffDelay(int attempt)
    {
        var r = _options.Reconnect;
        var baseMs = r.MinDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        baseMs = Math.Min(Math.Max(baseMs, r.MinDelay.TotalMilliseconds), r.MaxDelay.TotalMilliseconds);
#pragma warning disable CA5394 // Jitter is not security sensitive.
        var jittered = (baseMs * (1 - r.JitterFraction)) + (Random.Shared.NextDouble() * baseMs * r.JitterFraction);
#pragma warning restore CA5394
        return TimeSpan.FromMilliseconds(jittered);
    }

    /// <summary>Watches the connection; when it is lost, reconnects with backoff until the client is disconnected.</summary>
    private async Task SuperviseAsync(CancellationToken lifetime)
    {
        while (!lifetime.IsCancellationRequested)
        {
            var connection = _connection;
            if (connection is null)
            {
                return;
            }

            Exception? reason;
            try
            {
                reason = await connection.Closed.Task.WaitAsync(lifetime).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (lifetime.IsCancellationRequested)
            {
                return;
            }

            OnConnectionLost(connection, reason);
            if (!_options.Reconnect.Enabled)
            {
                lock (_stateLock)
                {
                    _started = false;
                }

                FailSession(new MqttNotConnectedException("The connection was lost and reconnect is disabled.", reason ?? new IOException("connection closed")));
                SetState(MqttConnectionState.Disconnected, connection.ServerDisconnect?.ReasonCode, reason, false);
                return;
            }

            var attempt = 0;
            while (!lifetime.IsCancellationRequested)
            {
                attempt++;
                var delay = BackoffDelay(attempt);
                SetState(MqttConnectionState.WaitingToReconnect, connection.ServerDisconnect?.ReasonCode, reason, false);
                try
                {
                    await Task.Delay(delay, lifetime).ConfigureAwait(false);
                    await ConnectOnceAsync(lifetime).ConfigureAwait(false);
                    MqttClientMetrics.Reconnects.Add(1);
                    break;
                }
                catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // Any failure to reconnect is retried with backoff.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    MqttClientLog.ConnectFailed(_logger, attempt, _options.Host, _options.Port, (long)BackoffDelay(attempt + 1).TotalMilliseconds, ex);
                }
            }
        }
    }

    private void OnConnectionLost(MqttConnection connection, Exception? reason)
    {
        List<PendingRequest> requests;
        lock (_sessionLock)
        {
            if (ReferenceEquals(_writable, connection))
            {
                _writable = null;
            }

            // SUBSCRIBE/UNSUBSCRIBE are not re-sent: fail them so the caller knows.
            requests = [.. _requests.Values];
            foreach (var id in _requests.Keys)
            {
                FreePacketIdLocked(id);
            }

            _requests.Clear();
        }

        foreach (var r in requests)
        {
            r.Completion.TrySetException(new MqttNotConnectedException("The connection was lost before the broker answered.", reason ?? new IOException("connection closed")));
        }

        if (connection.ServerDisconnect is { } d)
        {
            MqttClientLog.ServerDisconnect(_logger, d.ReasonCode, d.Properties.ReasonString);
        }

        MqttClientLog.ConnectionLost(_logger, _options.Host, _options.Port, reason);
        SetState(MqttConnectionState.WaitingToReconnect, connection.ServerDisconnect?.ReasonCode, reason, false);
    }

    /// <summary>One attempt: transport, CONNECT, CONNACK, session resumption (re-send in-flight publishes), resubscribe.</summary>
    private async Task<MqttConnectResult> ConnectOnceAsync(CancellationToken cancellationToken)
    {
        SetState(MqttConnectionState.Connecting, null, null, false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ConnectTimeout);
        MqttConnection? connection = null;
        try
        {
            var stream = await _transportFactory.ConnectAsync(_options, timeout.Token).ConfigureAwait(false);
            connection = new MqttConnection(stream, Interlocked.Increment(ref _epoch), _options.ProtocolVersion);
            connection.StartSendLoop();
            _ = Task.Run(() => RunReadLoopAsync(connection), CancellationToken.None);
            await WritePacketAsync(connection, BuildConnect(), timeout.Token).ConfigureAwait(false);
            ConnAckPacket connAck;
            try
            {
                connAck = await connection.ConnAck.Task.WaitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or MqttNotConnectedException or ObjectDisposedException)
            {
                throw new MqttConnectException(MqttReasonCode.ServerUnavailable, $"The connection to {_options.Host}:{_options.Port} closed before CONNACK: {ex.Message}", ex);
            }

            if ((byte)connAck.ReasonCode >= 0x80)
            {
                throw new MqttConnectException(connAck.ReasonCode, $"The broker refused the connection: {connAck.ReasonCode} (0x{(byte)connAck.ReasonCode:X2}){(connAck.Properties.ReasonString is { } s ? ": " + s : "")}.");
            }

            var result = ApplyConnAck(connAck);
            lock (_stateLock)
            {
                _connection = connection;
                _lastConnect = result;
            }

            await ResumeSessionAsync(connection, connAck.SessionPresent, timeout.Token).ConfigureAwait(false);
            _ = Task.Run(() => KeepAliveLoopAsync(connection, result.KeepAliveSeconds), CancellationToken.None);
            if (connection.IsClosed)
            {
                throw new MqttNotConnectedException("The connection closed during session resumption.");
            }

            MqttClientLog.Connected(_logger, _options.Host, _options.Port, _clientId, _options.ProtocolVersion, connAck.SessionPresent);
            SetState(MqttConnectionState.Connected, connAck.ReasonCode, null, connAck.SessionPresent);
            return result;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            connection?.Abort(null);
            throw new MqttConnectException(MqttReasonCode.UnspecifiedError, $"Connecting to {_options.Host}:{_options.Port} timed out after {_options.ConnectTimeout.TotalSeconds} s.");
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            throw new MqttConnectException(MqttReasonCode.ServerUnavailable, $"Cannot connect to {_options.Host}:{_options.Port}: {ex.Message}", ex);
        }
        catch (AuthenticationException ex)
        {
            connection?.Abort(null);
            throw new MqttConnectException(MqttReasonCode.NotAuthorized, $"TLS handshake with {_options.Host}:{_options.Port} failed: {ex.Message}", ex);
        }
        catch
        {
            connection?.Abort(null);
            throw;
        }
    }

    private ConnectPacket BuildConnect()
    {
        var v5 = _options.ProtocolVersion == MqttProtocolVersion.V500;
        var packet = new ConnectPacket
        {
            ProtocolVersion = _options.ProtocolVersion,
            ClientId = _clientId,
            CleanStart = _options.CleanStart,
            KeepAlive = (ushort)_options.KeepAliveSeconds,
            Username = _options.Username,
            Password = _options.Password is null ? null : Encoding.UTF8.GetBytes(_options.Password),
        };
        if (v5)
        {
            var p = packet.Properties;
            p.SessionExpiryInterval = _options.SessionExpirySeconds == 0 ? null : _options.SessionExpirySeconds;
            p.ReceiveMaximum = _options.ReceiveMaximum == 65535 ? null : (ushort)_options.ReceiveMaximum;
            // Not advertised when it is no limit at all (0, or the protocol maximum): absence means exactly that.
            p.MaximumPacketSize = _options.MaximumPacketSize is 0 or >= MqttPacketDecoder.MaxRemainingLength + 5 ? null : (uint)_options.MaximumPacketSize;
            p.TopicAliasMaximum = _options.TopicAliasMaximum == 0 ? null : (ushort)_options.TopicAliasMaximum;
            p.UserProperties.AddRange(_options.ConnectUserProperties);
        }

        if (_options.Will is { } will)
        {
            packet.HasWill = true;
            packet.WillTopic = will.Topic;
            packet.WillPayload = will.EffectivePayload.ToArray();
            packet.WillQoS = will.QualityOfService;
            packet.WillRetain = will.Retain;
            if (v5)
            {
                var wp = packet.WillProperties;
                wp.WillDelayInterval = will.DelaySeconds == 0 ? null : will.DelaySeconds;
                wp.MessageExpiryInterval = will.MessageExpiryInterval;
                wp.ContentType = will.ContentType;
                wp.PayloadFormatIndicator = will.PayloadIsUtf8 ? (byte)1 : null;
                wp.UserProperties.AddRange(will.UserProperties);
            }
        }

        return packet;
    }

    private MqttConnectResult ApplyConnAck(ConnAckPacket connAck)
    {
        var p = connAck.Properties;
        if (p.AssignedClientIdentifier is { } assigned)
        {
            _clientId = assigned;
        }

        _serverMaximumPacketSize = p.MaximumPacketSize;
        _serverMaximumQoS = (MqttQualityOfService?)p.MaximumQoS ?? MqttQualityOfService.ExactlyOnce;
        _serverRetainAvailable = p.RetainAvailable != 0;
        return new MqttConnectResult
        {
            SessionPresent = connAck.SessionPresent,
            ReasonCode = connAck.ReasonCode,
            AssignedClientId = p.AssignedClientIdentifier,
            KeepAliveSeconds = p.ServerKeepAlive ?? _options.KeepAliveSeconds,
            ServerReceiveMaximum = p.ReceiveMaximum ?? 65535,
            ServerMaximumPacketSize = p.MaximumPacketSize,
            MaximumQualityOfService = _serverMaximumQoS,
            RetainAvailable = _serverRetainAvailable,
            WildcardSubscriptionAvailable = p.WildcardSubscriptionAvailable != 0,
            SharedSubscriptionAvailable = p.SharedSubscriptionAvailable != 0,
            SubscriptionIdentifiersAvailable = p.SubscriptionIdentifierAvailable != 0,
            SessionExpiryInterval = p.SessionExpiryInterval,
            ReasonString = p.ReasonString,
        };
    }

    /// <summary>
    /// Session present: re-send unacknowledged PUBLISH (DUP) and PUBREL in their original order. Session lost: publishes
    /// the broker had not yet taken (no PUBREC) are sent again (DUP, same packet id, which the new session has free); QoS 2
    /// flows past PUBREC send their PUBREL again, which the broker answers with PUBCOMP (0x92 Packet Identifier not found in
    /// MQTT 5 when it has no record) and which completes them — the broker took the message at PUBREC, so it is delivered
    /// either way, and the packet id is freed only by the broker's answer; subscriptions are made again. Publishes registered meanwhile are picked up before the connection opens to new writers.
    /// </summary>
    private async Task ResumeSessionAsync(MqttConnection connection, bool sessionPresent, CancellationToken cancellationToken)
    {
        List<MqttSubscription> resubscribe = [];
        lock (_sessionLock)
        {
            if (!sessionPresent)
            {
                _sessionSinceEpoch = connection.Epoch;

                // Caller-managed QoS 2 flows past PUBREC: a broker that delivers at PUBREL discarded the message with the
                // session. Start them again from PUBLISH (a possible duplicate rather than a loss); a flow the caller has
                // released then goes on to PUBREL by itself.
                foreach (var f in _flights.Values)
                {
                    if (f.CallerManaged)
                    {
                        f.Received = false;
                        f.Released = false;
                    }
                }
                foreach (var slot in _awaitingPubRel.Values)
                {
                    slot.Complete(false);
                }

                _awaitingPubRel.Clear();
            }

            // Queued PUBRELs of released flights are written below, with the other flights, in their original order.
            _releaseQueue.Clear();

            // Subscriptions are made again also when the session is present: mosquitto 2.0.11 restores a persisted
            // session without its $share/... subscriptions, so a shared subscriber would silently receive nothing.
            // Subscribing to the same filter again replaces the subscription [MQTT-3.8.4-3]; queued messages stay.
            resubscribe.AddRange(_subscriptions.Values.Where(s => s.ResubscribeOnReconnect));

            Interlocked.Exchange(ref connection.InboundUnacked, _awaitingPubRel.Count);
            _sendQuotaMaximum = _lastConnect?.ServerReceiveMaximum ?? 65535;
        }

        if (!sessionPresent && (resubscribe.Count > 0 || _flights.Count > 0) && _epoch > 1)
        {
            MqttClientLog.SessionLost(_logger, resubscribe.Count, _flights.Count);
        }

        var sent = new HashSet<ushort>();
        while (true)
        {
            List<OutboundFlight> todo;
            var fresh = false;
            lock (_sessionLock)
            {
                todo = [.. _flights.Values.Where(f => !sent.Contains(f.PacketId)).OrderBy(f => f.Sequence)];
                if (todo.Count == 0 && PromoteWaitingLocked() is { } promoted)
                {
                    todo = promoted;
                    fresh = true;
                }

                if (todo.Count == 0)
                {
                    _writable = connection;
                    break;
                }
            }

            foreach (var f in todo)
            {
                sent.Add(f.PacketId);
                if (f.Released)
                {
                    await WritePubAckAsync(connection, MqttPacketType.PubRel, f.PacketId, MqttReasonCode.Success, cancellationToken).ConfigureAwait(false);
                }
                else if (f.Received)
                {
                    // Caller-managed QoS 2 past PUBREC: the broker holds the message and waits for the PUBREL, which
                    // goes out when the caller releases the flow.
                    continue;
                }
                else
                {
                    // A flight from an earlier connection is a re-delivery attempt, so DUP is set [MQTT-3.3.1-1], also
                    // when the session was lost: the broker may have received it before the connection dropped.
                    await WritePublishAsync(connection, f.Message, f.PacketId, dup: !fresh || f.Dup, cancellationToken).ConfigureAwait(false);
                }

                if (!fresh)
                {
                    MqttClientMetrics.Resent.Add(1);
                }
            }
        }

        if (resubscribe.Count > 0)
        {
            var result = await SubscribeOnAsync(connection, resubscribe, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < resubscribe.Count && i < result.ReasonCodes.Count; i++)
            {
                if ((byte)result.ReasonCodes[i] >= 0x80)
                {
                    MqttClientLog.ResubscribeFailed(_logger, resubscribe[i].TopicFilter, result.ReasonCodes[i]);
                }
            }
        }
    }

    private async Task KeepAliveLoopAsync(MqttConnection connection, int keepAliveSeconds)
    {
        if (keepAliveSeconds <= 0)
        {
            return;
        }

        var intervalMs = keepAliveSeconds * 1000L;
        try
        {
            while (!connection.IsClosed)
            {
                var now = Environment.TickCount64;
                var pingSentAt = Volatile.Read(ref connection.PingSentAt);
                if (pingSentAt != 0 && now - pingSentAt > intervalMs)
                {
                    MqttClientLog.KeepAliveTimeout(_logger, keepAliveSeconds);
                    connection.Abort(new MqttException($"No PINGRESP within the keep-alive of {keepAliveSeconds} s."));
                    return;
                }

                var idle = now - Volatile.Read(ref connection.LastSent);
                if (idle >= intervalMs && pingSentAt == 0)
                {
                    Volatile.Write(ref connection.PingSentAt, now);
                    await WritePacketAsync(connection, PingReqPacket.Instance, connection.Token).ConfigureAwait(false);
                    continue;
                }

                var wait = pingSentAt != 0 ? intervalMs - (now - pingSentAt) + 1 : intervalMs - idle;
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Clamp(wait, 10, intervalMs)), connection.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            connection.Abort(ex);
        }
    }
}
