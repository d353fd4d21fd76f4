using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Core.Audit;
using ProcessorGateway.Core.Keys;

namespace ProcessorGateway.Storage.Mongo.Tests.Audit;

/// <summary>Events that name subjects by reference, beside older ones that name them in clear, in one chain on MongoDB.</summary>
public sealed class SubjectReferenceStorageTests(AuditStorage storage) : IClassFixture<AuditStorage>
{
    [Fact]
    public async Task A_query_by_subject_finds_older_events_by_clear_id_and_newer_ones_by_token_and_the_mixed_chain_verifies()
    {
        var tenant = $"refs-{Guid.NewGuid():N}"[..16];
        var subject = $"subj-{Guid.NewGuid():N}"[..20];
        using var key = KeyMaterial.Generate(tenant, KeyKind.Subject, new KeyReference(Guid.NewGuid(), 1), subject);
        var log = await storage.NewStartedReplicaAsync();
        var older = await log.AppendAsync(AuditStorage.Entry(tenant, subject: subject), CancellationToken.None).Within();
        var newer = await log.AppendAsync(AuditStorage.Entry(tenant) with { SubjectRefs = [SubjectReferenceCipher.Create(key)], UnnamedSubjects = 1 }, CancellationToken.None)
            .Within();
        await log.AppendAsync(AuditStorage.Entry(tenant, subject: "subj-other"), CancellationToken.None).Within();

        var byToken = await log.QueryAsync(
            new AuditQuery(tenant, subject, null, null, null, null, null, 50, 0) { SubjectToken = SubjectReferenceCipher.Token(key) }, CancellationToken.None).Within();
        var withoutKey = await AuditStorage.QueryAsync(log, tenant, subject: subject);
        var stored = await storage.RawBlocks.Find(new BsonDocument("c", tenant)).ToListAsync().Within();
        var verified = await AuditChainVerifier.VerifyAsync(tenant, log.ReadChainAsync(tenant, CancellationToken.None), CancellationToken.None).Within();

        Assert.Equal([older.Sequence, newer.Sequence], byToken.Events.Select(e => e.Sequence));
        Assert.Equal([older.Sequence], withoutKey.Events.Select(e => e.Sequence));
        var read = byToken.Events[1].Entry;
        Assert.Equal(newer.Hash, AuditHash.Compute(tenant, newer.Sequence, newer.PreviousHash, read));
        Assert.Equal((subject, 1), (SubjectReferenceCipher.Open(key, Assert.Single(read.SubjectRefs!)), read.UnnamedSubjects));
        Assert.Null(byToken.Events[0].Entry.SubjectRefs);
        var newerDocument = stored.SelectMany(b => b["e"].AsBsonArray).Single(e => e["eid"] == newer.Entry.EventId).ToJson();
        Assert.DoesNotContain(subject, newerDocument, StringComparison.Ordinal);
        Assert.True(verified.Intact, verified.FirstBreak?.Detail);
        Assert.Equal(3, verified.EventsChecked);
    }
}
