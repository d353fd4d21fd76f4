using System.Globalization;
using ProcessorGateway.Core.Errors;

namespace ProcessorGateway.Core.Paging;

/// <summary>Where a list ordered oldest first, and by id among items of the same instant, stands: <c>ticks/id</c> inside a page token.</summary>
public sealed record TimedPosition(DateTimeOffset At, string Id)
{
    public static string Of(DateTimeOffset at, string id) => string.Create(CultureInfo.InvariantCulture, $"{at.UtcTicks}/{id}");

    public static TimedPosition? Parse(string? position)
    {
        if (position is null)
        {
            return null;
        }

        var slash = position.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && slash < position.Length - 1
            && long.TryParse(position.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTimeOffset.MaxValue.UtcTicks
            ? new TimedPosition(new DateTimeOffset(ticks, TimeSpan.Zero), position[(slash + 1)..])
            : throw DomainErrors.PageTokenInvalid();
    }
}
