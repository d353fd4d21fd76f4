namespace ProcessorGateway.Server.Development;

public static class DevelopmentSetupExtensions
{
    /// <summary>Registers the development tenant and credentials file, in Development only.</summary>
    public static WebApplicationBuilder AddDevelopmentSetup(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DevelopmentOptions>().Bind(builder.Configuration.GetSection(DevelopmentOptions.SectionName));
        if (builder.Environment.IsDevelopment())
        {
            builder.Services.AddHostedService<DevelopmentSetup>();
        }

        return builder;
    }
}
