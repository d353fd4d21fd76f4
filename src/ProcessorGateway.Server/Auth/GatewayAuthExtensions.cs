using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenIddict.Validation;
using OpenIddict.Validation.AspNetCore;
using ProcessorGateway.Core.Access;
using ProcessorGateway.Core.Clients;
using ProcessorGateway.Server.Development;
using ProcessorGateway.Server.Redis;

using ProcessorGateway.Server.Telemetry;

namespace ProcessorGateway.Server.Auth;

public static class GatewayAuthExtensions
{
    public const string TokenEndpointPath = "/connect/token";

    /// <summary>
    /// OpenIddict: a client-credentials token endpoint over our own client registry (degraded mode:
    /// no OpenIddict stores), and validation of the resulting tokens on every call, gRPC, gRPC-Web or JSON.
    /// </summary>
    public static WebApplicationBuilder AddGatewayAuth(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<GatewayAuthOptions>().Bind(builder.Configuration.GetSection(GatewayAuthOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayAuthOptions>, GatewayAuthOptionsValidator>());
        services.TryAddSingleton<ClientService>();
        services.AddHostedService<OperatorBootstrap>();

        var auth = builder.Configuration.GetSection(GatewayAuthOptions.SectionName).Get<GatewayAuthOptions>() ?? new GatewayAuthOptions();
        var development = builder.Environment.IsDevelopment();
        services.TryAddSingleton(new ClientAuthenticationPolicy(OperatorsNeedKey: !development));
        AddReplayGuard(services, sharedByReplicas: !string.IsNullOrWhiteSpace(builder.Configuration[$"{RedisOptions.SectionName}:Configuration"]));
        var deployment = development && string.IsNullOrEmpty(auth.SigningCertificatePath) ? DevelopmentDeployment(builder) : null;
        if (deployment is not null)
        {
            // Every reader of the options sees the issuer the tokens carry.
            auth.Issuer = deployment.Issuer;
            services.PostConfigure<GatewayAuthOptions>(options => options.Issuer = deployment.Issuer);
        }

        services.AddOpenIddict()
            .AddServer(options =>
            {
                options.SetTokenEndpointUris(TokenEndpointPath)
                    .AllowClientCredentialsFlow()
                    .EnableDegradedMode()
                    .DisableTokenStorage()
                    .SetIssuer(auth.Issuer)
                    .SetAccessTokenLifetime(auth.AccessTokenLifetime)
                    .RegisterScopes([.. Scopes.All])

                    // Signed, not encrypted: a resource server or a caller may read its own token's
                    // claims, which name a client, a tenant, scopes and purposes, never personal data.
                    .DisableAccessTokenEncryption();

                if (deployment is not null)
                {
                    options.AddSigningCertificate(CertificateExpiry.Track(CertificateExpiry.TokenSigning, deployment.SigningCertificate))
                        .AddEncryptionCertificate(CertificateExpiry.Track(CertificateExpiry.TokenEncryption, deployment.EncryptionCertificate));
                }
                else if (auth.SigningCertificatePath is not null && auth.EncryptionCertificatePath is not null
                    && File.Exists(auth.SigningCertificatePath) && File.Exists(auth.EncryptionCertificatePath))
                {
                    options.AddSigningCertificate(CertificateExpiry.Track(CertificateExpiry.TokenSigning, X509CertificateLoader.LoadPkcs12FromFile(auth.SigningCertificatePath, auth.SigningCertificatePassword)))
                        .AddEncryptionCertificate(CertificateExpiry.Track(CertificateExpiry.TokenEncryption, X509CertificateLoader.LoadPkcs12FromFile(auth.EncryptionCertificatePath, auth.EncryptionCertificatePassword)));
                }

                var aspNetCore = options.UseAspNetCore();
                if (development)
                {
                    // Without TLS (loopback only, development only) the token endpoint is plain HTTP.
                    aspNetCore.DisableTransportSecurityRequirement();
                }

                options.AddEventHandler(ClientAssertionKeyResolver.Descriptor);
                options.AddEventHandler(ClientAssertionErrorFilter.Descriptor);
                options.AddEventHandler<OpenIddict.Server.OpenIddictServerEvents.ValidateTokenRequestContext>(handler =>
                    handler.UseScopedHandler<ClientCredentialsValidator>());
                options.AddEventHandler<OpenIddict.Server.OpenIddictServerEvents.HandleTokenRequestContext>(handler =>
                    handler.UseScopedHandler<ClientCredentialsSignIn>());
            })
            .AddValidation(options =>
            {
                options.UseLocalServer();

                // The Authorization header only: a token in a URL (or a form) ends up in logs and browser history.
                options.UseAspNetCore().DisableAccessTokenExtractionFromQueryString().DisableAccessTokenExtractionFromBodyForm();
                options.AddEventHandler(StatusChallengeHandler.Descriptor);
                options.AddEventHandler(TokenLifetimeFilter.Descriptor);
                options.AddAudiences(auth.Audience);
                options.AddEventHandler<OpenIddictValidationEvents.ProcessAuthenticationContext>(handler =>
                    handler.UseScopedHandler<RevokedClientFilter>()
                        .SetOrder(OpenIddictValidationHandlers.ValidateAccessToken.Descriptor.Order + 1_000));
            });

        services.AddAuthentication(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        services.AddAuthorization();
        return builder;
    }

    /// <summary>
    /// Client assertion ids are remembered in Redis when replicas share one, else in this process (a single replica).
    /// </summary>
    private static void AddReplayGuard(IServiceCollection services, bool sharedByReplicas)
    {
        if (!sharedByReplicas)
        {
            services.TryAddSingleton<IClientAssertionReplayGuard, LocalClientAssertionReplayGuard>();
            return;
        }

        services.TryAddSingleton<RedisConnection>();
        services.TryAddSingleton<IClientAssertionReplayGuard, RedisClientAssertionReplayGuard>();
    }

    /// <summary>
    /// Development without configured keys: this deployment's own keys and issuer from its <c>Gateway:Dev:Directory</c>,
    /// so that no other development gateway (another checkout, another test run) accepts its tokens or it theirs.
    /// </summary>
    private static DevelopmentIdentity DevelopmentDeployment(WebApplicationBuilder builder)
    {
        var dev = builder.Configuration.GetSection(DevelopmentOptions.SectionName).Get<DevelopmentOptions>() ?? new DevelopmentOptions();
        return DevelopmentIdentity.LoadOrCreate(Path.Combine(builder.Environment.ContentRootPath, dev.Directory));
    }
}
