using MongoDB.Bson;
using MongoDB.Driver;

namespace ProcessorGateway.Load;

/// <summary>
/// The first baseline: what a service would do without the gateway. The same students, in plaintext, in a
/// database of their own on the same server, with the gateway's write concern (majority) and an index for
/// the query; one round trip per call, no encryption, no tokens. Like a careful service (and like the
/// gateway's callers here), it writes under the version it last wrote and stamps each write with the next
/// version and the time: a write always changes the document. (An earlier version replaced each record
/// with an identical document, which a server may treat as a no-op: 35 times cheaper on the development
/// server, which made this baseline a measure of writes that wrote nothing.)
/// </summary>
internal sealed class DirectDriverTarget(IMongoClient client, int batchSize) : ILoadTarget
{
    public const string DatabaseName = "pg_load_direct";

    private IMongoCollection<BsonDocument> _students = null!;

    public string Name => "direct driver";

    public bool Supports(Operation operation) => operation != Operation.NoOp;

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var database = client.GetDatabase(DatabaseName);
        _students = database.GetCollection<BsonDocument>(StudentRow.Collection).WithWriteConcern(WriteConcern.WMajority);

        // A delete rather than a drop: the development server has no drop command.
        await _students.DeleteManyAsync(FilterDefinition<BsonDocument>.Empty, cancellationToken).ConfigureAwait(false);
        await _students.Indexes.CreateOneAsync(
            new CreateIndexModel<BsonDocument>(Builders<BsonDocument>.IndexKeys.Ascending("email")), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async Task ExecuteAsync(Operation operation, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        switch (operation)
        {
            case Operation.Put:
                await WriteAsync(caller, [caller.NextPutId()], cancellationToken).ConfigureAwait(false);
                break;
            case Operation.Get:
                _ = await _students.Find(ById(caller.ExistingId())).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException("a record the caller wrote is missing");
                break;
            case Operation.Query:
                _ = await _students.Find(new BsonDocument("email", StudentRow.EmailOf(caller.ExistingId()))).Limit(10).ToListAsync(cancellationToken).ConfigureAwait(false);
                break;
            case Operation.Batch:
                await WriteAsync(caller, caller.NextBatchIds(batchSize), cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, "the direct driver runs record operations only");
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>
    /// One round trip whatever the count: an insert for a record the caller has not written, else a replace
    /// under the version it last wrote. A write that matched nothing fails the call, as the gateway's would.
    /// </summary>
    private async Task WriteAsync(Caller caller, IReadOnlyList<string> recordIds, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        var writes = recordIds.Select(id => (Id: id, Version: caller.VersionOf(id))).ToList();
        var models = writes.Select(w => w.Version == 0
            ? (WriteModel<BsonDocument>)new InsertOneModel<BsonDocument>(Document(StudentRow.For(w.Id), 1, now))
            : new ReplaceOneModel<BsonDocument>(new BsonDocument { { "_id", w.Id }, { "version", w.Version } }, Document(StudentRow.For(w.Id), w.Version + 1, now)));
        var result = await _students.BulkWriteAsync(models, new BulkWriteOptions { IsOrdered = false }, cancellationToken).ConfigureAwait(false);
        if (result.InsertedCount + result.MatchedCount != writes.Count)
        {
            throw new InvalidOperationException($"{writes.Count - result.InsertedCount - result.MatchedCount} of {writes.Count} writes matched no record at the caller's version");
        }

        foreach (var (id, version) in writes)
        {
            caller.Wrote(id, version + 1);
        }
    }

    private static BsonDocument ById(string recordId) => new("_id", recordId);

    private static BsonDocument Document(StudentRow row, long version, DateTime updatedAt) => new()
    {
        { "_id", row.RecordId },
        { "version", version },
        { "updated_at", updatedAt },
        { "subject_id", row.SubjectId },
        { "full_name", row.FullName },
        { "email", row.Email },
        { "phone", row.Phone },
        { "address", row.Address },
        { "date_of_birth", row.DateOfBirth.UtcDateTime },
        { "grade_level", row.GradeLevel },
        { "is_minor", false },
    };
}
