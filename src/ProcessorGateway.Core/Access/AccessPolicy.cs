using ProcessorGateway.Core.Audit;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Validation;

namespace ProcessorGateway.Core.Access;

/// <summary>
/// The authorisation rules, in one place: scopes, tenant binding and purposes. Each check validates
/// the request field it reads first, so malformed input is INVALID_ARGUMENT whoever sends it.
/// </summary>
public static class AccessPolicy
{
    public static void RequireScope(Caller caller, string scope)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.Scopes.Contains(scope))
        {
            throw new DomainException(DomainErrorKind.PermissionDenied, $"{caller} lacks the scope '{scope}' this call needs");
        }
    }

    public static void RequireAnyScope(Caller caller, params string[] scopes)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(scopes);
        if (!scopes.Any(caller.Scopes.Contains))
        {
            throw new DomainException(DomainErrorKind.PermissionDenied, $"{caller} lacks any of the scopes this call needs ({string.Join(", ", scopes)})");
        }
    }

    /// <summary>
    /// A tenant-bound client acts on its own tenant only; an operator acts on any tenant it names,
    /// and only with tenants.admin.
    /// </summary>
    public static string RequireTenant(Caller caller, string? requestedTenantId, string field = "tenant_id")
    {
        ArgumentNullException.ThrowIfNull(caller);
        var tenantId = Identifiers.TenantId(requestedTenantId, field);
        if (caller.IsOperator)
        {
            if (!caller.Scopes.Contains(Scopes.TenantsAdmin))
            {
                throw new DomainException(DomainErrorKind.PermissionDenied,
                    $"{caller} is bound to no tenant and acts on a tenant's data only with the scope '{Scopes.TenantsAdmin}'", field);
            }

            AuditTrail.NoteTenant(tenantId);
            return tenantId;
        }

        if (tenantId == caller.TenantId)
        {
            AuditTrail.NoteTenant(tenantId);
            return tenantId;
        }

        AuditTrail.NoteRefusedTenant(tenantId);
        throw new DomainException(DomainErrorKind.PermissionDenied,
            $"{caller} is bound to tenant '{caller.TenantId}' and cannot act on tenant '{tenantId}'", field);
    }

    public static void RequireOperator(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        RequireScope(caller, Scopes.TenantsAdmin);
        if (!caller.IsOperator)
        {
            throw DomainErrors.OperatorOnly(caller.ToString(), "do this");
        }
    }

    /// <summary>Every data call names a purpose, and the client must be registered for it.</summary>
    public static string RequirePurpose(Caller caller, string? purpose)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var named = Identifiers.Name(purpose, "purpose");
        AuditTrail.NotePurpose(named);
        return caller.Purposes.Contains(named)
            ? named
            : throw new DomainException(DomainErrorKind.PermissionDenied, $"{caller} is not registered for the purpose '{named}'", "purpose");
    }
}
