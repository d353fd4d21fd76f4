using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ProcessorGateway.Server.Hosting;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Hosting;

/// <summary>
/// Mongo, Redis, Metrics and Audit moved under Gateway. A setting left at the old top level is no longer read,
/// so instead of starting on defaults the gateway refuses to start and says where the section went.
/// </summary>
public sealed class RetiredSectionTests
{
    [Theory]
    [InlineData("Mongo:ConnectionString", "mongodb://127.0.0.1:27017", "Mongo", "Gateway:Mongo", "Gateway__Mongo")]
    [InlineData("Redis:Configuration", "127.0.0.1:6379", "Redis", "Gateway:Redis", "Gateway__Redis")]
    [InlineData("Metrics:Port", "9090", "Metrics", "Gateway:Metrics", "Gateway__Metrics")]
    [InlineData("audit:enabled", "true", "Audit", "Gateway:Audit", "Gateway__Audit")]
    public async Task A_setting_under_a_retired_top_level_section_stops_start_up_naming_where_it_moved(
        string setting, string value, string retired, string path, string variable)
    {
        var settings = GatewayFixture.SettingsFor(TestServers.DatabaseFor(typeof(RetiredSectionTests)));
        settings[setting] = value;
        await using var app = GatewayApplication.Create([], b => b.Configuration.AddInMemoryCollection(settings), Environments.Development);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync().WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Equal(
            [$"{retired} is no longer read: move its settings under {path} (environment variables {variable}__<Setting>, not {retired}__<Setting>)."],
            error.Failures);
    }

    [Fact]
    public async Task A_process_given_the_old_mongo_environment_variable_exits_with_the_configuration_error_naming_the_new_one()
    {
        var settings = GatewayFixture.SettingsFor(TestServers.DatabaseFor(typeof(RetiredSectionTests)));
        settings["ASPNETCORE_ENVIRONMENT"] = Environments.Development;
        settings["Mongo:ConnectionString"] = TestServers.MongoConnectionString;
        settings.Remove("Gateway:Mongo:ConnectionString");

        var (exitCode, output) = await GatewayProcess.RunUntilExitAsync(settings);

        Assert.Equal(GatewayProgram.ConfigurationError, exitCode);
        Assert.Contains("Mongo is no longer read: move its settings under Gateway:Mongo (environment variables Gateway__Mongo__<Setting>", output, StringComparison.Ordinal);
        Assert.Contains("Gateway:Mongo:ConnectionString is required (environment variable Gateway__Mongo__ConnectionString).", output, StringComparison.Ordinal);
        Assert.DoesNotContain(TestServers.MongoConnectionString, output, StringComparison.Ordinal);
    }
}
