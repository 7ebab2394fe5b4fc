namespace SmartSensors.Mqtt.ConformanceClient;

/// <summary>Exit codes, following the C twins in Mosquitto's test/lib/c.</summary>
internal static class ExitCodes
{
    /// <summary>The C twin's <c>run = 0</c> / <c>exit(0)</c>: the scenario did what it had to.</summary>
    public const int Success = 0;

    /// <summary>The C twin's <c>exit(1)</c> / <c>run = 1</c>: something was wrong (connect refused, wrong message, wrong result).</summary>
    public const int Failure = 1;

    /// <summary>Bad command line.</summary>
    public const int Usage = 2;

    /// <summary>
    /// The C twin's <c>return run;</c> with <c>run == -1</c> (255): twins that loop "until killed" (the script only checks the
    /// bytes they sent) stop when the fake broker closes the connection, because this client must exit by itself.
    /// </summary>
    public const int LoopEnded = 255;

    /// <summary>The scenario did not finish within its own deadline (a hang in the client or the script).</summary>
    public const int Timeout = 124;
}
