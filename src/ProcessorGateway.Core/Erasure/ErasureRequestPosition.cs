using System.Globalization;
using ProcessorGateway.Core.Errors;

namespace ProcessorGateway.Core.Erasure;

/// <summary>Where a list of erasure requests stands: requests are listed oldest first, and by id among those received together.</summary>
public sealed record ErasureRequestPosition(DateTimeOffset ReceivedAt, string RequestId)
{
    public static string Of(ErasureRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return string.Create(CultureInfo.InvariantCulture, $"{request.ReceivedAt.UtcTicks}/{request.RequestId}");
    }

    public static ErasureRequestPosition? Parse(string? position)
    {
        if (position is null)
        {
            return null;
        }

        var slash = position.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && slash < position.Length - 1
            && long.TryParse(position.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTimeOffset.MaxValue.UtcTicks
            ? new ErasureRequestPosition(new DateTimeOffset(ticks, TimeSpan.Zero), position[(slash + 1)..])
            : throw DomainErrors.PageTokenInvalid();
    }
}
