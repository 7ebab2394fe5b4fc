using System.Buffers.Binary;

namespace SmartSensors.Devices.Bindings.Bme280;

/// <summary>The trimming parameters burned into each BME280 (datasheet table 16).</summary>
public sealed record Bme280Calibration(
    ushort T1, short T2, short T3,
    ushort P1, short P2, short P3, short P4, short P5, short P6, short P7, short P8, short P9,
    byte H1, short H2, byte H3, short H4, short H5, sbyte H6)
{
    /// <summary>Decodes calibration block 0x88-0xA1 (26 bytes) and 0xE1-0xE7 (7 bytes).</summary>
    public static Bme280Calibration Decode(ReadOnlySpan<byte> block1, ReadOnlySpan<byte> block2)
    {
        if (block1.Length < 26 || block2.Length < 7)
        {
            throw new ArgumentException("BME280 calibration needs 26 bytes from 0x88 and 7 bytes from 0xE1.");
        }

        var b = block1;
        return new Bme280Calibration(
            U16(b, 0), S16(b, 2), S16(b, 4),
            U16(b, 6), S16(b, 8), S16(b, 10), S16(b, 12), S16(b, 14), S16(b, 16), S16(b, 18), S16(b, 20), S16(b, 22),
            block1[25],
            (short)(block2[0] | (block2[1] << 8)),
            block2[2],
            (short)((sbyte)block2[3] * 16 | (block2[4] & 0x0F)),  // H4 = 0xE4[11:4] | 0xE5[3:0], signed
            (short)((sbyte)block2[5] * 16 | (block2[4] >> 4)),    // H5 = 0xE6[11:4] | 0xE5[7:4], signed
            (sbyte)block2[6]);
    }

    private static ushort U16(ReadOnlySpan<byte> b, int i) => BinaryPrimitives.ReadUInt16LittleEndian(b[i..]);

    private static short S16(ReadOnlySpan<byte> b, int i) => BinaryPrimitives.ReadInt16LittleEndian(b[i..]);

    /// <summary>Encodes back to the two register blocks (used by the simulated chip).</summary>
    public (byte[] Block1, byte[] Block2) Encode()
    {
        var b1 = new byte[26];
        void Put(int i, int v)
        {
            b1[i] = (byte)v;
            b1[i + 1] = (byte)(v >> 8);
        }

        Put(0, T1); Put(2, T2); Put(4, T3);
        Put(6, P1); Put(8, P2); Put(10, P3); Put(12, P4); Put(14, P5); Put(16, P6); Put(18, P7); Put(20, P8); Put(22, P9);
        b1[25] = H1;
        var b2 = new byte[7];
        b2[0] = (byte)H2;
        b2[1] = (byte)(H2 >> 8);
        b2[2] = H3;
        b2[3] = (byte)(H4 >> 4);
        b2[4] = (byte)((H4 & 0x0F) | ((H5 & 0x0F) << 4));
        b2[5] = (byte)(H5 >> 4);
        b2[6] = (byte)H6;
        return (b1, b2);
    }
}
