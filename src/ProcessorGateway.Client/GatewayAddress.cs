namespace ProcessorGateway.Client;

/// <summary>The one place that decides what counts as cleartext and as loopback.</summary>
internal static class GatewayAddress
{
    public static bool IsHttpOrHttps(Uri uri) =>
        uri.IsAbsoluteUri && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    public static bool IsCleartext(Uri uri) => uri.IsAbsoluteUri && uri.Scheme == Uri.UriSchemeHttp;

    /// <summary>localhost, 127.0.0.0/8 or ::1, as <see cref="Uri.IsLoopback"/> decides without a DNS lookup.</summary>
    public static bool IsLoopback(Uri uri) => uri.IsAbsoluteUri && uri.IsLoopback;
}
