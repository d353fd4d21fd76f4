namespace ProcessorGateway.Server.RateLimiting;

/// <summary>
/// <see cref="Threshold"/> failed authentications of one client id within <see cref="Window"/> lock that id for
/// <see cref="Duration"/>: its token requests are refused without checking the secret, right or wrong.
/// </summary>
public sealed class LockoutOptions
{
    public int Threshold { get; set; } = 10;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);

    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(15);

    internal IEnumerable<string> Problems(string path)
    {
        if (Threshold is < 3 or > 1000)
        {
            yield return $"{path}:Threshold must be between 3 and 1000.";
        }

        if (Window < TimeSpan.FromSeconds(10) || Window > TimeSpan.FromDays(1))
        {
            yield return $"{path}:Window must be between 10 seconds and 1 day.";
        }

        if (Duration < TimeSpan.FromSeconds(1) || Duration > TimeSpan.FromDays(1))
        {
            yield return $"{path}:Duration must be between 1 second and 1 day.";
        }
    }
}
