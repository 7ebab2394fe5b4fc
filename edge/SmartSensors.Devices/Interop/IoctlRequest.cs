namespace SmartSensors.Devices.Interop;

/// <summary>
/// Linux <c>_IOC</c> request encoding for the "generic" ABI used by x86, x86-64, arm and arm64:
/// bits 0-7 number, 8-15 type, 16-29 argument size, 30-31 direction (1 write, 2 read).
/// (PowerPC, MIPS and SPARC use a different layout; they are not gateway targets.)
/// </summary>
internal static class IoctlRequest
{
    public const uint None = 0;
    public const uint Write = 1;
    public const uint Read = 2;

    public static uint Encode(uint direction, uint type, uint number, uint size)
    {
        if (size >= 1u << 14)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "ioctl argument size must fit in 14 bits.");
        }

        return (direction << 30) | (size << 16) | (type << 8) | number;
    }

    /// <summary><c>_IOR(type, nr, size)</c>.</summary>
    public static uint IoR(uint type, uint number, uint size) => Encode(Read, type, number, size);

    /// <summary><c>_IOWR(type, nr, size)</c>.</summary>
    public static uint IoWR(uint type, uint number, uint size) => Encode(Read | Write, type, number, size);
}
