using System.Net;
using Grpc.Core;
using Microsoft.Extensions.Options;
using ProcessorGateway.Client.Tests.Support;
using ProcessorGateway.Contracts.V1;

namespace ProcessorGateway.Client.Tests;

public sealed class GatewayConnectionTests : IAsyncLifetime
{
    private FakeGateway _gateway = null!;

    public async Task InitializeAsync() => _gateway = await FakeGateway.StartAsync();

    public Task DisposeAsync() => _gateway.DisposeAsync().AsTask();

    [Fact]
    public async Task Call_CleartextLoopback_CarriesBearerToken()
    {
        using var connection = GatewayConnection.Create(_gateway.Options());

        var tenant = await connection.Tenants.GetTenantAsync(new GetTenantRequest { TenantId = "dev-school" }).ResponseAsync.Bounded();

        Assert.Equal("dev-school", tenant.TenantId);
        var header = Assert.Single(_gateway.AuthorizationHeaders);
        Assert.Equal("Bearer " + (await connection.Tokens.GetTokenAsync().Bounded()).Value, header);
    }

    [Fact]
    public async Task Calls_SeveralOnAllThreeClients_ShareOneToken()
    {
        using var connection = GatewayConnection.Create(_gateway.Options());

        await connection.Tenants.GetTenantAsync(new GetTenantRequest { TenantId = "a" }).ResponseAsync.Bounded();
        await connection.Schemas.GetSchemaAsync(new GetSchemaRequest { TenantId = "a", Collection = "students" }).ResponseAsync.Bounded();
        await connection.Records.PutRecordAsync(new PutRecordRequest { TenantId = "a", Collection = "students", RecordId = "s-1" }).ResponseAsync.Bounded();

        Assert.Equal(1, _gateway.TokenRequests);
        Assert.Equal(3, _gateway.AuthorizationHeaders.Count);
        Assert.Single(_gateway.AuthorizationHeaders.Distinct());
    }

    [Fact]
    public async Task Call_TokenRefused_FailsWithTheAuthenticationErrorAsCause()
    {
        _gateway.Refusal = (HttpStatusCode.Unauthorized, """{"error":"invalid_client"}""");
        using var connection = GatewayConnection.Create(_gateway.Options());

        var ex = await Assert.ThrowsAsync<RpcException>(() => connection.Tenants.GetTenantAsync(new GetTenantRequest { TenantId = "a" }).ResponseAsync.Bounded());

        var cause = Assert.IsType<GatewayAuthenticationException>(ex.Status.DebugException);
        Assert.Equal("invalid_client", cause.Error);
        Assert.Empty(_gateway.AuthorizationHeaders);
    }

    [Fact]
    public void Create_CleartextLoopbackNotAllowed_Refused()
    {
        var options = _gateway.Options();
        options.AllowInsecureLoopback = false;

        var ex = Assert.Throws<OptionsValidationException>(() => GatewayConnection.Create(options));

        Assert.Contains(ex.Failures, f => f.StartsWith("GatewayClientOptions.Address is cleartext http://", StringComparison.Ordinal));
    }

    [Fact]
    public void Create_CleartextRemoteAddress_Refused()
    {
        var options = _gateway.Options();
        options.Address = new Uri("http://192.0.2.10:5080");

        var ex = Assert.Throws<OptionsValidationException>(() => GatewayConnection.Create(options));

        Assert.Contains(ex.Failures, f => f.Contains("not a loopback address", StringComparison.Ordinal));
    }

    [Fact]
    public void Create_Https_BuildsASecureChannelWithoutCallingAnything()
    {
        var options = _gateway.Options();
        options.Address = new Uri("https://gateway.example:8443");
        options.TokenEndpoint = new Uri("https://gateway.example/connect/token");
        options.AllowInsecureLoopback = false;

        using var connection = GatewayConnection.Create(options);

        Assert.Equal("gateway.example:8443", connection.Channel.Target);
        Assert.Equal(0, _gateway.TokenRequests);
    }
}
