namespace ProcessorGateway.Core.Audit;

public enum AuditOutcome
{
    /// <summary>The access happened.</summary>
    Succeeded = 1,

    /// <summary>Refused by authentication or authorisation.</summary>
    Denied = 2,

    /// <summary>Allowed, but failed (bad input, not found, conflict, outage).</summary>
    Failed = 3,
}
