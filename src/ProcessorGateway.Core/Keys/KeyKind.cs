namespace ProcessorGateway.Core.Keys;

/// <summary>What a key is for. Stored, and bound into the wrapping purpose: never renumber.</summary>
public enum KeyKind
{
    /// <summary>AES-256-GCM key for a tenant's personal fields.</summary>
    Data = 1,

    /// <summary>HMAC-SHA256 key for a tenant's blind indexes.</summary>
    Index = 2,

    /// <summary>AES-256-GCM key for one data subject's personal fields, wrapped by the tenant's data key.</summary>
    Subject = 3,

    /// <summary>
    /// AES-256-GCM key for the records an erasure had to keep (legal hold, retention rule), wrapped by the
    /// tenant's data key like a subject key. Its own key, so the subject key can be destroyed without them.
    /// </summary>
    Retained = 4,

    /// <summary>
    /// AES-256-GCM key for one erasure request's requester address, wrapped by the tenant's data key and bound to
    /// its own id. Destroyed (tombstoned) once the message to the requester is delivered or finally given up.
    /// </summary>
    Contact = 5,
}
