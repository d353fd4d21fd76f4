using ProcessorGateway.Core.Paging;

namespace ProcessorGateway.Core.Erasure;

/// <summary>Where a list of erasure requests stands: requests are listed oldest first, and by id among those received together.</summary>
public sealed record ErasureRequestPosition(DateTimeOffset ReceivedAt, string RequestId)
{
    public static string Of(ErasureRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return TimedPosition.Of(request.ReceivedAt, request.RequestId);
    }

    public static ErasureRequestPosition? Parse(string? position) =>
        TimedPosition.Parse(position) is { } parsed ? new ErasureRequestPosition(parsed.At, parsed.Id) : null;
}
