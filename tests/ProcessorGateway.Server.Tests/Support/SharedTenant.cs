using System.Runtime.CompilerServices;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Support;

/// <summary>
/// One tenant per gateway fixture (so per test class), created on first use, for tests that only need
/// some tenant to exist and must not write into it. Tests that write make tenants of their own.
/// </summary>
internal static class SharedTenant
{
    private static readonly ConditionalWeakTable<GatewayFixture, Task<string>> Tenants = [];

    public static Task<string> ForAsync(GatewayFixture gateway, Func<GrpcTestClients, Task<string>> create) =>
        Tenants.GetValue(gateway, g => create(new GrpcTestClients(g.Channel)));

    /// <summary>A tenant with every template the tests use, and student <c>stu-1</c> at version 1.</summary>
    public static Task<string> WithStudentAsync(GatewayFixture gateway) => ForAsync(gateway, async clients =>
    {
        var tenant = await StudentRecords.CreateTenantWithTemplatesAsync(clients, StudentRecords.AllTemplates);
        await clients.Records.PutRecordAsync(StudentRecords.Student(tenant, "stu-1", "Ada Lovelace", "ada@example.org", DateTimeOffset.UnixEpoch)).Within();
        return tenant;
    });
}
