using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Core.Audit;

namespace ProcessorGateway.Storage.Mongo.Audit;

/// <summary>
/// An audit query over blocks: the server finds the chain's blocks holding at least one matching event (one
/// <c>$elemMatch</c>, so every condition holds for the same event; the chain first, so the subject and record
/// indexes serve it; a subject is its lookup token, or its id in clear in older events), and the same conditions pick those events out of each block, times compared to the
/// millisecond as the server compares them.
/// </summary>
internal static class AuditBlockQuery
{
    /// <summary>The lookup tokens of an event's subject references, inside a block's event.</summary>
    public const string TokenPath = "sr.k";

    public static FilterDefinition<AuditBlockDocument> Blocks(AuditQuery query)
    {
        var blocks = Builders<AuditBlockDocument>.Filter.Eq(d => d.ChainId, query.ChainId);
        var e = Builders<AuditEventDocument>.Filter;
        var conditions = new List<FilterDefinition<AuditEventDocument>>();
        if (query.RecordId is not null)
        {
            conditions.Add(e.AnyEq(d => d.RecordIds, query.RecordId));
        }

        if (query.Actor is not null)
        {
            conditions.Add(e.Eq(d => d.Actor, query.Actor));
        }

        if (query.Purpose is not null)
        {
            conditions.Add(e.Eq(d => d.Purpose, query.Purpose));
        }

        if (query.From is not null)
        {
            conditions.Add(e.Gte(d => d.Time, query.From.Value.UtcDateTime));
        }

        if (query.To is not null)
        {
            conditions.Add(e.Lt(d => d.Time, query.To.Value.UtcDateTime));
        }

        if (query.SubjectId is null)
        {
            return conditions.Count == 0 ? blocks : blocks & Events(conditions);
        }

        // One $elemMatch per way of naming the subject, under a top-level $or: each is served by its own index.
        var byId = Events([.. conditions, e.AnyEq(d => d.SubjectIds, query.SubjectId)]);
        return query.SubjectToken is null
            ? blocks & byId
            : blocks & (byId | Events([.. conditions, new BsonDocument(TokenPath, new BsonBinaryData(query.SubjectToken))]));
    }

    private static FilterDefinition<AuditBlockDocument> Events(IEnumerable<FilterDefinition<AuditEventDocument>> conditions) =>
        Builders<AuditBlockDocument>.Filter.ElemMatch(d => d.Events, Builders<AuditEventDocument>.Filter.And(conditions));

    public static bool Matches(AuditQuery query, ChainedAuditEvent chained)
    {
        var e = chained.Entry;
        return chained.Sequence > query.AfterSequence
            && (query.SubjectId is null || e.SubjectIds.Contains(query.SubjectId, StringComparer.Ordinal)
                || (query.SubjectToken is { } token && (e.SubjectRefs ?? []).Any(r => r.Token.AsSpan().SequenceEqual(token))))
            && (query.RecordId is null || e.RecordIds.Contains(query.RecordId, StringComparer.Ordinal))
            && (query.Actor is null || string.Equals(e.Actor, query.Actor, StringComparison.Ordinal))
            && (query.Purpose is null || string.Equals(e.Purpose, query.Purpose, StringComparison.Ordinal))
            && (query.From is null || e.Time >= AuditEventMapper.ToMilliseconds(query.From.Value))
            && (query.To is null || e.Time < AuditEventMapper.ToMilliseconds(query.To.Value));
    }
}
