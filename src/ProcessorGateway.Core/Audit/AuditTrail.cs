namespace ProcessorGateway.Core.Audit;

/// <summary>
/// What one call touched, noted by the code that handles it (the tenant and purpose it was authorised
/// for, the record ids, subject ids and field names, never values), and read by whoever writes the
/// call's audit event. Flows with the call's async context; safe for a call that works in parallel.
/// </summary>
public sealed class AuditTrail
{
    private static readonly AsyncLocal<AuditTrail?> Ambient = new();

    private const int MaxNoteLength = 160;

    /// <summary>
    /// Each refused tenant costs the call's event a lookup and maybe an event in that tenant's chain: a batch naming
    /// thousands of tenants must not cost thousands of each.
    /// </summary>
    public const int MaxRefusedTenants = 16;

    private readonly Lock _gate = new();
    private readonly SortedSet<string> _records = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _subjects = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _fields = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SubjectReference> _named = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _refusedTenants = new(StringComparer.Ordinal);
    private string? _tenantId;
    private string? _purpose;
    private string? _purposeCategory;

    /// <summary>The trail of the call in progress, if any is being audited.</summary>
    public static AuditTrail? Current => Ambient.Value;

    public string? TenantId
    {
        get
        {
            lock (_gate)
            {
                return _tenantId;
            }
        }
    }

    public string? Purpose
    {
        get
        {
            lock (_gate)
            {
                return _purpose;
            }
        }
    }

    /// <summary>The category of <see cref="Purpose"/> (its lower_snake name), once the call resolved it.</summary>
    public string? PurposeCategory
    {
        get
        {
            lock (_gate)
            {
                return _purposeCategory;
            }
        }
    }

    /// <summary>Starts a trail for the current async flow; dispose the result to end it.</summary>
    public static Scope Begin()
    {
        var previous = Ambient.Value;
        var trail = new AuditTrail();
        Ambient.Value = trail;
        return new Scope(trail, previous);
    }

    /// <summary>The tenant the call was authorised to act on. With several (a batch), the first one counts for the chain.</summary>
    public static void NoteTenant(string tenantId)
    {
        if (Current is { } trail)
        {
            lock (trail._gate)
            {
                trail._tenantId ??= tenantId;
            }
        }
    }

    /// <summary>
    /// A tenant the caller's client is not bound to and was refused: that tenant's chain records the attempt too,
    /// so the target sees it. The first <see cref="MaxRefusedTenants"/> distinct ones are kept.
    /// </summary>
    public static void NoteRefusedTenant(string tenantId)
    {
        if (Current is { } trail)
        {
            lock (trail._gate)
            {
                if (trail._refusedTenants.Count < MaxRefusedTenants)
                {
                    trail._refusedTenants.Add(tenantId);
                }
            }
        }
    }

    /// <summary>The tenants noted by <see cref="NoteRefusedTenant"/>.</summary>
    public IReadOnlyList<string> RefusedTenants()
    {
        lock (_gate)
        {
            return [.. _refusedTenants];
        }
    }

    public static void NotePurpose(string purpose)
    {
        if (Current is { } trail)
        {
            lock (trail._gate)
            {
                trail._purpose ??= purpose;
            }
        }
    }

    public static void NotePurposeCategory(string category)
    {
        if (Current is { } trail)
        {
            lock (trail._gate)
            {
                trail._purposeCategory ??= category;
            }
        }
    }

    /// <summary>A record touched (read, written or refused), with its subject and the names of the fields involved.</summary>
    public static void NoteRecord(string? recordId, string? subjectId, IEnumerable<string>? fields = null)
    {
        if (Current is not { } trail)
        {
            return;
        }

        lock (trail._gate)
        {
            AddIfPresent(trail._records, recordId);
            AddIfPresent(trail._subjects, subjectId);
            foreach (var field in fields ?? [])
            {
                AddIfPresent(trail._fields, field);
            }
        }
    }

    public static void NoteSubject(string? subjectId) => NoteRecord(null, subjectId);

    /// <summary>
    /// A subject named now, while its key exists: for a call that destroys that key (an erasure's execution)
    /// before its event is written at the end.
    /// </summary>
    public static void NoteSubjectReference(string subjectId, SubjectReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (Current is not { } trail)
        {
            return;
        }

        lock (trail._gate)
        {
            AddIfPresent(trail._subjects, subjectId);
            if (trail._subjects.Contains(subjectId))
            {
                trail._named.TryAdd(subjectId, reference);
            }
        }
    }

    /// <summary>The subjects named already (<see cref="NoteSubjectReference"/>), by their ids.</summary>
    public IReadOnlyDictionary<string, SubjectReference> Named()
    {
        lock (_gate)
        {
            return new Dictionary<string, SubjectReference>(_named, StringComparer.Ordinal);
        }
    }

    public (IReadOnlyList<string> Records, IReadOnlyList<string> Subjects, IReadOnlyList<string> Fields) Touched()
    {
        lock (_gate)
        {
            return ([.. _records], [.. _subjects], [.. _fields]);
        }
    }

    /// <summary>
    /// Ids and names as a request gave them, before validation: only what fits the identifier rules is
    /// kept, so a malformed or oversized value never reaches the log.
    /// </summary>
    private static void AddIfPresent(SortedSet<string> set, string? value)
    {
        if (!string.IsNullOrEmpty(value) && value.Length <= MaxNoteLength && value.All(IsNoteChar))
        {
            set.Add(value);
        }
    }

    private static bool IsNoteChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or ':' or '@' or '+' or '=' or '.';

    public sealed class Scope(AuditTrail trail, AuditTrail? previous) : IDisposable
    {
        public AuditTrail Trail { get; } = trail;

        public void Dispose() => Ambient.Value = previous;
    }
}
