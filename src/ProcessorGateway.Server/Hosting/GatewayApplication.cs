using ProcessorGateway.Server.Development;
using ProcessorGateway.Server.Encryption;
using ProcessorGateway.Server.Grpc;
using ProcessorGateway.Storage.Mongo;

namespace ProcessorGateway.Server.Hosting;

/// <summary>The host, as a table of contents. Tests build the same application with their own configuration.</summary>
public static class GatewayApplication
{
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);

        builder.AddGatewayDefaults();
        builder.Services.AddMongoStorage(builder.Configuration);
        builder.Services.AddFieldEncryption(builder.Configuration);
        builder.Services.AddGatewayDomain(builder.Configuration);
        builder.Services.AddGatewayGrpc();
        builder.AddDevelopmentSetup();

        var app = builder.Build();
        app.MapGatewayServices();
        return app;
    }
}
