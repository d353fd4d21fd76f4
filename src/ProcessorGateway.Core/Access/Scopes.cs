namespace ProcessorGateway.Core.Access;

/// <summary>OAuth scopes the gateway knows. A token carries those its client holds and asked for.</summary>
public static class Scopes
{
    public const string RecordsRead = "records.read";
    public const string RecordsWrite = "records.write";
    public const string SchemasAdmin = "schemas.admin";
    public const string SubjectsRights = "subjects.rights";
    public const string TenantsAdmin = "tenants.admin";
    public const string AuditRead = "audit.read";

    public static IReadOnlyList<string> All { get; } = [RecordsRead, RecordsWrite, SchemasAdmin, SubjectsRights, TenantsAdmin, AuditRead];
}
