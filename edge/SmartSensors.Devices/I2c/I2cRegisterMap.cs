namespace SmartSensors.Devices.I2c;

/// <summary>
/// A byte-addressed register file as most sensors have: the first byte of a write sets the register pointer,
/// following bytes are written from it with auto-increment; reads return bytes from the pointer with
/// auto-increment. <see cref="OnRegisterWritten"/> lets a chip model react (e.g. a reset command).
/// </summary>
public class I2cRegisterMap : ISimulatedI2cTarget
{
    private readonly byte[] _registers = new byte[256];
    private int _pointer;

    /// <summary>Register contents (index = register address).</summary>
    public Span<byte> Registers => _registers;

    /// <summary>Called after each register byte written by the bus master: (register, value).</summary>
    public Action<byte, byte>? OnRegisterWritten { get; set; }

    public void OnWrite(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        _pointer = data[0];
        for (var i = 1; i < data.Length; i++)
        {
            var reg = (byte)_pointer;
            _registers[reg] = data[i];
            OnRegisterWritten?.Invoke(reg, data[i]);
            _pointer = (_pointer + 1) & 0xFF;
        }
    }

    public void OnRead(Span<byte> buffer)
    {
        BeforeRead((byte)_pointer, buffer.Length);
        for (var i = 0; i < buffer.Length; i++)
        {
            buffer[i] = _registers[_pointer];
            _pointer = (_pointer + 1) & 0xFF;
        }
    }

    /// <summary>Hook for chip models that compute register contents lazily (e.g. a new measurement).</summary>
    protected virtual void BeforeRead(byte register, int length)
    {
    }
}
