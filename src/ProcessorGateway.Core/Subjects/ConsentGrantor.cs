namespace ProcessorGateway.Core.Subjects;

/// <summary>Who granted a consent (e.g. a guardian). Personal data: stored only as ciphertext under the subject's key.</summary>
public sealed record ConsentGrantor(string Name, string Relationship)
{
    public override string ToString() => "consent grantor";
}
