namespace ProcessorGateway.Server.Auth;

/// <summary>Bound from <c>Gateway:Auth:BootstrapOperator</c>: the first operator, before any exists to register others.</summary>
public sealed class BootstrapOperatorOptions
{
    public string? ClientId { get; set; }

    /// <summary>
    /// Development only (outside it an operator authenticates with a key). At least 32 characters; set from a Secret
    /// (<c>Gateway__Auth__BootstrapOperator__Secret</c>), never in a file in the image.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>
    /// A PEM public key (RSA of at least 2048 bits or EC P-256) whose private key, held by the operator only, signs
    /// client assertions (<c>private_key_jwt</c>). Required outside Development when <see cref="ClientId"/> is set.
    /// </summary>
    public string? PublicKeyPath { get; set; }
}
