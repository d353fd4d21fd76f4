using ProcessorGateway.Core.Records;

namespace ProcessorGateway.Core.Subjects;

/// <summary>
/// Storage port for exports: records read through a cursor a batch at a time, so an export's memory
/// does not grow with the tenant. Every method takes the tenant first and filters on it.
/// </summary>
public interface IRecordExportSource
{
    /// <summary>The subject's records in every collection, by collection and record id.</summary>
    IAsyncEnumerable<StoredRecord> StreamSubjectAsync(string tenantId, string subjectId, CancellationToken cancellationToken);

    Task<long> CountSubjectAsync(string tenantId, string subjectId, CancellationToken cancellationToken);

    /// <summary>Every record of the tenant, by collection and record id.</summary>
    IAsyncEnumerable<StoredRecord> StreamTenantAsync(string tenantId, CancellationToken cancellationToken);

    Task<long> CountTenantAsync(string tenantId, CancellationToken cancellationToken);
}
