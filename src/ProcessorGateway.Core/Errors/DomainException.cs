namespace ProcessorGateway.Core.Errors;

/// <summary>
/// The only exception the domain throws on purpose. Messages are written for the caller and never
/// contain a personal value or key material; <see cref="DomainErrors"/> builds them.
/// </summary>
public sealed class DomainException : Exception
{
    public DomainException(DomainErrorKind kind, string message, string? field = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        Field = field;
    }

    public DomainErrorKind Kind { get; }

    /// <summary>The request field at fault, as the caller named it, when there is one.</summary>
    public string? Field { get; }

    /// <summary>A stable machine-readable reason within the kind, e.g. <see cref="DomainErrors.DataErasedCode"/>.</summary>
    public string? Code { get; init; }
}
