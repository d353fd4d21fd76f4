using System.Text.Json;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Erasure;

/// <summary>pgctl's requester address and notification commands against a real gateway whose e-mail goes to an SMTP sink.</summary>
public sealed class PgctlNotificationTests(RequesterGatewayFixture gateway) : IClassFixture<RequesterGatewayFixture>, IDisposable
{
    private readonly GrpcTestClients _operator = new(gateway.Channel);
    private readonly string _directory = Directory.CreateTempSubdirectory("pgctl-notifications-").FullName;

    [Fact]
    public async Task Pgctl_records_a_requester_address_without_showing_it_lists_a_given_up_notification_and_resends_it()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_operator);
        string[] common = ["--credentials", PgctlRunner.WriteCredentials(_directory, gateway, tenant, GatewayFixture.OperatorClientId, GatewayFixture.OperatorSecret),
            "--operator"];
        var address = $"pat.{Guid.NewGuid():N}@home.test";
        var dpo = $"dpo-{Guid.NewGuid():N}@school.test";
        gateway.Smtp.Rejected[dpo] = true;
        await _operator.Erasure.SetNotificationChannelsAsync(new SetNotificationChannelsRequest { TenantId = tenant, EmailRecipients = { dpo } }).Within();

        var requested = await PgctlRunner.RunAsync([.. common, "--json", "erasure", "request", "--tenant", tenant, "--subject", "subj-cli", "--reason", "asked",
            "--contact", address]);
        Assert.True(requested.ExitCode == 0, requested.Error);
        Assert.DoesNotContain(address, requested.Output, StringComparison.OrdinalIgnoreCase);
        var id = JsonDocument.Parse(requested.Output).RootElement.GetProperty("request_id").GetString()!;
        var shown = await PgctlRunner.RunAsync([.. common, "erasure", "show", "--tenant", tenant, id]);
        Assert.True(shown.ExitCode == 0, shown.Error);
        Assert.Contains("address on file (encrypted)", shown.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(address, shown.Output, StringComparison.OrdinalIgnoreCase);

        await _operator.Erasure.RefuseErasureAsync(new RefuseErasureRequest { TenantId = tenant, RequestId = id, Reason = "duplicate" }).Within();
        var messageId = $"{id}:refused:email";
        var undelivered = await PollAsync([.. common, "notifications", "undelivered", "--tenant", tenant], messageId);
        Assert.Contains("email", undelivered, StringComparison.Ordinal);
        Assert.EndsWith("1 notification; last page", undelivered.TrimEnd(), StringComparison.Ordinal);

        gateway.Smtp.Rejected.TryRemove(dpo, out _);
        var resent = await PgctlRunner.RunAsync([.. common, "notifications", "resend", "--tenant", tenant, messageId]);
        Assert.True(resent.ExitCode == 0, resent.Error);
        Assert.StartsWith($"{messageId} email erasure.refused pending after 0 attempt(s)", resent.Output, StringComparison.Ordinal);
        await ErasureWorld.EventuallyAsync(() => gateway.Smtp.Messages.FirstOrDefault(m => m.To.Mailboxes.Any(b => b.Address == dpo)), "the resent e-mail");
        var again = await PgctlRunner.RunAsync([.. common, "notifications", "resend", "--tenant", tenant, messageId]);
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("only a given-up message can be", again.Error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Runs the command until its output names <paramref name="expected"/> (the outbox job gives up within seconds).</summary>
    private static async Task<string> PollAsync(string[] args, string expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var run = await PgctlRunner.RunAsync(args);
            Assert.True(run.ExitCode == 0, run.Error);
            if (run.Output.Contains(expected, StringComparison.Ordinal))
            {
                return run.Output;
            }

            Assert.True(DateTime.UtcNow < deadline, $"pgctl {string.Join(' ', args)} never listed {expected}: {run.Output}");
            await Task.Delay(200);
        }
    }
}
