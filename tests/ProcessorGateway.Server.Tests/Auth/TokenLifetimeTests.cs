using Grpc.Core;
using Microsoft.IdentityModel.Tokens;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Auth;

/// <summary>
/// Tokens signed with the gateway's real key but shaped as it never issues them (issue 17): no exp, an nbf in the
/// future, a lifetime longer than the configured one. Each is UNAUTHENTICATED with the reason; the gateway's own
/// shape (and a small clock difference) still works.
/// </summary>
public sealed class TokenLifetimeTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task A_token_without_exp_signed_with_the_real_key_is_unauthenticated() =>
        await AssertRefusedAsync(d => d.Expires = null, "it has no expiry (exp)");

    [Fact]
    public async Task A_token_whose_nbf_is_beyond_the_clock_skew_is_unauthenticated() =>
        await AssertRefusedAsync(d => d.NotBefore = DateTime.UtcNow.AddMinutes(2), "it is not valid yet (nbf)");

    [Fact]
    public async Task A_token_living_longer_than_the_gateway_issues_is_unauthenticated() =>
        await AssertRefusedAsync(d => d.Expires = d.IssuedAt!.Value.AddMinutes(6), "its lifetime is longer than this gateway issues");

    [Fact]
    public async Task A_token_without_iat_expiring_later_than_the_gateway_issues_is_unauthenticated() =>
        await AssertRefusedAsync(d =>
        {
            d.IssuedAt = null;
            d.Expires = DateTime.UtcNow.AddHours(1);
        }, "its lifetime is longer than this gateway issues");

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public async Task A_token_of_the_gateways_own_lifetime_works_even_with_an_nbf_within_the_clock_skew(int notBeforeSeconds)
    {
        var token = TokenForge.Mint(await OperatorTokenAsync(), TokenForge.ServerSigningCredentials(gateway), d =>
        {
            d.NotBefore = notBeforeSeconds == 0 ? null : DateTime.UtcNow.AddSeconds(notBeforeSeconds);
            d.Expires = d.IssuedAt!.Value.AddMinutes(5);
        });

        using var channel = gateway.CreateChannel(token);
        var clients = await new GrpcTestClients(channel).Tenants.ListClientsAsync(new ListClientsRequest()).Within();

        Assert.Contains(clients.Clients, c => c.ClientId == GatewayFixture.OperatorClientId);
    }

    private async Task AssertRefusedAsync(Action<SecurityTokenDescriptor> change, string reason)
    {
        var token = TokenForge.Mint(await OperatorTokenAsync(), TokenForge.ServerSigningCredentials(gateway), change);
        using var channel = gateway.CreateChannel(token);

        var error = await RpcAssert.FailsAsync(StatusCode.Unauthenticated,
            () => new GrpcTestClients(channel).Tenants.ListClientsAsync(new ListClientsRequest()).ResponseAsync);

        Assert.Contains(reason, error.Status.Detail, StringComparison.Ordinal);
    }

    private Task<string> OperatorTokenAsync() => gateway.GetTokenAsync(GatewayFixture.OperatorClientId, GatewayFixture.OperatorSecret);
}
