using System.Net;

namespace ProcessorGateway.Client;

/// <summary>
/// The token endpoint refused the client, answered something that is not a token, or could not be reached. Carries the
/// OAuth error code (RFC 6749 §5.2, e.g. <c>invalid_client</c>); never the client secret.
/// </summary>
public sealed class GatewayAuthenticationException : Exception
{
    public GatewayAuthenticationException()
    {
    }

    public GatewayAuthenticationException(string message)
        : base(message)
    {
    }

    public GatewayAuthenticationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public GatewayAuthenticationException(string message, string? error, string? errorDescription, HttpStatusCode? statusCode, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
        ErrorDescription = errorDescription;
        StatusCode = statusCode;
    }

    /// <summary>The OAuth error code, e.g. <c>invalid_client</c>, <c>invalid_scope</c>; null when the reply had none.</summary>
    public string? Error { get; }

    public string? ErrorDescription { get; }

    /// <summary>The HTTP status of the reply; null when no reply arrived.</summary>
    public HttpStatusCode? StatusCode { get; }
}
