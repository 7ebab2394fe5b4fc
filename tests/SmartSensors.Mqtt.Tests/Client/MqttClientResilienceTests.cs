using System.Collections.Concurrent;
using System.Globalization;
using SmartSensors.Mqtt.Packets;
using SmartSensors.Testing.Certificates;
using SmartSensors.Testing.Mosquitto;
using SmartSensors.Testing.Processes;

namespace SmartSensors.Mqtt.Tests.Client;

/// <summary>Wills, persistent sessions, shared subscriptions, TLS, ACLs and broker restarts against a real mosquitto.</summary>
public sealed class MqttClientResilienceTests
{
    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Will_ConnectionDiesWithoutDisconnect_BrokerPublishesWill(MqttProtocolVersion version)
    {
        await using var broker = await MosquittoFixture.StartAsync();
        await using var watcher = await MqttTestClient.ConnectAsync(MqttTestClient.Options(broker, version));
        await watcher.SubscribeAsync("ss/v1/park/gw-7/status");
        var options = MqttTestClient.Options(broker, version);
        options.Reconnect.Enabled = false;
        options.Will = new MqttWillMessage { Topic = "ss/v1/park/gw-7/status", PayloadText = "offline", Retain = true, QualityOfService = MqttQualityOfService.AtLeastOnce };
        var tap = new TappedTransportFactory();
        await using var gateway = await MqttTestClient.ConnectAsync(options, tap);

        tap.KillCurrentConnection(); // like a power cut: the socket closes, no DISCONNECT
        var will = await watcher.ReceiveAsync();

        Assert.Equal("offline", will.Text());
        Assert.Equal("ss/v1/park/gw-7/status", will.Topic);
    }

    [Fact]
    public async Task Will_NormalDisconnect_NoWillPublished()
    {
        await using var broker = await MosquittoFixture.StartAsync();
        await using var watcher = await MqttTestClient.ConnectAsync(MqttTestClient.Options(broker));
        await watcher.SubscribeAsync("will/#");
        var options = MqttTestClient.Options(broker);
        options.Will = new MqttWillMessage { Topic = "will/gw", PayloadText = "offline" };
        var gateway = await MqttTestClient.ConnectAsync(options);

        using var cts = new CancellationTokenSource(MqttTestClient.Timeout);
        await gateway.DisconnectAsync(cts.Token);
        await gateway.DisposeAsync();
        await watcher.PublishAsync("will/marker", "after");
        var next = await watcher.ReceiveAsync();

        Assert.Equal("will/marker", next.Topic); // the will would have arrived before the marker
    }

    [Fact]
    public async Task Will_WithDelay_PublishedAfterTheConnectionDies()
    {
        await using var broker = await MosquittoFixture.StartAsync();
        await using var watcher = await MqttTestClient.ConnectAsync(MqttTestClient.Options(broker));
        await watcher.SubscribeAsync("delayed/will");
        var options = MqttTestClient.Options(broker);
        options.Reconnect.Enabled = false;
        options.SessionExpirySeconds = 60;
        options.Will = new MqttWillMessage { Topic = "delayed/will", PayloadText = "gone", DelaySeconds = 1 };
        var tap = new TappedTransportFactory();
        await using var gateway = await MqttTestClient.ConnectAsync(options, tap);

        tap.KillCurrentConnection();
        var will = await watcher.ReceiveAsync();

        Assert.Equal("gone", will.Text());
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task PersistentSession_ClientAway_ReceivesMessagesQueuedMeanwhile(MqttProtocolVersion version)
    {
        await using var broker = await MosquittoFixture.StartAsync();
        var options = MqttTestClient.Options(broker, version, clientId: "ingest-persistent-" + version);
        options.CleanStart = false;
        options.SessionExpirySeconds = 3600;
        options.AutoAcknowledge = true;
        await using (var first = await MqttTestClient.ConnectAsync(options))
        {
            await first.SubscribeAsync("ss/v1/+/+/readings");
            using var cts = new CancellationTokenSource(MqttTestClient.Timeout);
            await first.DisconnectAsync(cts.Token);
        }

        await using var publisher = await MqttTestClient.ConnectAsync(MqttTestClient.Options(broker, version));
        for (var i = 0; i < 25; i++)
        {
            await publisher.PublishAsync("ss/v1/river/gw-2/readings", i.ToString(CultureInfo.InvariantCulture));
        }

        var states = new ConcurrentQueue<MqttConnectionStateChangedEventArgs>();
        var again = MqttClientFactory.Create(options, FileTestLogger.Instance);
        await using var _ = again;
        again.ConnectionStateChanged += (_, e) => states.Enqueue(e);
        using var connectCts = new CancellationTokenSource(MqttTestClient.Timeout);
        var result = await again.ConnectAsync(connectCts.Token);
        var received = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            received.Add((await again.ReceiveAsync()).Text());
        }

        Assert.True(result.SessionPresent);
        Assert.Contains(states, e => e.State == MqttConnectionState.Connected && e.SessionPresent);
        Assert.Equal(Enumerable.Range(0, 25).Select(i => i.ToString(CultureInfo.InvariantCulture)), received);
    }

