using System.CommandLine;
using ProcessorGateway.Contracts.V1;

namespace ProcessorGateway.Cli;

/// <summary><c>pgctl client register|list|rotate|revoke</c>: the tenant's OAuth clients.</summary>
internal static class ClientCommands
{
    // The contract's scopes (tenants.proto). A typo is caught here, before a client is registered without the scope it needs.
    private static readonly string[] Scopes = ["records.read", "records.write", "schemas.admin", "subjects.rights", "tenants.admin", "audit.read"];

    public static Command Create(GlobalOptions global)
    {
        var client = new Command("client", "Register and manage OAuth clients. Needs tenants.admin.");
        client.Add(Register(global));
        client.Add(List(global));
        client.Add(Rotate(global));
        client.Add(Revoke(global));
        return client;
    }

    private static Command Register(GlobalOptions global)
    {
        var tenant = new Option<string>("--tenant") { Description = "The tenant the client is bound to." };
        var crossTenant = new Option<bool>("--cross-tenant") { Description = "Register an operator client bound to no tenant instead (operator token only)." };
        var name = new Option<string>("--name") { Description = "A display name, e.g. 'Attendance sync'.", Required = true };
        var scopes = new Option<string[]>("--scope") { Description = "Scopes the client may ask for.", Required = true, AllowMultipleArgumentsPerToken = true };
        scopes.AcceptOnlyFromAmong(Scopes);
        var purposes = new Option<string[]>("--purpose")
        {
            Description = "Purposes the client may name: attendance, fees, academic, analytics, communication, support, ...",
            AllowMultipleArgumentsPerToken = true,
        };
        var publicKey = new Option<FileInfo>("--public-key")
        {
            Description = "A PEM public key file (RSA of 2048 bits or more, or EC P-256): the client then has no secret and logs in with its private key (pgctl --private-key). Required for an operator client outside Development.",
            HelpName = "path",
        };
        var command = new Command("register", "Register a client. Its secret, if it has one, is printed once: store it in a secret manager.")
        {
            tenant, crossTenant, name, scopes, purposes, publicKey,
        };

        // An operator client reaches every tenant, so it is never what a forgotten --tenant silently produces.
        command.Validators.Add(result =>
        {
            var hasTenant = !string.IsNullOrEmpty(result.GetValue(tenant));
            if (hasTenant == result.GetValue(crossTenant))
            {
                result.AddError("Give exactly one of --tenant <id> and --cross-tenant.");
            }
        });
        command.SetAction(CommandRunner.Action(global, async (context, cancellationToken) =>
        {
            var request = new RegisterClientRequest { TenantId = context.Value(tenant) ?? string.Empty, DisplayName = context.Required(name) };
            request.Scopes.AddRange(context.Required(scopes));
            request.Purposes.AddRange(context.Value(purposes) ?? []);
            if (context.Value(publicKey) is { } keyFile)
            {
                request.PublicKeyPem = keyFile.Exists
                    ? await File.ReadAllTextAsync(keyFile.FullName, cancellationToken).ConfigureAwait(false)
                    : throw new CliUsageException($"--public-key names '{keyFile}', which does not exist.");
            }

            var credentials = await context.Connection.Tenants.RegisterClientAsync(request, context.Call(cancellationToken)).ResponseAsync.ConfigureAwait(false);
            await PrintCredentialsAsync(context, credentials).ConfigureAwait(false);
        }));
        return command;
    }

    private static Command List(GlobalOptions global)
    {
        var tenant = new Option<string>("--tenant") { Description = "Only this tenant's clients. Without it an operator sees every client." };
        var command = new Command("list", "List clients (never their secrets).") { tenant };
        command.SetAction(CommandRunner.Action(global, async (context, cancellationToken) =>
        {
            var request = new ListClientsRequest { TenantId = context.Value(tenant) ?? string.Empty };
            var reply = await context.Connection.Tenants.ListClientsAsync(request, context.Call(cancellationToken)).ResponseAsync.ConfigureAwait(false);
            context.Print(reply, ClientText.WriteList);
        }));
        return command;
    }

    private static Command Rotate(GlobalOptions global)
    {
        var id = new Argument<string>("client-id") { Description = "The client whose secret to replace." };
        var command = new Command("rotate", "Issue a new secret; the old one stops working at once (issued tokens live until they expire).") { id };
        command.SetAction(CommandRunner.Action(global, async (context, cancellationToken) =>
        {
            var request = new RotateClientSecretRequest { ClientId = context.Required(id) };
            var credentials = await context.Connection.Tenants.RotateClientSecretAsync(request, context.Call(cancellationToken)).ResponseAsync.ConfigureAwait(false);
            await PrintCredentialsAsync(context, credentials).ConfigureAwait(false);
        }));
        return command;
    }

    private static Command Revoke(GlobalOptions global)
    {
        var id = new Argument<string>("client-id") { Description = "The client to revoke." };
        var command = new Command("revoke", "Revoke a client: its secret and every token it holds stop working at once.") { id };
        command.SetAction(CommandRunner.Action(global, async (context, cancellationToken) =>
        {
            var request = new RevokeClientRequest { ClientId = context.Required(id) };
            var client = await context.Connection.Tenants.RevokeClientAsync(request, context.Call(cancellationToken)).ResponseAsync.ConfigureAwait(false);
            context.Print(client, ClientText.Write);
        }));
        return command;
    }

    private static async Task PrintCredentialsAsync(CommandContext context, ClientCredentials credentials)
    {
        context.Print(credentials, ClientText.WriteCredentials);
        if (context.Json || credentials.ClientSecret.Length == 0)
        {
            // stderr stays empty on success with --json; docs/pgctl.md says the secret is shown this once.
            return;
        }

        await context.Error.WriteLineAsync("warning: the client secret is shown only this once and the gateway keeps only a hash; store it in a secret manager now.").ConfigureAwait(false);
    }
}
