using Microsoft.Extensions.Options;

namespace ProcessorGateway.Client.Tests;

public sealed class GatewayClientOptionsValidatorTests
{
    private readonly GatewayClientOptionsValidator _validator = new("ProcessorGateway:Client:");

    [Fact]
    public void Validate_HttpsEverywhere_Succeeds()
    {
        var result = _validator.Validate(null, Valid());

        Assert.True(result.Succeeded);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://localhost:5080")]
    [InlineData("http://[::1]:5080")]
    public void Validate_CleartextLoopbackAllowed_Succeeds(string address)
    {
        var options = Valid();
        options.Address = new Uri(address);
        options.TokenEndpoint = new Uri("http://127.0.0.1:5081/connect/token");
        options.AllowInsecureLoopback = true;

        Assert.True(_validator.Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validate_CleartextNonLoopback_RefusedEvenWhenInsecureLoopbackAllowed()
    {
        var options = Valid();
        options.Address = new Uri("http://10.0.0.5:5080");
        options.AllowInsecureLoopback = true;

        var result = _validator.Validate(null, options);

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("ProcessorGateway:Client:Address is cleartext http:// to '10.0.0.5'", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CleartextTokenEndpointNonLoopback_RefusedBecauseTheSecretWouldTravelInClear()
    {
        var options = Valid();
        options.TokenEndpoint = new Uri("http://auth.example/connect/token");
        options.AllowInsecureLoopback = true;

        var failure = Assert.Single(_validator.Validate(null, options).Failures!);

        Assert.StartsWith("ProcessorGateway:Client:TokenEndpoint is cleartext", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CleartextLoopbackNotAllowed_NamesTheSwitch()
    {
        var options = Valid();
        options.Address = new Uri("http://127.0.0.1:5080");

        var failure = Assert.Single(_validator.Validate(null, options).Failures!);

        Assert.Contains("ProcessorGateway:Client:AllowInsecureLoopback", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingClientIdAndSecret_NamesBoth()
    {
        var options = Valid();
        options.ClientId = " ";
        options.ClientSecret = string.Empty;

        var failures = _validator.Validate(null, options).Failures!;

        Assert.Contains("ProcessorGateway:Client:ClientId is required.", failures);
        Assert.Contains("ProcessorGateway:Client:ClientSecret is required, or ProcessorGateway:Client:PrivateKeyPath for a client registered with a public key.", failures);
    }

    [Fact]
    public void Validate_MissingAddresses_NamesBoth()
    {
        var options = Valid();
        options.Address = null;
        options.TokenEndpoint = null;

        var failures = _validator.Validate(null, options).Failures!;

        Assert.Contains("ProcessorGateway:Client:Address is required.", failures);
        Assert.Contains("ProcessorGateway:Client:TokenEndpoint is required.", failures);
    }

    [Theory]
    [InlineData("grpc://gateway.example")]
    [InlineData("/relative")]
    public void Validate_NotHttp_Refused(string address)
    {
        var options = Valid();
        options.Address = new Uri(address, UriKind.RelativeOrAbsolute);

        var failure = Assert.Single(_validator.Validate(null, options).Failures!);

        Assert.StartsWith("ProcessorGateway:Client:Address must be an absolute", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("records read")]
    [InlineData("")]
    [InlineData("a\"b")]
    public void Validate_MalformedScope_Refused(string scope)
    {
        var options = Valid();
        options.Scopes.Add(scope);

        var failure = Assert.Single(_validator.Validate(null, options).Failures!);

        Assert.StartsWith("ProcessorGateway:Client:Scopes holds", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NegativeLeeway_Refused()
    {
        var options = Valid();
        options.RefreshLeeway = TimeSpan.FromSeconds(-1);

        var failure = Assert.Single(_validator.Validate(null, options).Failures!);

        Assert.StartsWith("ProcessorGateway:Client:RefreshLeeway", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Failure_NeverQuotesTheSecret()
    {
        var options = Valid();
        options.Address = new Uri("http://10.0.0.5");

        Assert.All(_validator.Validate(null, options).Failures!, f => Assert.DoesNotContain(options.ClientSecret, f, StringComparison.Ordinal));
    }

    [Fact]
    public void ThrowIfInvalid_DefaultPrefix_NamesTheProperty()
    {
        var options = Valid();
        options.ClientId = string.Empty;

        var ex = Assert.Throws<OptionsValidationException>(() => new GatewayClientOptionsValidator().ThrowIfInvalid(options));

        Assert.Contains("GatewayClientOptions.ClientId is required.", ex.Failures);
    }

    private static GatewayClientOptions Valid() => new()
    {
        Address = new Uri("https://gateway.example:443"),
        TokenEndpoint = new Uri("https://gateway.example/connect/token"),
        ClientId = "attendance-sync",
        ClientSecret = "not-a-real-secret",
    };
}
