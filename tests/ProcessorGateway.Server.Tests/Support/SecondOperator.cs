using System.Runtime.CompilerServices;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Access;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Support;

/// <summary>
/// An operator client other than the bootstrap one (tenants.admin and subjects.rights, no tenant), registered through the
/// real RegisterClient and given a real token, once per gateway: the second pair of hands a tenant's destruction needs.
/// </summary>
internal sealed record SecondOperator(string ClientId, GrpcTestClients Clients)
{
    private static readonly ConditionalWeakTable<GatewayFixture, Task<SecondOperator>> Operators = [];

    public static Task<SecondOperator> ForAsync(GatewayFixture gateway) => Operators.GetValue(gateway, CreateAsync);

    /// <summary>A fresh operator client with these scopes, registered by the bootstrap operator.</summary>
    public static async Task<SecondOperator> RegisterAsync(GatewayFixture gateway, params string[] scopes)
    {
        var registered = await new GrpcTestClients(gateway.Channel).Tenants.RegisterClientAsync(new RegisterClientRequest
        {
            DisplayName = "second operator", Scopes = { scopes }, Purposes = { Purposes.Standard },
        }).Within();
        var channel = await gateway.CreateChannelAsync(registered.Client.ClientId, registered.ClientSecret).WaitAsync(RpcAssert.Timeout);
        return new SecondOperator(registered.Client.ClientId, new GrpcTestClients(channel));
    }

    private static Task<SecondOperator> CreateAsync(GatewayFixture gateway) => RegisterAsync(gateway, Scopes.TenantsAdmin, Scopes.SubjectsRights);
}
