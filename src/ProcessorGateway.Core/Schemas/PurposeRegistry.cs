using System.Globalization;
using ProcessorGateway.Core.Audit;
using ProcessorGateway.Core.Caching;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Tenants;
using ProcessorGateway.Core.Validation;

namespace ProcessorGateway.Core.Schemas;

/// <summary>
/// Each tenant's purposes with their categories: the standard ones (<see cref="PurposeCategories.Standard"/>), which
/// every tenant has, and those it registered. Only a registered purpose may be named by a client, a schema field, a
/// consent or a disclosure, and a call runs under its purpose's category. Lookups come from the metadata cache: a
/// registration evicts the tenant's entry on every replica (<see cref="InvalidatingPurposeStore"/>).
/// </summary>
public sealed class PurposeRegistry(IPurposeStore store, ITenantRepository tenants, MetadataCache cache, TimeProvider time)
{
    /// <summary>
    /// Registers a purpose, or returns it when it is registered already with the same category. The caller is
    /// authorised for <paramref name="tenantId"/> already.
    /// </summary>
    public async Task<RegisteredPurpose> RegisterAsync(
        string tenantId, string? name, PurposeCategory category, string? description, string registeredBy, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        var named = PurposeRules.CheckName(name);
        PurposeRules.CheckCategory(category);
        var text = Identifiers.Text(description, "description", PurposeRules.DescriptionMaxLength, required: false);
        (await tenants.FindAsync(tenantId, cancellationToken).ConfigureAwait(false) ?? throw DomainErrors.TenantNotFound(tenantId)).RequireActive();

        // To the millisecond, as stored: a registration repeated later answers exactly what the first one did.
        var now = time.GetUtcNow();
        var purpose = new RegisteredPurpose(tenantId, named, category, text, Standard: false, registeredBy, now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerMillisecond)));
        if (Existing(await ListAsync(tenantId, cancellationToken).ConfigureAwait(false), named, category) is { } existing)
        {
            return existing;
        }

        if (!await store.TryInsertAsync(purpose, cancellationToken).ConfigureAwait(false))
        {
            // Registered by another call meanwhile: the same answer as if it had come first.
            return Existing(await store.ListAsync(tenantId, cancellationToken).ConfigureAwait(false), named, category)
                ?? throw new DomainException(DomainErrorKind.FailedPrecondition, $"purpose '{named}' was registered meanwhile", "name");
        }

        return purpose;
    }

    /// <summary>The tenant's purposes, the standard ones first, then its own by name.</summary>
    public async Task<IReadOnlyList<RegisteredPurpose>> ListAsync(string tenantId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        var registered = await cache.GetOrLoadAsync(MetadataKind.Purposes, tenantId,
            async ct => (await store.ListAsync(tenantId, ct).ConfigureAwait(false)).ToArray(), cancellationToken).ConfigureAwait(false) ?? [];
        return [.. Standard(tenantId), .. registered.OrderBy(p => p.Name, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Every name must be a purpose of the tenant (for a client bound to no tenant, <paramref name="tenantId"/> <c>null</c>: a
    /// standard one): INVALID_ARGUMENT naming <c>field[i]</c> otherwise.
    /// </summary>
    public Task RequireRegisteredAsync(string? tenantId, IReadOnlyList<string> names, string field, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(names);
        return RequireRegisteredAsync(tenantId, names.Select((name, i) => (name, string.Create(CultureInfo.InvariantCulture, $"{field}[{i}]"))), cancellationToken);
    }

    /// <summary>Each name, given with the request field it came from, must be a purpose of the tenant; read once for all of them.</summary>
    public async Task RequireRegisteredAsync(string? tenantId, IEnumerable<(string Name, string Field)> named, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(named);
        var known = tenantId is null ? Standard(string.Empty) : await ListAsync(tenantId, cancellationToken).ConfigureAwait(false);
        foreach (var (name, field) in named)
        {
            RequireKnown(known, tenantId, name, field);
        }
    }

    /// <summary>The one purpose a request names (a disclosure's) must be the tenant's: INVALID_ARGUMENT naming <paramref name="field"/> otherwise.</summary>
    public async Task RequireRegisteredAsync(string tenantId, string name, string field, CancellationToken cancellationToken) =>
        RequireKnown(await ListAsync(tenantId, cancellationToken).ConfigureAwait(false), tenantId, name, field);

    /// <summary>
    /// The category a call under <paramref name="purpose"/> runs in, noted for its audit event. A purpose the caller holds
    /// that the tenant no longer has (or never had) is FAILED_PRECONDITION: the client was granted it before the registry.
    /// </summary>
    public async Task<PurposeCategory> ResolveAsync(string tenantId, string purpose, CancellationToken cancellationToken)
    {
        var found = (await ListAsync(tenantId, cancellationToken).ConfigureAwait(false)).FirstOrDefault(p => p.Name == purpose)
            ?? throw new DomainException(DomainErrorKind.FailedPrecondition,
                $"purpose '{purpose}' is not registered for tenant '{tenantId}': register it (RegisterPurpose) or call under another purpose", "purpose");
        AuditTrail.NotePurposeCategory(PurposeCategories.Name(found.Category));
        return found.Category;
    }

    private static RegisteredPurpose[] Standard(string tenantId) =>
        [.. Purposes.Standard.Select(name => new RegisteredPurpose(tenantId, name, PurposeCategories.Standard[name], string.Empty, Standard: true, null, null))];

    private static void RequireKnown(IReadOnlyList<RegisteredPurpose> known, string? tenantId, string name, string field)
    {
        if (!known.Any(p => p.Name == name))
        {
            throw DomainErrors.Invalid(field, tenantId is null
                ? $"'{name}' is not a standard purpose; a client bound to no tenant holds standard purposes only"
                : $"'{name}' is not a registered purpose of tenant '{tenantId}'; register it first (RegisterPurpose, pgctl purpose register)");
        }
    }

    private static RegisteredPurpose? Existing(IEnumerable<RegisteredPurpose> purposes, string name, PurposeCategory category)
    {
        var existing = purposes.FirstOrDefault(p => p.Name == name);
        if (existing is null || existing.Category == category)
        {
            return existing;
        }

        throw new DomainException(DomainErrorKind.FailedPrecondition, existing.Standard
            ? $"purpose '{name}' is a standard purpose of category {PurposeCategories.Name(existing.Category)}; a standard purpose cannot be changed"
            : $"purpose '{name}' is registered already with category {PurposeCategories.Name(existing.Category)}; a purpose's category cannot be changed", "category");
    }
}
