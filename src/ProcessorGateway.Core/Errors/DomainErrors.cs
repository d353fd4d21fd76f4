using System.Globalization;

namespace ProcessorGateway.Core.Errors;

/// <summary>One factory per failure, so messages stay consistent and nothing sensitive slips into one.</summary>
public static class DomainErrors
{
    public const string DataErasedCode = "data_erased";

    public static DomainException DataErased(string what, DateTimeOffset when) =>
        new(DomainErrorKind.FailedPrecondition,
            string.Create(CultureInfo.InvariantCulture, $"the data of {what} was erased on {when:yyyy-MM-dd'T'HH:mm:ss'Z'}: its key was destroyed, so it can no longer be read"),
            "subject_id")
        { Code = DataErasedCode };

    public static DomainException Invalid(string field, string problem) =>
        new(DomainErrorKind.InvalidArgument, $"{field}: {problem}", field);

    public static DomainException Required(string field) => Invalid(field, "is required");

    /// <param name="what">What was looked for, as a reader names it: "erasure request", "legal hold", "client".</param>
    public static DomainException NotFound(string what, string id, string field) =>
        new(DomainErrorKind.NotFound, $"{what} '{id}' does not exist", field);

    public static DomainException TenantNotFound(string tenantId) => NotFound("tenant", tenantId, "tenant_id");

    public static DomainException TenantExists(string tenantId) =>
        new(DomainErrorKind.FailedPrecondition, $"tenant '{tenantId}' already exists", "tenant_id");

    public static DomainException TenantNotActive(string tenantId, string status) =>
        new(DomainErrorKind.FailedPrecondition, $"tenant '{tenantId}' is {status}; its data can no longer be read or written", "tenant_id");

    public static DomainException SchemaNotFound(string collection, int version) =>
        new(DomainErrorKind.NotFound,
            version == 0
                ? $"collection '{collection}' has no schema"
                : string.Create(CultureInfo.InvariantCulture, $"collection '{collection}' has no schema version {version}"),
            "collection");

    public static DomainException SchemaVersionMismatch(string collection, int expected, int current) =>
        new(DomainErrorKind.FailedPrecondition,
            string.Create(CultureInfo.InvariantCulture, $"collection '{collection}' is at schema version {current}, not the expected {expected}"),
            "expected_version");

    public static DomainException RecordNotFound(string collection, string recordId) =>
        new(DomainErrorKind.NotFound, $"record '{recordId}' does not exist in collection '{collection}'", "record_id");

    public static DomainException RecordKept(string collection, string recordId, string requestId) =>
        new(DomainErrorKind.FailedPrecondition,
            $"record '{recordId}' of collection '{collection}' is kept after its subject's erasure (request {requestId}) under a legal hold or retention rule: it is read-only",
            "record_id");

    public static DomainException RecordExists(string collection, string recordId) =>
        new(DomainErrorKind.FailedPrecondition,
            $"record '{recordId}' already exists in collection '{collection}'; replace it with its current version as expected_version",
            "expected_version");

    public static DomainException VersionMismatch(string recordId, long expected, long? current) =>
        new(DomainErrorKind.FailedPrecondition,
            current is null
                ? string.Create(CultureInfo.InvariantCulture, $"record '{recordId}' does not exist, so it cannot be at the expected version {expected}")
                : string.Create(CultureInfo.InvariantCulture, $"record '{recordId}' is at version {current}, not the expected {expected}"),
            "expected_version");

    public static DomainException IdempotencyKeyReused() =>
        new(DomainErrorKind.FailedPrecondition,
            "idempotency_key was already used for a different request; use a new key for a new request",
            "idempotency_key");

    public static DomainException IdempotencyInProgress() =>
        new(DomainErrorKind.Aborted,
            "a request with this idempotency_key is still in progress; retry it shortly",
            "idempotency_key");

    public static DomainException PurposeMayNotSearch(string at, string purpose, string field) =>
        new(DomainErrorKind.PermissionDenied, $"{at}: purpose '{purpose}' may not read field '{field}', so it may not search it either", at);

    /// <param name="at">The request field that carries the write: the field's path, or the purpose for a delete.</param>
    public static DomainException PurposeMayNotWrite(string at, string purpose, string field, string collection) =>
        new(DomainErrorKind.PermissionDenied, $"{at}: purpose '{purpose}' may not write the field '{field}' of collection '{collection}'", at);

    public static DomainException MinorWriteWithoutConsent(string field, string reason) =>
        new(DomainErrorKind.PermissionDenied, $"{Records.FieldPath.Of(field)}: {reason}; a minor's personal fields are written only under that consent",
            Records.FieldPath.Of(field));

    public static DomainException PageTokenInvalid() =>
        Invalid("page_token", "is not a token this gateway issued for this tenant and query, or it has expired");

    /// <param name="what">The ciphertext, named without its value: "field 'email' of record 'stu-1'", "consent 'c-1'".</param>
    public static DomainException DecryptionFailed(string what, string field, Exception inner) =>
        new(DomainErrorKind.FailedPrecondition, $"{what} could not be decrypted", field, inner);

    /// <summary>A conditional write lost to another call: the caller retries and sees the state that call left.</summary>
    public static DomainException ChangedMeanwhile(string what, string field) =>
        new(DomainErrorKind.Aborted, $"{what} changed while this call ran; retry it", field);

    public static DomainException WrongState(string what, string state, string action, string field) =>
        new(DomainErrorKind.FailedPrecondition, $"{what} is {state} and cannot be {action}", field);

    /// <param name="caller">The caller as it describes itself (its client id and tenant).</param>
    public static DomainException OperatorOnly(string caller, string action, string? field = null) =>
        new(DomainErrorKind.PermissionDenied, $"{caller} is bound to a tenant; only an operator client may {action}", field);

    public static DomainException KeyUnavailable(string tenantId) =>
        new(DomainErrorKind.FailedPrecondition, $"tenant '{tenantId}' has no usable key", "tenant_id");

    public static DomainException StorageUnavailable(Exception inner) =>
        new(DomainErrorKind.Unavailable, "storage is unavailable; retry later", null, inner);
}
