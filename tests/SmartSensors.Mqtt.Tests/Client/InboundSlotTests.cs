using SmartSensors.Mqtt.Client;

namespace SmartSensors.Mqtt.Tests.Client;

public sealed class InboundSlotTests
{
    [Fact]
    public async Task Completion_AskedBeforeTheSlotIsDone_CompletesWhenItIs()
    {
        var slot = new InboundSlot(7, MqttQualityOfService.AtLeastOnce);
        var completion = slot.Completion;
        Assert.False(completion.IsCompleted);

        slot.Complete(true);

        Assert.True(await completion.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(await slot.Completion);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Completion_AskedAfterTheSlotIsDone_HasTheFirstResult(bool first)
    {
        var slot = new InboundSlot(7, MqttQualityOfService.ExactlyOnce);
        slot.Complete(first);
        slot.Complete(!first); // a later report (e.g. the connection closing after the PUBACK was written) changes nothing

        Assert.True(slot.Completion.IsCompletedSuccessfully);
        Assert.Equal(first, await slot.Completion);
    }

    [Fact]
    public async Task Completion_AskedWhileAnotherThreadCompletes_NeverMissesTheResult()
    {
        for (var i = 0; i < 2_000; i++)
        {
            var slot = new InboundSlot(1, MqttQualityOfService.AtLeastOnce);
            using var go = new Barrier(2);
            var completer = Task.Run(() =>
            {
                go.SignalAndWait();
                slot.Complete(true);
            });
            go.SignalAndWait();
            var completion = slot.Completion;
            await completer;
            Assert.True(await completion.WaitAsync(TimeSpan.FromSeconds(10)));
        }
    }
}
