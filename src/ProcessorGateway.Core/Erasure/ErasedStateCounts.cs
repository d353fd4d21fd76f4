namespace ProcessorGateway.Core.Erasure;

/// <summary>
/// The first step of erasing state besides records: count it and store the counts with the request under its version,
/// before anything is deleted. A resumed execution finds them stored and keeps them, so its receipt is the first run's.
/// </summary>
internal static class ErasedStateCounts
{
    /// <returns>The request with <see cref="ErasureRequest.AlsoErased"/> set, or <c>null</c> when another writer got there first (the lease was lost).</returns>
    public static async Task<ErasureRequest?> StoreOnceAsync(
        IErasureRequestStore requests, ErasureRequest request, Func<Task<IReadOnlyList<ErasedItem>>> count, CancellationToken cancellationToken)
    {
        if (request.AlsoErased is not null)
        {
            return request;
        }

        var counted = await count().ConfigureAwait(false);
        return await requests.TryReplaceAsync(request with { AlsoErased = counted }, request.Version, cancellationToken).ConfigureAwait(false);
    }
}
