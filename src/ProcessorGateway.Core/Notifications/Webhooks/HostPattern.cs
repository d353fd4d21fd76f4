namespace ProcessorGateway.Core.Notifications.Webhooks;

/// <summary>An allowed webhook host: an exact name (<c>hooks.example.org</c>) or every name under one (<c>*.example.org</c>, not <c>example.org</c> itself).</summary>
public static class HostPattern
{
    /// <returns>Whether <paramref name="pattern"/> is a host name, or <c>*.</c> and a host name.</returns>
    public static bool IsValid(string? pattern)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            return false;
        }

        var name = pattern.StartsWith("*.", StringComparison.Ordinal) ? pattern[2..] : pattern;
        return name.Length is > 0 and <= 253 && !name.Contains('*', StringComparison.Ordinal)
            && Uri.CheckHostName(name) is UriHostNameType.Dns or UriHostNameType.IPv4;
    }

    public static bool Matches(string pattern, string host)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(host);
        host = host.TrimEnd('.');
        return pattern.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase) && host.Length > pattern.Length - 1
            : string.Equals(pattern, host, StringComparison.OrdinalIgnoreCase);
    }
}
