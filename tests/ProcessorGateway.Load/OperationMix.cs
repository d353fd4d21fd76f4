using System.Globalization;

namespace ProcessorGateway.Load;

/// <summary>Relative weights of the operations, e.g. <c>put:40,get:40,query:10,batch:10</c>.</summary>
internal sealed class OperationMix
{
    private readonly (Operation Operation, int Upto)[] _ranges;
    private readonly int _total;

    private OperationMix((Operation Operation, int Upto)[] ranges, int total)
    {
        _ranges = ranges;
        _total = total;
    }

    public static OperationMix Default { get; } = Parse("put:40,get:40,query:10,batch:10");

    public IEnumerable<Operation> Operations => _ranges.Select(r => r.Operation);

    public static OperationMix Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ranges = new List<(Operation, int)>();
        var total = 0;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split(':');
            if (pieces.Length != 2 || !Enum.TryParse<Operation>(pieces[0], ignoreCase: true, out var operation) || operation == Operation.NoOp
                || !int.TryParse(pieces[1], NumberStyles.None, CultureInfo.InvariantCulture, out var weight) || weight <= 0)
            {
                throw new FormatException($"'{part}' is not operation:weight with an operation of put, get, query or batch and a positive weight");
            }

            total += weight;
            ranges.Add((operation, total));
        }

        return ranges.Count > 0 ? new OperationMix([.. ranges], total) : throw new FormatException("the mix names no operation");
    }

    public Operation Next(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var roll = random.Next(_total);
        return _ranges.First(r => roll < r.Upto).Operation;
    }

    public override string ToString() => string.Join(',', _ranges.Select((r, i) =>
        string.Create(CultureInfo.InvariantCulture, $"{r.Operation.ToString().ToLowerInvariant()}:{r.Upto - (i == 0 ? 0 : _ranges[i - 1].Upto)}")));
}
