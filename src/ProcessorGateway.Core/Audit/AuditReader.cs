using System.Globalization;
using System.Runtime.CompilerServices;
using ProcessorGateway.Core.Access;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Paging;
using ProcessorGateway.Core.Validation;

namespace ProcessorGateway.Core.Audit;

/// <summary>
/// Reading and verifying the audit log. A tenant-bound client with <c>audit.read</c> reads its own
/// tenant's chain; an operator with <c>audit.read</c> and <c>tenants.admin</c> names a tenant, or the
/// operator chain.
/// </summary>
public sealed class AuditReader(IAuditLog log, Pager pager, AuditSubjects subjects)
{
    /// <summary>Events read per round trip while walking a subject's whole history (no caller sees these pages).</summary>
    private const int HistoryBatchSize = 1000;

    /// <summary>The chain a caller may read: the operator chain, or a tenant's.</summary>
    public static string AuthorizeChain(Caller caller, string? tenantId, bool operatorChain)
    {
        AccessPolicy.RequireScope(caller, Scopes.AuditRead);
        if (!operatorChain)
        {
            return AccessPolicy.RequireTenant(caller, tenantId);
        }

        AccessPolicy.RequireOperator(caller);
        return string.IsNullOrEmpty(tenantId)
            ? AuditChains.Operator
            : throw DomainErrors.Invalid("tenant_id", "must be empty when operator_chain is set");
    }

    /// <summary>
    /// A page of events, each with the subject ids it names opened while their keys exist. A subject is found by
    /// its lookup token (and, in events written before references, by its id in clear): with no key, none.
    /// </summary>
    public async Task<Page<AuditEventView>> QueryAsync(
        string chainId, string? subjectId, string? recordId, string? actor, string? purpose, DateTimeOffset? from, DateTimeOffset? to,
        int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        Pager.Size(pageSize);
        if (from is not null && to is not null && from > to)
        {
            throw DomainErrors.Invalid("from", "must not be after 'to'");
        }

        var subject = Identifiers.OptionalRecordId(subjectId, "subject_id");
        var record = Identifiers.OptionalRecordId(recordId, "record_id");
        var by = Identifiers.OptionalRecordId(actor, "actor");
        var why = string.IsNullOrEmpty(purpose) ? null : Identifiers.Name(purpose, "purpose");
        var request = pager.Open(PageScope.Of(chainId, "QueryAudit", subject, record, by, why, Instant(from), Instant(to)), pageSize, pageToken);
        var token = await TokenAsync(chainId, subject, cancellationToken).ConfigureAwait(false);
        var page = await log.QueryAsync(
            new AuditQuery(chainId, subject, record, by, why, from, to, request.Size, Sequence(request.After)) { SubjectToken = token }, cancellationToken)
            .ConfigureAwait(false);
        var views = await subjects.OpenAsync(page.Events, cancellationToken).ConfigureAwait(false);
        return new Page<AuditEventView>(views, pager.Next(request, page.NextAfterSequence?.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// Walks the chain against its stored checkpoint and, when given, a head the caller kept from an earlier
    /// verification, from where the chain was pruned if it was. The checkpoint is read first: the chain only grows
    /// after it, so an honest walk reaches it.
    /// </summary>
    public async Task<ChainVerification> VerifyAsync(string chainId, long expectedHeadSequence, string? expectedHeadHash, CancellationToken cancellationToken)
    {
        var witnesses = new List<ChainWitness>();
        if (expectedHeadSequence < 0)
        {
            throw DomainErrors.Invalid("expected_head_sequence", "must not be negative");
        }

        if (expectedHeadSequence > 0)
        {
            witnesses.Add(new ChainWitness(expectedHeadSequence, ExpectedHash(expectedHeadHash), "the head given with the request"));
        }
        else if (!string.IsNullOrEmpty(expectedHeadHash))
        {
            throw DomainErrors.Invalid("expected_head_sequence", "must be set when expected_head_hash is");
        }

        var checkpoint = await log.LatestCheckpointAsync(chainId, cancellationToken).ConfigureAwait(false);
        if (checkpoint is not null)
        {
            witnesses.Add(new ChainWitness(checkpoint.Sequence, checkpoint.Hash,
                string.Create(CultureInfo.InvariantCulture, $"the checkpoint of {checkpoint.RecordedAt:yyyy-MM-ddTHH:mm:ssZ}")));
        }

        // Read before the events too: a pass that prunes meanwhile records its point before it deletes anything.
        var pruned = await log.PrunePointAsync(chainId, cancellationToken).ConfigureAwait(false);
        var verified = await AuditChainVerifier.VerifyAsync(chainId, log.ReadChainAsync(chainId, cancellationToken), witnesses, pruned, cancellationToken)
            .ConfigureAwait(false);
        return verified with { Checkpoint = checkpoint, Pruned = pruned };
    }

    public Task<ChainVerification> VerifyAsync(string chainId, CancellationToken cancellationToken) => VerifyAsync(chainId, 0, null, cancellationToken);

    /// <summary>
    /// The access history of one data subject in one tenant, oldest first: every audited access that
    /// touched the subject. For subject export; the caller has authorised the export already.
    /// </summary>
    public async IAsyncEnumerable<ChainedAuditEvent> SubjectAccessHistoryAsync(
        string tenantId, string subjectId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var chain = AuditChains.For(Identifiers.TenantId(tenantId));
        var subject = Identifiers.RecordId(subjectId, "subject_id");
        var token = await TokenAsync(chain, subject, cancellationToken).ConfigureAwait(false);
        long after = 0;
        while (true)
        {
            var page = await log.QueryAsync(
                new AuditQuery(chain, subject, null, null, null, null, null, HistoryBatchSize, after) { SubjectToken = token }, cancellationToken)
                .ConfigureAwait(false);
            foreach (var item in page.Events)
            {
                yield return item;
            }

            if (page.NextAfterSequence is not { } next)
            {
                yield break;
            }

            after = next;
        }
    }

    /// <summary>The subject's lookup token in the chain's tenant; the operator chain names subjects in no tenant.</summary>
    private async Task<byte[]?> TokenAsync(string chainId, string? subjectId, CancellationToken cancellationToken) =>
        subjectId is null || chainId == AuditChains.Operator ? null : await subjects.TokenAsync(chainId, subjectId, cancellationToken).ConfigureAwait(false);

    private static string ExpectedHash(string? hash) =>
        hash is { Length: 64 } && hash.All(char.IsAsciiHexDigitLower)
            ? hash
            : throw DomainErrors.Invalid("expected_head_hash", "must be the 64 lowercase hex characters of the head_hash an earlier verification returned");

    private static string? Instant(DateTimeOffset? at) => at?.UtcTicks.ToString(CultureInfo.InvariantCulture);

    /// <summary>The sequence number a page starts after; a cursor at the largest one would wrap round to the chain's start.</summary>
    private static long Sequence(string? after) =>
        after is null ? 0
        : long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) && sequence is > 0 and < long.MaxValue
            ? sequence
            : throw DomainErrors.PageTokenInvalid();
}
