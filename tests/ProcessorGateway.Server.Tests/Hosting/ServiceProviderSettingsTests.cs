using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProcessorGateway.Server.Subjects;
using ProcessorGateway.Server.Tests.Subjects;

namespace ProcessorGateway.Server.Tests.Hosting;

/// <summary><c>Gateway:ServiceProviders</c> binds as a list and is refused at start-up, naming the entry, when an entry is incomplete or unsafe to show.</summary>
public sealed class ServiceProviderSettingsTests
{
    [Fact]
    public void No_service_providers_is_valid_and_lists_none()
    {
        Assert.Empty(Resolve(new Dictionary<string, string?>()).Providers);
    }

    [Fact]
    public void The_list_binds_in_its_configured_order()
    {
        var options = Resolve(ServiceProviderGatewayFixture.ProviderSettings());

        Assert.Equal(ServiceProviderGatewayFixture.Providers.Select(p => p.Name), options.Providers.Select(p => p.Name));
    }

    [Theory]
    [InlineData("Purpose", "", "Gateway:ServiceProviders:1:Purpose is required")]
    [InlineData("Location", "", "Gateway:ServiceProviders:1:Location is required")]
    [InlineData("Name", "Example Mail Relay Ltd", "Gateway:ServiceProviders:1:Name repeats a provider already listed")]
    [InlineData("Name", "Example\nWebhooks", "Gateway:ServiceProviders:1:Name is required")]
    [InlineData("Location", "https://user:secret@hooks.example", "Gateway:ServiceProviders:1:Location must not carry credentials")]
    public void A_bad_entry_fails_start_up_naming_its_setting(string setting, string value, string expected)
    {
        var settings = ServiceProviderGatewayFixture.ProviderSettings();
        settings[$"Gateway:ServiceProviders:1:{setting}"] = value;

        var failure = Assert.Throws<OptionsValidationException>(() => Resolve(settings));

        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", failure.Message, StringComparison.Ordinal);
    }

    private static ServiceProvidersOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddSubjectRights(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<ServiceProvidersOptions>>().Value;
    }
}
