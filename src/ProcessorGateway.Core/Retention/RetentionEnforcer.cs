using ProcessorGateway.Core.Erasure;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Records;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Core.Tenants;

namespace ProcessorGateway.Core.Retention;

/// <summary>
/// One pass of retention over every active tenant: a collection's own retention deletes due records whole (as
/// DeleteRecord does: the document goes, with its blind indexes), a field's retention erases the due value (the
/// plain value or ciphertext unset, and a searchable field's blind-index tokens with it). Each change is
/// conditional on the record's version, so replicas running passes together, or a writer in between, never
/// erase twice or count twice: the loser's update matches nothing. A record a legal hold or retention rule keeps
/// is passed over (<see cref="RecordExpiry.IsSuspended"/>), and one an erasure kept is never matched.
/// </summary>
public sealed class RetentionEnforcer(
    ITenantRepository tenants, ISchemaRepository schemas, IRetentionStore store, IRecordRepository records, IErasurePolicyStore policies,
    RecordCodec codec, ErasureClock clock)
{
    /// <param name="batchSize">The most records one pass changes in one tenant; held records passed over cost a read each.</param>
    public async Task<IReadOnlyList<TenantExpiry>> RunAsync(int batchSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var done = new List<TenantExpiry>();
        foreach (var tenantId in await tenants.ListIdsAsync(cancellationToken).ConfigureAwait(false))
        {
            var tenant = await tenants.FindAsync(tenantId, cancellationToken).ConfigureAwait(false);
            if (tenant?.Status != TenantStatus.Active)
            {
                // An offboarding tenant's records go with the tenant.
                continue;
            }

            var governed = (await schemas.ListLatestAsync(tenantId, cancellationToken).ConfigureAwait(false)).Where(RecordExpiry.Applies).ToList();
            if (governed.Count > 0)
            {
                done.Add(await RunTenantAsync(tenant, governed, batchSize, cancellationToken).ConfigureAwait(false));
            }
        }

        return done;
    }

    private async Task<TenantExpiry> RunTenantAsync(Tenant tenant, IReadOnlyList<CollectionSchema> governed, int batchSize, CancellationToken cancellationToken)
    {
        var now = clock.Now();
        var pass = new Pass(
            tenant, now, batchSize,
            await policies.ListHoldsAsync(tenant.TenantId, null, activeOnly: true, cancellationToken).ConfigureAwait(false),
            await policies.ListRulesAsync(tenant.TenantId, cancellationToken).ConfigureAwait(false));
        long backlog = 0;
        foreach (var schema in governed)
        {
            foreach (var query in Queries(schema, now, batchSize))
            {
                await ScanAsync(pass, schema, query, cancellationToken).ConfigureAwait(false);
                backlog += await store.CountDueAsync(tenant.TenantId, query, cancellationToken).ConfigureAwait(false);
            }
        }

        return new TenantExpiry(tenant.TenantId, pass.Expired, pass.Suspended, backlog);
    }

    /// <summary>The collection's own retention first (a record deleted whole needs none of its fields erased), then each field's.</summary>
    private static IEnumerable<DueQuery> Queries(CollectionSchema schema, DateTimeOffset now, int batchSize)
    {
        var retention = schema.Retention;
        if (retention.Days > 0)
        {
            yield return new DueQuery(schema.Collection, retention.Start, retention.DateField, now.AddDays(-retention.Days), null, false, null, batchSize);
        }

        foreach (var field in schema.Fields.Where(f => f.RetentionDays > 0))
        {
            yield return new DueQuery(schema.Collection, retention.Start, retention.DateField, now.AddDays(-field.RetentionDays), field.Name,
                field.Class == FieldClass.Plain, null, batchSize);
        }
    }

    private async Task ScanAsync(Pass pass, CollectionSchema schema, DueQuery query, CancellationToken cancellationToken)
    {
        while (pass.Left > 0)
        {
            var page = await store.ListDueAsync(pass.Tenant.TenantId, query, cancellationToken).ConfigureAwait(false);
            foreach (var stored in page)
            {
                if (pass.Left == 0)
                {
                    return;
                }

                if (RecordExpiry.IsSuspended(stored, pass.Holds, pass.Rules, pass.Now))
                {
                    pass.Suspended++;
                }
                else if (await ExpireAsync(pass, schema, stored, query.Field is null, cancellationToken).ConfigureAwait(false) is { } expired)
                {
                    pass.Expired.Add(expired);
                }
            }

            if (page.Count < query.Limit)
            {
                return;
            }

            var last = page[^1];
            query = query with { After = new DuePosition(RecordExpiry.StartOf(schema.Retention, last)!.Value, last.RecordId) };
        }
    }

    private async Task<ExpiredRecord?> ExpireAsync(Pass pass, CollectionSchema schema, StoredRecord stored, bool whole, CancellationToken cancellationToken)
    {
        var tenantId = pass.Tenant.TenantId;
        if (whole)
        {
            return await records.TryDeleteAsync(tenantId, stored.Collection, stored.RecordId, stored.Version, cancellationToken).ConfigureAwait(false)
                ? new ExpiredRecord(stored.Collection, stored.RecordId, stored.SubjectId, [], Deleted: true)
                : null;
        }

        var due = RecordExpiry.Fields(schema, stored).Where(f => f.Value <= pass.Now).Select(f => f.Key).Order(StringComparer.Ordinal).ToList();
        var kept = stored.BlindIndexes.ToList();
        var keptNames = stored.NameTokens.ToList();
        foreach (var name in due.Where(n => schema.Field(n)!.Class == FieldClass.PersonalSearchable))
        {
            var (blindIndexes, nameTokens) = await codec.TokensOfAsync(pass.Tenant, stored, name, cancellationToken).ConfigureAwait(false);
            foreach (var token in blindIndexes)
            {
                kept.RemoveAll(t => t.AsSpan().SequenceEqual(token));
            }

            foreach (var token in nameTokens)
            {
                keptNames.RemoveAll(t => t.AsSpan().SequenceEqual(token));
            }
        }

        return due.Count > 0
            && await store.TryEraseFieldsAsync(tenantId, stored.Collection, stored.RecordId, stored.Version, due, kept, keptNames, cancellationToken).ConfigureAwait(false)
            ? new ExpiredRecord(stored.Collection, stored.RecordId, stored.SubjectId, due, Deleted: false)
            : null;
    }

    /// <summary>One tenant's pass: its clock reading, holds and rules, and what it changed so far.</summary>
    private sealed class Pass(Tenant tenant, DateTimeOffset now, int batchSize, IReadOnlyList<LegalHold> holds, IReadOnlyList<RetentionRule> rules)
    {
        public Tenant Tenant { get; } = tenant;

        public DateTimeOffset Now { get; } = now;

        public IReadOnlyList<LegalHold> Holds { get; } = holds;

        public IReadOnlyList<RetentionRule> Rules { get; } = rules;

        public List<ExpiredRecord> Expired { get; } = [];

        public int Suspended { get; set; }

        public int Left => batchSize - Expired.Count;
    }
}
