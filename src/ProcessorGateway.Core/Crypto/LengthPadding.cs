namespace ProcessorGateway.Core.Crypto;

/// <summary>
/// Pads an encoded value to a length bucket before encryption, so a stored ciphertext shows only the bucket.
/// ISO/IEC 7816-4 style: the value, one <c>0x80</c> byte, then zeros; removal finds the last non-zero byte,
/// which must be the <c>0x80</c>. Buckets: powers of two from 16 bytes up to 1 KiB, then steps of 256 bytes
/// (doubling further would waste up to half of a long note; above 1 KiB a 256-byte step hides what matters).
/// Padding is removed only after AES-GCM has authenticated the whole plaintext, so it is no oracle.
/// </summary>
public static class LengthPadding
{
    public const byte Marker = 0x80;
    public const int SmallestBucket = 16;
    public const int DoublingLimit = 1024;
    public const int LargeStep = 256;

    /// <summary>The padded length for an encoded value of <paramref name="length"/> bytes (the marker always fits).</summary>
    public static int PaddedLength(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var needed = length + 1;
        if (needed <= DoublingLimit)
        {
            return Math.Max(SmallestBucket, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)needed));
        }

        return checked((needed + LargeStep - 1) / LargeStep * LargeStep);
    }

    /// <summary>Writes <paramref name="value"/>, the marker and zeros into <paramref name="destination"/>, which is exactly <see cref="PaddedLength"/> long.</summary>
    public static void Pad(ReadOnlySpan<byte> value, Span<byte> destination)
    {
        if (destination.Length != PaddedLength(value.Length))
        {
            throw new ArgumentException("the destination is not the padded length of the value", nameof(destination));
        }

        value.CopyTo(destination);
        destination[value.Length] = Marker;
        destination[(value.Length + 1)..].Clear();
    }

    /// <summary>The length of the value inside <paramref name="padded"/>. Padding that is not exactly ours throws <see cref="FormatException"/>.</summary>
    public static int UnpaddedLength(ReadOnlySpan<byte> padded)
    {
        var marker = padded.LastIndexOfAnyExcept((byte)0);
        if (marker < 0 || padded[marker] != Marker || PaddedLength(marker) != padded.Length)
        {
            throw new FormatException("malformed length padding");
        }

        return marker;
    }
}
