namespace ProcessorGateway.Core.Audit;

/// <summary>The references an event names its subjects by, and how many subjects it touched but could not name (already erased, or no tenant to name them in).</summary>
public sealed record SubjectNames(IReadOnlyList<SubjectReference> References, int Unnamed)
{
    public static readonly SubjectNames None = new([], 0);
}
