namespace ProcessorGateway.Core.Notifications;

/// <summary>Exponential backoff between attempts: first, first × 2, × 4 … up to a cap; given up after <see cref="MaxAttempts"/>.</summary>
public sealed record DeliveryBackoff(TimeSpan First, TimeSpan Cap, int MaxAttempts)
{
    public static DeliveryBackoff Default { get; } = new(TimeSpan.FromSeconds(10), TimeSpan.FromHours(1), 12);

    /// <returns>When to try again after <paramref name="attempts"/> failures, or <c>null</c> to give up.</returns>
    public DateTimeOffset? Next(int attempts, DateTimeOffset now)
    {
        if (attempts >= MaxAttempts)
        {
            return null;
        }

        var delay = First.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempts - 1));
        return now + TimeSpan.FromMilliseconds(Math.Min(delay, Cap.TotalMilliseconds));
    }
}
