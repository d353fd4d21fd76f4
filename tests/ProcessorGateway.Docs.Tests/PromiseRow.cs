namespace ProcessorGateway.Docs.Tests;

/// <summary>
/// One promise of docs/promises.md, from its table row: the number, the mechanism links (their targets,
/// relative to docs/), the tests it names as "Class.Method", and the status cell as written.
/// </summary>
internal sealed record PromiseRow(string Number, IReadOnlyList<string> MechanismLinks, IReadOnlyList<string> TestNames, string Status);
