using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ProcessorGateway.Core.Audit;

/// <summary>
/// SHA-256 over a canonical encoding of an event, its chain, sequence number and the previous event's
/// hash. Every field is length-prefixed and lists are counted, so no two different events encode alike.
/// An event that names subjects by reference hashes as "pg-audit-v2", with the references as stored (so it
/// still verifies once their keys are destroyed); an older event hashes as it was written, as "pg-audit-v1".
/// An event that records its purpose's category hashes as "pg-audit-v3": v2's fields, the references' presence
/// (-1: none) and the category last. Events without one hash as before, so every existing chain still verifies.
/// An event that counts refusals (a reason, or a count other than 1) hashes as "pg-audit-v4": v3's fields with the
/// category's presence (-1: none), then the count and the reason. The format follows from the contents, so the
/// verifier picks it per event, and an edit that adds, removes or changes a count or reason changes the hash.
/// </summary>
public static class AuditHash
{
    /// <summary>The "previous hash" of a chain's first event.</summary>
    public static readonly string Genesis = new('0', 64);

    public static string Compute(string chainId, long sequence, string previousHash, AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var buffer = new MemoryStream();
        var counted = entry.Count != 1 || entry.Reason is not null;
        Write(buffer, Format(entry, counted));
        Write(buffer, chainId);
        Write(buffer, sequence.ToString(CultureInfo.InvariantCulture));
        Write(buffer, previousHash);
        Write(buffer, entry.EventId);
        Write(buffer, entry.Time.UtcTicks.ToString(CultureInfo.InvariantCulture));
        Write(buffer, entry.Actor);
        Write(buffer, entry.TenantId);
        Write(buffer, entry.Purpose);
        Write(buffer, entry.Action);
        Write(buffer, entry.RecordIds);
        Write(buffer, entry.SubjectIds);
        Write(buffer, entry.Fields);
        Write(buffer, entry.Outcome.ToString());
        Write(buffer, entry.Status);
        Write(buffer, entry.ClientIp);
        Write(buffer, entry.UserAgent);
        Write(buffer, entry.TraceId);
        if (entry.SubjectRefs is { } references)
        {
            WriteLength(buffer, references.Count);
            foreach (var reference in references)
            {
                Write(buffer, reference.Key.Id.ToString("N"));
                Write(buffer, reference.Key.Version.ToString(CultureInfo.InvariantCulture));
                Write(buffer, Convert.ToHexStringLower(reference.Token));
                Write(buffer, Convert.ToHexStringLower(reference.Sealed));
            }

            Write(buffer, entry.UnnamedSubjects.ToString(CultureInfo.InvariantCulture));
        }
        else if (entry.PurposeCategory is not null || counted)
        {
            WriteLength(buffer, -1);
        }

        if (counted)
        {
            Write(buffer, entry.PurposeCategory);
            Write(buffer, entry.Count.ToString(CultureInfo.InvariantCulture));
            Write(buffer, entry.Reason);
        }
        else if (entry.PurposeCategory is { } category)
        {
            Write(buffer, category);
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
    }

    private static string Format(AuditEntry entry, bool counted) =>
        counted ? "pg-audit-v4"
        : entry.PurposeCategory is not null ? "pg-audit-v3"
        : entry.SubjectRefs is null ? "pg-audit-v1"
        : "pg-audit-v2";

    public static ChainedAuditEvent Chain(string chainId, long sequence, string previousHash, AuditEntry entry) =>
        new(chainId, sequence, entry, previousHash, Compute(chainId, sequence, previousHash, entry));

    private static void Write(MemoryStream buffer, IReadOnlyList<string> values)
    {
        WriteLength(buffer, values.Count);
        foreach (var value in values)
        {
            Write(buffer, value);
        }
    }

    /// <summary>Absent (-1) and empty (0) encode differently.</summary>
    private static void Write(MemoryStream buffer, string? value)
    {
        if (value is null)
        {
            WriteLength(buffer, -1);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        WriteLength(buffer, bytes.Length);
        buffer.Write(bytes);
    }

    private static void WriteLength(MemoryStream buffer, int length)
    {
        Span<byte> prefix = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(prefix, length);
        buffer.Write(prefix);
    }
}
