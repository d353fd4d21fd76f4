using ProcessorGateway.Core.Schemas;

namespace ProcessorGateway.Core.Erasure;

/// <summary>
/// The share of a request that covers one data class, with a deadline of its own: the person's own account
/// data (and unclassified collections) 7 business days after receipt, institution-managed data the tenant's
/// period after verification. Ids, dates and counts only.
/// </summary>
/// <param name="Class"><see cref="DataClass.PersonalAccount"/> or <see cref="DataClass.InstitutionManaged"/>.</param>
/// <param name="Collections">The collections of this class that held the subject's records at receipt.</param>
public sealed record ErasurePart(DataClass Class, IReadOnlyList<string> Collections, ErasureState State)
{
    /// <summary>Unset for institution-managed data until the request is verified.</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>When the job executes it by itself: the grace period after verification, strictly before <see cref="DueAt"/>.</summary>
    public DateTimeOffset? ExecuteAfter { get; init; }

    public DateTimeOffset? ExecutedAt { get; init; }

    /// <summary>Records per collection this part makes unreadable; set when its execution is planned (the plan's marker).</summary>
    public IReadOnlyDictionary<string, long>? RecordCounts { get; init; }

    public bool IsOpen => State is ErasureState.Received or ErasureState.Verified or ErasureState.Executing;

    public bool IsOverdue(DateTimeOffset now) => IsOpen && DueAt is { } due && due < now;
}
