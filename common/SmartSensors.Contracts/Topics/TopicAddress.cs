namespace SmartSensors.Contracts;

/// <summary>
/// A parsed <c>ss/v1/...</c> topic. For <see cref="TopicKind.Alerts"/>, <see cref="Gateway"/> is empty and
/// <see cref="Audience"/> is set; for the other kinds <see cref="Audience"/> is empty.
/// </summary>
public readonly record struct TopicAddress(TopicKind Kind, string Site, string Gateway, string Audience)
{
    /// <summary>The topic string this address stands for.</summary>
    public override string ToString() => Kind switch
    {
        TopicKind.Readings => Topics.Readings(Site, Gateway),
        TopicKind.Status => Topics.Status(Site, Gateway),
        TopicKind.Config => Topics.Config(Site, Gateway),
        TopicKind.Alerts => Topics.Alerts(Audience, Site),
        _ => string.Empty,
    };
}
