using System.Globalization;
using ProcessorGateway.Contracts.V1;

namespace ProcessorGateway.Cli;

internal static class TenantText
{
    public static void Write(TextWriter output, Tenant tenant) => TextBlock.Write(output,
    [
        ("tenant", tenant.TenantId),
        ("name", tenant.DisplayName),
        ("status", Status(tenant.Status)),
        ("data key", string.Create(CultureInfo.InvariantCulture, $"{tenant.DataKeyId} (version {tenant.DataKeyVersion})")),
        ("index key", tenant.IndexKeyId),
        ("collections", tenant.Collections.Count == 0 ? "-" : string.Join(", ", tenant.Collections)),
        ("created", ValueText.Instant(tenant.CreatedAt)),
    ]);

    private static string Status(TenantStatus status) => status switch
    {
        TenantStatus.Active => "active",
        TenantStatus.Offboarding => "offboarding",
        TenantStatus.Shredded => "shredded",
        _ => "unspecified",
    };
}
