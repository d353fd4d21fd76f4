namespace ProcessorGateway.Core.Schemas;

/// <summary>The purposes a tenant registered itself; the standard ones are never stored.</summary>
public interface IPurposeStore
{
    /// <returns><c>false</c> when the tenant has a purpose of that name already.</returns>
    Task<bool> TryInsertAsync(RegisteredPurpose purpose, CancellationToken cancellationToken);

    /// <summary>The tenant's registered purposes, by name.</summary>
    Task<IReadOnlyList<RegisteredPurpose>> ListAsync(string tenantId, CancellationToken cancellationToken);
}