    [Fact]
    public async Task SharedSubscription_ThreeClients_EachMessageDeliveredExactlyOnce()
    {
        await using var broker = await MosquittoFixture.StartAsync();
        var clients = new List<IMqttClient>();
        for (var i = 0; i < 3; i++)
        {
            var options = MqttTestClient.Options(broker);
            options.AutoAcknowledge = true;
            var c = await MqttTestClient.ConnectAsync(options);
            clients.Add(c);
            await c.SubscribeAsync("$share/ingest/ss/v1/+/+/readings");
        }

        try
        {
            await using var publisher = await MqttTestClient.ConnectAsync(MqttTestClient.Options(broker));
            const int count = 300;
            for (var i = 0; i < count; i++)
            {
                await publisher.PublishAsync($"ss/v1/site-{i % 4}/gw/readings", i.ToString(CultureInfo.InvariantCulture));
            }

            // Read until every message has arrived somewhere; then make sure no client has anything extra.
            var perClient = clients.Select(_ => new List<string>()).ToArray();
            var total = 0;
            using var cts = new CancellationTokenSource(MqttTestClient.Timeout);
            while (total < count)
            {
                var progressed = false;
                for (var c = 0; c < clients.Count; c++)
                {
                    while (clients[c].Messages.TryRead(out var m))
                    {
                        perClient[c].Add(m.Text());
                        total++;
                        progressed = true;
                    }
                }

                if (!progressed)
                {
                    await Task.WhenAny(clients.Select(c => c.Messages.WaitToReadAsync(cts.Token).AsTask()));
                    cts.Token.ThrowIfCancellationRequested();
                }
            }

            foreach (var c in clients)
            {
                await c.AssertNothingReceivedAsync(TimeSpan.FromMilliseconds(300));
            }

            var all = perClient.SelectMany(x => x).ToList();
            Assert.Equal(count, all.Count);
            Assert.Equal(count, all.Distinct().Count());
            Assert.All(perClient, list => Assert.NotEmpty(list)); // the broker shared the load
        }
        finally
        {
            foreach (var c in clients)
            {
                await c.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Tls_ServerAuthenticationWithTestCa_ConnectsAndPublishes()
    {
        using var dir = new TemporaryDirectory("mqtt-tls");
        var certs = TestCertificates.Create(dir.Path);
        await using var broker = await MosquittoFixture.StartAsync(new MosquittoOptions
        {
            Tls = new MosquittoTlsOptions { CaFile = certs.CaCertificateFile, CertificateFile = certs.ServerCertificateFile, KeyFile = certs.ServerKeyFile },
        });
        var options = MqttTestClient.Options(broker);
        options.Port = broker.TlsPort!.Value;
        options.Tls = new MqttTlsOptions { Enabled = true, CaFile = certs.CaCertificateFile };
        await using var client = await MqttTestClient.ConnectAsync(options);
        await client.SubscribeAsync("tls/t");

        await client.PublishAsync("tls/t", "secret");
        var received = await client.ReceiveAsync();

        Assert.Equal("secret", received.Text());
    }

    [Fact]
    public async Task Tls_BrokerCertificateFromOtherCa_RefusedWithoutRetry()
    {
        using var dir = new TemporaryDirectory("mqtt-tls");
        var certs = TestCertificates.Create(dir.Path);
        await using var broker = await MosquittoFixture.StartAsync(new MosquittoOptions
        {
            Tls = new MosquittoTlsOptions { CaFile = certs.CaCertificateFile, CertificateFile = certs.ServerCertificateFile, KeyFile = certs.ServerKeyFile },
        });
        var options = MqttTestClient.Options(broker);
        options.Port = broker.TlsPort!.Value;
        options.Tls = new MqttTlsOptions { Enabled = true, CaFile = certs.OtherCaCertificateFile };
        await using var client = MqttClientFactory.Create(options);

        using var cts = new CancellationTokenSource(MqttTestClient.Timeout);
        var ex = await Assert.ThrowsAsync<MqttConnectException>(() => client.ConnectAsync(cts.Token));

        Assert.IsType<System.Security.Authentication.AuthenticationException>(ex.InnerException);
    }

    [Fact]
    public async Task Tls_ClientCertificateRequired_ConnectsWithCertificateAndIdentityIsUsername()
    {
        using var dir = new TemporaryDirectory("mqtt-tls");
        var certs = TestCertificates.Create(dir.Path, clientName: "gw-cert-1");
        await using var broker = await MosquittoFixture.StartAsync(new MosquittoOptions
        {
            Tls = new MosquittoTlsOptions
            {
                CaFile = certs.CaCertificateFile,
                CertificateFile = certs.ServerCertificateFile,
                KeyFile = certs.ServerKeyFile,
                RequireClientCertificate = true,
                UseIdentityAsUsername = true,
            },
            Acl = "user gw-cert-1\ntopic readwrite cert/#\n",
        });
        var options = MqttTestClient.Options(broker);
        options.Port = broker.TlsPort!.Value;
        options.Tls = new MqttTlsOptions { Enabled = true, CaFile = certs.CaCertificateFile, ClientCertificateFile = certs.ClientCertificateFile, ClientKeyFile = certs.ClientKeyFile };
        await using var client = await MqttTestClient.ConnectAsync(options);
        await client.SubscribeAsync("cert/t");

        var result = await client.PublishAsync("cert/t", "by certificate");
        var received = await client.ReceiveAsync();

        // The ACL grants cert/# only to the user named by the certificate's CN: delivery proves the broker authenticated it.
        Assert.True(result.IsSuccess);
        Assert.Equal("by certificate", received.Text());
    }

    [Fact]
    public async Task Tls_ClientCertificateRequiredButMissing_Refused()
    {
        using var dir = new TemporaryDirectory("mqtt-tls");
        var certs = TestCertificates.Create(dir.Path);
        await using var broker = await MosquittoFixture.StartAsync(new MosquittoOptions
        {
            Tls = new MosquittoTlsOptions { CaFile = certs.CaCertificateFile, CertificateFile = certs.ServerCertificateFile, KeyFile = certs.ServerKeyFile, RequireClientCertificate = true },
        });
        var options = MqttTestClient.Options(broker);
        options.Port = broker.TlsPort!.Value;
        options.Reconnect.Enabled = false;
        options.Tls = new MqttTlsOptions { Enabled = true, CaFile = certs.CaCertificateFile };
        await using var client = MqttClientFactory.Create(options);

        using var cts = new CancellationTokenSource(MqttTestClient.Timeout);
        await Assert.ThrowsAnyAsync<MqttException>(() => client.ConnectAsync(cts.Token));
    }

    [Fact]
    public async Task Acl_DeniedPublishV5_PubAckCarriesNotAuthorized()
    {
        await using var broker = await StartAclBrokerAsync();
        await using var client = await MqttTestClient.ConnectAsync(AclOptions(broker, MqttProtocolVersion.V500));

        var denied = await client.PublishAsync("secret/x", "nope");
        var allowed = await client.PublishAsync("allowed/x", "yes");

        Assert.Equal(MqttReasonCode.NotAuthorized, denied.ReasonCode);
        Assert.False(denied.IsSuccess);
        Assert.True(allowed.IsSuccess);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Connect_WrongPassword_RefusedWithBadUserNameOrPassword(MqttProtocolVersion version)
    {
        await using var broker = await StartAclBrokerAsync();
        var options = AclOptions(broker, version);
        options.Password = "wrong";
        await using var client = MqttClientFactory.Create(options);

        using var cts = new CancellationTokenSource(MqttTestClient.Timeout);
        var ex = await Assert.ThrowsAsync<MqttConnectException>(() => client.ConnectAsync(cts.Token));

        Assert.True(ex.ReasonCode is MqttReasonCode.BadUserNameOrPassword or MqttReasonCode.NotAuthorized, ex.ReasonCode.ToString());
    }

    [Fact]
    public async Task BrokerRestart_MidStream_ReconnectsAndNoQoS1MessageLost()
    {
        await using var broker = await MosquittoFixture.StartAsync(new MosquittoOptions { Persistence = true });
        var subOptions = MqttTestClient.Options(broker, clientId: "restart-ingest");
        subOptions.CleanStart = false;
        subOptions.SessionExpirySeconds = 3600;
        await using var subscriber = await MqttTestClient.ConnectAsync(subOptions);
        await subscriber.SubscribeAsync("restart/t");
        var pubOptions = MqttTestClient.Options(broker, clientId: "restart-gateway");
        pubOptions.CleanStart = false;
        pubOptions.SessionExpirySeconds = 3600;
        pubOptions.DisconnectedPublishTimeout = MqttTestClient.Timeout;
        await using var publisher = await MqttTestClient.ConnectAsync(pubOptions);
        var reconnected = new TaskCompletionSource();
        var lost = 0;
        publisher.ConnectionStateChanged += (_, e) =>
        {
            if (e.State == MqttConnectionState.WaitingToReconnect)
            {
                Interlocked.Increment(ref lost);
            }
            else if (e.State == MqttConnectionState.Connected && Volatile.Read(ref lost) > 0)
            {
                reconnected.TrySetResult();
            }
        };

        const int count = 400;
        var received = new HashSet<string>();
        var receiving = Task.Run(async () =>
        {
            while (received.Count < count)
            {
                var m = await subscriber.ReceiveAsync(TimeSpan.FromSeconds(60));
                received.Add(m.Text());
                await m.AckAsync();
            }
        });

        // Publish concurrently (up to 20 in flight) and restart the broker half way through.
        var publishes = new List<Task<MqttPublishResult>>();
        using var window = new SemaphoreSlim(20);
        for (var i = 0; i < count; i++)
        {
            if (i == count / 2)
            {
                await broker.RestartAsync();
            }

            await window.WaitAsync();
            var payload = i.ToString(CultureInfo.InvariantCulture);
            publishes.Add(Task.Run(async () =>
            {
                try
                {
                    using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                    return await publisher.PublishAsync(new MqttApplicationMessage { Topic = "restart/t", Payload = System.Text.Encoding.UTF8.GetBytes(payload) }, cts.Token);
                }
                finally
                {
                    window.Release();
                }
            }));
        }

        var results = await Task.WhenAll(publishes);
        await reconnected.Task.WaitAsync(MqttTestClient.Timeout);
        await receiving.WaitAsync(TimeSpan.FromSeconds(90));

        Assert.All(results, r => Assert.True(r.IsSuccess, r.ReasonCode.ToString()));
        Assert.Equal(count, received.Count);
    }

    [Fact]
    public async Task Reconnect_PublishUnacknowledgedWhenConnectionDied_ResentWithDupAndSamePacketId()
    {
        await using var broker = await MosquittoFixture.StartAsync();
        await using var subscriber = await MqttTestClient.ConnectAsync(MqttTestClient.Options(broker));
        await subscriber.SubscribeAsync("dup/t");
        var options = MqttTestClient.Options(broker, clientId: "dup-gateway");
        options.CleanStart = false;
        options.SessionExpirySeconds = 600;
        options.KeepAliveSeconds = 0;
        var tap = new TappedTransportFactory();
        await using var publisher = await MqttTestClient.ConnectAsync(options, tap);

        // Freeze the broker so the PUBACK cannot come, publish, then cut our connection.
        broker.Pause();
        Task<MqttPublishResult> pending;
        try
        {
            pending = publisher.PublishAsync("dup/t", "survives");
            await WaitUntilAsync(() => tap.WrittenPackets(MqttProtocolVersion.V500).Any(p => p.Type == MqttPacketType.Publish));
            tap.KillCurrentConnection();
        }
        finally
        {
            broker.Resume();
        }

        var result = await pending.WaitAsync(MqttTestClient.Timeout);
        var received = await subscriber.ReceiveAsync();

        Assert.True(result.IsSuccess);
        Assert.Equal("survives", received.Text());
        var publishes = tap.WrittenPackets(MqttProtocolVersion.V500).Where(p => p.Type == MqttPacketType.Publish).ToList();
        Assert.Equal(2, publishes.Count);
        Assert.False(publishes[0].Dup);
        Assert.True(publishes[1].Dup);
        Assert.Equal(publishes[0].PacketId, publishes[1].PacketId);
        Assert.Equal(2, tap.ConnectionCount);
    }

    [Fact]
    public async Task KeepAlive_BrokerFrozen_ClientDetectsDeadConnectionAndReconnects()
    {
        await using var broker = await MosquittoFixture.StartAsync();
        var options = MqttTestClient.Options(broker);
        options.KeepAliveSeconds = 1;
        var tap = new TappedTransportFactory();
        await using var client = await MqttTestClient.ConnectAsync(options, tap);
        var lost = new TaskCompletionSource();
        var back = new TaskCompletionSource();
        client.ConnectionStateChanged += (_, e) =>
        {
            if (e.State == MqttConnectionState.WaitingToReconnect)
            {
                lost.TrySetResult();
            }
            else if (e.State == MqttConnectionState.Connected && lost.Task.IsCompleted)
            {
                back.TrySetResult();
            }
        };

        broker.Pause();
        try
        {
            await lost.Task.WaitAsync(MqttTestClient.Timeout); // no PINGRESP within the keep-alive
        }
        finally
        {
            broker.Resume();
        }

        await back.Task.WaitAsync(MqttTestClient.Timeout);
        await client.SubscribeAsync("ka/t");
        await client.PublishAsync("ka/t", "alive");

        Assert.Equal("alive", (await client.ReceiveAsync()).Text());
        Assert.Contains(tap.WrittenPackets(MqttProtocolVersion.V500), p => p.Type == MqttPacketType.PingReq);
    }

    [Fact]
    public async Task SendQuota_BrokerReceiveMaximumThree_NeverMoreThanThreeUnacknowledged()
    {
        await using var broker = await MosquittoFixture.StartAsync(new MosquittoOptions { ExtraConfiguration = "max_inflight_messages 3" });
        var tap = new TappedTransportFactory();
        await using var client = await MqttTestClient.ConnectAsync(MqttTestClient.Options(broker), tap);
        await using var subscriber = await MqttTestClient.ConnectAsync(MqttTestClient.Options(broker));
        await subscriber.SubscribeAsync("quota/t");

        using var cts = new CancellationTokenSource(MqttTestClient.Timeout);
        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => client.PublishAsync(
            new MqttApplicationMessage { Topic = "quota/t", Payload = BitConverter.GetBytes(i) }, cts.Token)));
        var received = new List<int>();
        for (var i = 0; i < 200; i++)
        {
            var m = await subscriber.ReceiveAsync();
            received.Add(BitConverter.ToInt32(m.Payload.Span));
            await m.AckAsync();
        }

        Assert.All(results, r => Assert.True(r.IsSuccess));
        Assert.InRange(tap.MaxOutstandingPublishes(MqttProtocolVersion.V500), 1, 3);
        Assert.Equal(Enumerable.Range(0, 200), received); // waiting publishes leave in call order
    }

    /// <summary>After a broker restart the client subscribes again, whether or not the broker kept the session: without
    /// persistence the session is gone; with it, mosquitto 2.0.11 restores the session but not its $share/...
    /// subscriptions, so a client trusting "session present" (an ingest replica) would silently receive nothing.</summary>
    [Theory]
    [InlineData(false, "resub/t")]
    [InlineData(true, "$share/ingest/resub/t")]
    public async Task Reconnect_BrokerRestarted_ClientSubscribesAgainAndReceives(bool persistence, string filter)
    {
        await using var broker = await MosquittoFixture.StartAsync(new MosquittoOptions { Persistence = persistence });
        var options = MqttTestClient.Options(broker, clientId: "resub-ingest");
        options.CleanStart = false;
        options.SessionExpirySeconds = 3600;
        await using var client = await MqttTestClient.ConnectAsync(options);
        await client.SubscribeAsync(filter);
        var resumed = new TaskCompletionSource<bool>();
        var lost = false;
        client.ConnectionStateChanged += (_, e) =>
        {
            if (e.State == MqttConnectionState.WaitingToReconnect)
            {
                lost = true;
            }
            else if (e.State == MqttConnectionState.Connected && lost)
            {
                resumed.TrySetResult(e.SessionPresent);
            }
        };

        await broker.RestartAsync();
        var sessionPresent = await resumed.Task.WaitAsync(MqttTestClient.Timeout);
        await using var publisher = await MqttTestClient.ConnectAsync(MqttTestClient.Options(broker));
        var result = await publisher.PublishAsync("resub/t", "after restart");
        var received = await client.ReceiveAsync();

        Assert.Equal(persistence, sessionPresent);
        Assert.NotEqual(MqttReasonCode.NoMatchingSubscribers, result.ReasonCode);
        Assert.Equal("after restart", received.Text());
    }

    [Fact]
    public async Task BrokerKilledBeforeItSaved_QoS1MessageReceivedNotYetAcknowledged_StillDeliveredToTheConsumer()
    {
        // Persistence saved only on a clean shutdown here: the SIGKILL below restores a session older than the message.
        await using var broker = await MosquittoFixture.StartAsync(new MosquittoOptions { Persistence = true, AutosaveIntervalSeconds = 3600 });
        var options = MqttTestClient.Options(broker, clientId: "stale-snapshot-sub");
        options.CleanStart = false;
        options.SessionExpirySeconds = 3600;
        await using var subscriber = await MqttTestClient.ConnectAsync(options);
        await subscriber.SubscribeAsync("stale/t");
        var connects = System.Threading.Channels.Channel.CreateUnbounded<bool>();
        subscriber.ConnectionStateChanged += (_, e) =>
        {
            if (e.State == MqttConnectionState.Connected)
            {
                connects.Writer.TryWrite(e.SessionPresent);
            }
        };

        // A clean restart saves the session with its subscription.
        await broker.RestartAsync();
        Assert.True(await connects.Reader.ReadAsync().AsTask().WaitAsync(MqttTestClient.Timeout));
        await using (var publisher = await MqttTestClient.ConnectAsync(MqttTestClient.Options(broker)))
        {
            await publisher.PublishAsync("stale/t", "m1");
        }

        // The message reached the subscriber's inbox (not yet taken, so not acknowledged); then the broker dies unsaved.
        await WaitUntilAsync(() => subscriber.Messages.Count > 0);
        await broker.KillAsync();
        await broker.RestartAsync();
        var sessionPresent = await connects.Reader.ReadAsync().AsTask().WaitAsync(MqttTestClient.Timeout);
        var received = await subscriber.ReceiveAsync();

        Assert.True(sessionPresent, "the broker restored the saved session, which does not hold m1");
        Assert.Equal("m1", received.Text());
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(MqttTestClient.Timeout);
        while (!condition())
        {
            // Polls a test tap (no event to await for "bytes reached the socket").
            await Task.Delay(10, cts.Token);
        }
    }

    private static Task<MosquittoFixture> StartAclBrokerAsync() => MosquittoFixture.StartAsync(new MosquittoOptions
    {
        Users = new Dictionary<string, string> { ["gw"] = "pw" },
        Acl = "user gw\ntopic readwrite allowed/#\ntopic deny secret/#\n",
    });

    private static MqttClientOptions AclOptions(MosquittoFixture broker, MqttProtocolVersion version)
    {
        var options = MqttTestClient.Options(broker, version);
        options.Username = "gw";
        options.Password = "pw";
        options.Reconnect.Enabled = false;
        return options;
    }
}
