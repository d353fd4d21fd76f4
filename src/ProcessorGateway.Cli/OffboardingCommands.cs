using System.CommandLine;
using ProcessorGateway.Contracts.V1;

namespace ProcessorGateway.Cli;

/// <summary>
/// <c>pgctl tenant offboarding request|show|cancel|approve</c>: destroying a tenant takes two operator clients, one that
/// asks and a different one that approves (the second acts with <c>--client-id</c>).
/// </summary>
internal static class OffboardingCommands
{
    public static Command Create(GlobalOptions global)
    {
        var offboarding = new Command("offboarding",
            "Destroy a whole tenant, on two operators' word: one asks, a different operator client approves within the window (operator clients with tenants.admin).");
        offboarding.Add(Request(global));
        offboarding.Add(Show(global));
        offboarding.Add(Cancel(global));
        offboarding.Add(Approve(global));
        return offboarding;
    }

    private static Command Request(GlobalOptions global)
    {
        var tenant = TenantArgument();
        var reason = new Option<string>("--reason") { Description = "Why; kept in the shred ledger (never a personal value).", Required = true };
        var command = new Command("request", "Ask for the tenant's destruction; nothing is destroyed until another operator approves. Prints the request.") { tenant, reason };
        command.SetAction(CommandRunner.Action(global, async (context, cancellationToken) =>
        {
            var asked = await context.Connection.Keys.RequestTenantOffboardingAsync(
                new RequestTenantOffboardingRequest { TenantId = context.Required(tenant), Reason = context.Required(reason) },
                context.Call(cancellationToken)).ResponseAsync.ConfigureAwait(false);
            context.Print(asked, Write);
        }));
        return command;
    }

    private static Command Show(GlobalOptions global) =>
        OnRequest(global, "show", "Show an offboarding request: its reason, state and who asked, approved or cancelled it.", (keys, tenant, id, options) =>
            keys.GetTenantOffboardingAsync(new GetTenantOffboardingRequest { TenantId = tenant, RequestId = id }, options));

    private static Command Cancel(GlobalOptions global) =>
        OnRequest(global, "cancel", "Withdraw a pending offboarding request.", (keys, tenant, id, options) =>
            keys.CancelTenantOffboardingAsync(new CancelTenantOffboardingRequest { TenantId = tenant, RequestId = id }, options));

    /// <summary>A command naming a tenant and one of its requests, printing the request as the call returns it.</summary>
    private static Command OnRequest(
        GlobalOptions global, string name, string description,
        Func<KeyService.KeyServiceClient, string, string, Grpc.Core.CallOptions, Grpc.Core.AsyncUnaryCall<TenantOffboarding>> call)
    {
        var (tenant, id) = (TenantArgument(), RequestArgument());
        var command = new Command(name, description) { tenant, id };
        command.SetAction(CommandRunner.Action(global, async (context, cancellationToken) =>
        {
            var request = await call(context.Connection.Keys, context.Required(tenant), context.Required(id), context.Call(cancellationToken))
                .ResponseAsync.ConfigureAwait(false);
            context.Print(request, Write);
        }));
        return command;
    }

    private static Command Approve(GlobalOptions global)
    {
        var (tenant, id) = (TenantArgument(), RequestArgument());
        var command = new Command("approve",
            "Approve another operator's request and destroy every key of the tenant at once; the tenant is then shredded. Prints the shred reply.") { tenant, id };
        command.SetAction(CommandRunner.Action(global, async (context, cancellationToken) =>
        {
            var reply = await context.Connection.Keys.OffboardTenantAsync(
                new OffboardTenantRequest { TenantId = context.Required(tenant), ApprovalRequestId = context.Required(id) },
                context.Call(cancellationToken)).ResponseAsync.ConfigureAwait(false);
            context.Print(reply, KeyCommands.WriteShred);
        }));
        return command;
    }

    private static Argument<string> TenantArgument() => new("tenant-id") { Description = "The tenant to destroy." };

    private static Argument<string> RequestArgument() => new("request-id") { Description = "The offboarding request, as 'request' printed it." };

    private static void Write(TextWriter output, TenantOffboarding request) => TextBlock.Write(output,
    [
        ("request", request.RequestId),
        ("tenant", request.TenantId),
        ("state", request.State switch
        {
            TenantOffboardingState.Pending => "pending",
            TenantOffboardingState.Approved => "approved",
            TenantOffboardingState.Cancelled => "cancelled",
            TenantOffboardingState.Expired => "expired",
            _ => "unspecified",
        }),
        ("reason", request.Reason),
        ("requested", $"{ValueText.Instant(request.RequestedAt)} by {request.RequestedBy}"),
        ("expires", ValueText.Instant(request.ExpiresAt)),
        ("approved", request.ApprovedAt is null ? "-" : $"{ValueText.Instant(request.ApprovedAt)} by {request.ApprovedBy}"),
        ("cancelled", request.CancelledAt is null ? "-" : $"{ValueText.Instant(request.CancelledAt)} by {request.CancelledBy}"),
    ]);
}
