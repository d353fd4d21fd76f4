using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace ProcessorGateway.Benchmarks.Shredding;

/// <summary>
/// The number of data subjects (subject keys) the case's records belong to. It is what a shred's cost
/// follows, and it is not a parameter of its own because it depends on the record count (never more
/// subjects than records), so the table shows it beside each row.
/// </summary>
internal sealed class SubjectsColumn : IColumn
{
    public string Id => nameof(SubjectsColumn);

    public string ColumnName => "Subjects";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Params;

    public int PriorityInCategory => 1;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => $"Data subjects (subject keys) of the tenant: {BenchmarkSettings.SubjectsVariable}, at most one per record";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        var records = (int)benchmarkCase.Parameters[nameof(TenantShredBenchmarks.Records)];
        return BenchmarkSettings.Subjects(records).ToString("N0", style?.CultureInfo ?? System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
