namespace SmartSensors.Contracts;

/// <summary>Which SenML value field a resolved record carries.</summary>
public enum SenmlValueKind
{
    /// <summary>No value (the record carries only a sum).</summary>
    None = 0,
    /// <summary><c>v</c>: a number.</summary>
    Number = 1,
    /// <summary><c>vs</c>: a string.</summary>
    String = 2,
    /// <summary><c>vb</c>: a boolean.</summary>
    Boolean = 3,
    /// <summary><c>vd</c>: base64url data (kept as the text).</summary>
    Data = 4,
}
