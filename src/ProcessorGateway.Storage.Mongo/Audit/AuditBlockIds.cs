using System.Globalization;
using MongoDB.Driver;

namespace ProcessorGateway.Storage.Mongo.Audit;

/// <summary>
/// A block's <c>_id</c>: <c>{chain}/{sequence of its first event, 19 digits}</c>. Ids of one chain sort in
/// sequence order and share a prefix, so the <c>_id</c> index alone walks a chain, finds its head, and
/// (leading with the tenant) keeps a tenant-keyed sharded cluster targeted. Chain ids never contain '/'.
/// </summary>
internal static class AuditBlockIds
{
    /// <summary>The most events one block holds: the bound on <c>Gateway:Audit:MaxBatchSize</c>.</summary>
    public const int MaxEventsPerBlock = 10_000;

    private const char Separator = '/';

    public static string Of(string chainId, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{chainId}{Separator}{sequence:D19}");

    public static long SequenceOf(string id) =>
        long.Parse(id.AsSpan(id.LastIndexOf(Separator) + 1), NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>Blocks of the chain whose first event is at <paramref name="firstSequence"/> or later: an <c>_id</c> range, '0' being the character after '/'.</summary>
    public static FilterDefinition<AuditBlockDocument> From(string chainId, long firstSequence) =>
        Builders<AuditBlockDocument>.Filter.Gte(d => d.Id, Of(chainId, firstSequence))
        & Builders<AuditBlockDocument>.Filter.Lt(d => d.Id, chainId + (char)(Separator + 1));

    /// <summary>Blocks of the chain whose first event is at <paramref name="sequence"/> or before.</summary>
    public static FilterDefinition<AuditBlockDocument> UpTo(string chainId, long sequence) =>
        Builders<AuditBlockDocument>.Filter.Lte(d => d.Id, Of(chainId, sequence))
        & Builders<AuditBlockDocument>.Filter.Gt(d => d.Id, chainId + Separator);
}
