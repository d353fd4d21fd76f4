using Google.Protobuf.WellKnownTypes;
using ProcessorGateway.Core.Schemas;
using Proto = ProcessorGateway.Contracts.V1;

namespace ProcessorGateway.Server.Tenants;

internal static class PurposeMapper
{
    public static Proto.Purpose ToProto(RegisteredPurpose purpose) => new()
    {
        TenantId = purpose.TenantId,
        Name = purpose.Name,
        Category = (Proto.PurposeCategory)(int)purpose.Category,
        Description = purpose.Description,
        Standard = purpose.Standard,
        RegisteredBy = purpose.RegisteredBy ?? string.Empty,
        RegisteredAt = purpose.RegisteredAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
    };

    /// <summary>An unknown number stays unknown, so the registry refuses it rather than reading it as another category.</summary>
    public static PurposeCategory FromProto(Proto.PurposeCategory category) => (PurposeCategory)(int)category;
}
