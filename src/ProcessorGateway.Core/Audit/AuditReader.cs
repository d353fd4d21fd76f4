using System.Runtime.CompilerServices;
using ProcessorGateway.Core.Access;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Validation;

namespace ProcessorGateway.Core.Audit;

/// <summary>
/// Reading and verifying the audit log. A tenant-bound client with <c>audit.read</c> reads its own
/// tenant's chain; an operator with <c>audit.read</c> and <c>tenants.admin</c> names a tenant, or the
/// operator chain.
/// </summary>
public sealed class AuditReader(IAuditLog log)
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

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

    public Task<AuditPage> QueryAsync(
        string chainId, string? subjectId, string? recordId, string? actor, string? purpose, DateTimeOffset? from, DateTimeOffset? to,
        int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        if (pageSize is < 0 or > MaxPageSize)
        {
            throw DomainErrors.Invalid("page_size", $"must be between 0 and {MaxPageSize}");
        }

        if (from is not null && to is not null && from > to)
        {
            throw DomainErrors.Invalid("from", "must not be after 'to'");
        }

        var query = new AuditQuery(
            chainId,
            Identifiers.OptionalRecordId(subjectId, "subject_id"),
            Identifiers.OptionalRecordId(recordId, "record_id"),
            Identifiers.OptionalRecordId(actor, "actor"),
            string.IsNullOrEmpty(purpose) ? null : Identifiers.Name(purpose, "purpose"),
            from,
            to,
            pageSize == 0 ? DefaultPageSize : pageSize,
            ParseToken(pageToken));
        return log.QueryAsync(query, cancellationToken);
    }

    public Task<ChainVerification> VerifyAsync(string chainId, CancellationToken cancellationToken) =>
        AuditChainVerifier.VerifyAsync(chainId, log.ReadChainAsync(chainId, cancellationToken), cancellationToken);

    /// <summary>
    /// The access history of one data subject in one tenant, oldest first: every audited access that
    /// touched the subject. For subject export; the caller has authorised the export already.
    /// </summary>
    public async IAsyncEnumerable<ChainedAuditEvent> SubjectAccessHistoryAsync(
        string tenantId, string subjectId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var chain = AuditChains.For(Identifiers.TenantId(tenantId));
        var subject = Identifiers.RecordId(subjectId, "subject_id");
        long after = 0;
        while (true)
        {
            var page = await log.QueryAsync(new AuditQuery(chain, subject, null, null, null, null, null, MaxPageSize, after), cancellationToken)
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

    private static long ParseToken(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return 0;
        }

        return long.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var after) && after > 0
            ? after
            : throw DomainErrors.Invalid("page_token", "is not a token this gateway issued");
    }
}
