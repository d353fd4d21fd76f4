namespace ProcessorGateway.Server.Auth;

/// <summary>Bound from <c>Gateway:Auth:BootstrapOperator</c>: the first operator, before any exists to register others.</summary>
public sealed class BootstrapOperatorOptions
{
    public string? ClientId { get; set; }

    /// <summary>At least 32 characters; set from a Secret (<c>Gateway__Auth__BootstrapOperator__Secret</c>), never in a file in the image.</summary>
    public string? Secret { get; set; }
}
