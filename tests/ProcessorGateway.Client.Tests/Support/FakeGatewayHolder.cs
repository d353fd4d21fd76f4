namespace ProcessorGateway.Client.Tests.Support;

/// <summary>Lets the fake's services reach the fake, which exists only once Kestrel has bound its ports.</summary>
public sealed class FakeGatewayHolder
{
    public FakeGateway? Gateway { get; set; }
}
