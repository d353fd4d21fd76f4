using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Subjects;

/// <summary>Opt-outs per channel and category, as messaging services see them before sending.</summary>
public sealed class CommunicationPreferenceTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private const string Subject = "subj-stu-1";

    private readonly GrpcTestClients _clients = new(gateway.Channel);

    [Fact]
    public async Task An_opt_out_makes_the_check_say_no_for_that_channel_and_category_only_until_opted_back_in()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        Assert.True((await CheckAsync(tenant, "sms", "marketing")).Allowed);

        await SetAsync(tenant, "sms", "marketing", allowed: false);

        var refused = await CheckAsync(tenant, "sms", "marketing");
        Assert.False(refused.Allowed);
        Assert.Contains("opted out", refused.Reason, StringComparison.Ordinal);
        Assert.True((await CheckAsync(tenant, "email", "marketing")).Allowed);
        Assert.True((await CheckAsync(tenant, "sms", "attendance")).Allowed);
        var listed = await _clients.SubjectRights.GetCommunicationPreferencesAsync(new GetCommunicationPreferencesRequest { TenantId = tenant, SubjectId = Subject }).Within();
        Assert.Equal(18, listed.Preferences.Count);
        Assert.False(Assert.Single(listed.Preferences, p => p is { Channel: "sms", Category: "marketing" }).Allowed);
        Assert.Equal(17, listed.Preferences.Count(p => p.Allowed));

        await SetAsync(tenant, "sms", "marketing", allowed: true);
        Assert.True((await CheckAsync(tenant, "sms", "marketing")).Allowed);
    }

    [Fact]
    public async Task Emergency_messages_cannot_be_opted_out_of_and_are_always_allowed()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);

        await RpcAssert.InvalidArgumentAsync("category", () => SetAsync(tenant, "sms", "emergency", allowed: false));

        Assert.True((await CheckAsync(tenant, "sms", "emergency")).Allowed);
    }

    [Fact]
    public async Task Unknown_channels_categories_and_purposes_other_than_communication_are_invalid_argument()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);

        await RpcAssert.InvalidArgumentAsync("channel", () => SetAsync(tenant, "pigeon", "fees", allowed: false));
        await RpcAssert.InvalidArgumentAsync("category", () => CheckAsync(tenant, "sms", "gossip"));
        await RpcAssert.InvalidArgumentAsync("purpose", () => _clients.SubjectRights.CheckCommunicationAllowedAsync(new CheckCommunicationAllowedRequest
        {
            TenantId = tenant, SubjectId = Subject, Channel = "sms", Category = "fees", Purpose = "attendance",
        }).ResponseAsync);
    }

    private Task<CommunicationPreference> SetAsync(string tenant, string channel, string category, bool allowed) =>
        _clients.SubjectRights.SetCommunicationPreferenceAsync(new SetCommunicationPreferenceRequest
        {
            TenantId = tenant, SubjectId = Subject, Channel = channel, Category = category, Allowed = allowed,
        }).Within();

    private Task<CheckCommunicationAllowedResponse> CheckAsync(string tenant, string channel, string category) =>
        _clients.SubjectRights.CheckCommunicationAllowedAsync(new CheckCommunicationAllowedRequest
        {
            TenantId = tenant, SubjectId = Subject, Channel = channel, Category = category, Purpose = "communication",
        }).Within();
}
