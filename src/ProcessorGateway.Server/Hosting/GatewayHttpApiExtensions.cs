using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi.Models;

namespace ProcessorGateway.Server.Hosting;

/// <summary>
/// What clients that are not gRPC need around the gRPC services (which JSON transcoding and gRPC-Web serve
/// themselves, see <see cref="Grpc.GatewayGrpcExtensions"/>): CORS for browser pages, and in Development an
/// OpenAPI document of the JSON API at <see cref="OpenApiPath"/>, the source of <c>docs/openapi.json</c>.
/// </summary>
public static class GatewayHttpApiExtensions
{
    public const string OpenApiDocument = "v1";

    public const string OpenApiPath = "/openapi/v1.json";

    /// <summary>What a browser may send: gRPC-Web's own headers, the bearer token, JSON, and W3C trace context.</summary>
    private static readonly string[] CorsRequestHeaders =
        ["authorization", "content-type", "x-grpc-web", "x-user-agent", "grpc-timeout", "traceparent", "tracestate"];

    /// <summary>What a page may read of a reply: the gRPC status (gRPC-Web sends it in headers when there is no body) and the token challenge.</summary>
    private static readonly string[] CorsResponseHeaders = ["grpc-status", "grpc-message", "grpc-status-details-bin", "www-authenticate"];

    public static WebApplicationBuilder AddGatewayHttpApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<GatewayCorsOptions>().Bind(builder.Configuration.GetSection(GatewayCorsOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayCorsOptions>, GatewayCorsOptionsValidator>());
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<GatewayCorsOptions>>((cors, gateway) => cors.AddDefaultPolicy(policy => policy
            .WithOrigins([.. gateway.Value.AllowedOrigins])
            .WithMethods(HttpMethods.Get, HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete)
            .WithHeaders(CorsRequestHeaders)
            .WithExposedHeaders(CorsResponseHeaders)
            .SetPreflightMaxAge(gateway.Value.PreflightMaxAge)));

        if (builder.Environment.IsDevelopment())
        {
            AddOpenApi(services);
        }

        return builder;
    }

    /// <summary>Serves the OpenAPI document in Development only: elsewhere the API is described by docs/openapi.json and the protos.</summary>
    public static IApplicationBuilder UseGatewayOpenApi(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ApplicationServices.GetRequiredService<IHostEnvironment>().IsDevelopment())
        {
            app.UseSwagger(options => options.RouteTemplate = "openapi/{documentName}.json");
        }

        return app;
    }

    private static void AddOpenApi(IServiceCollection services)
    {
        services.AddGrpcSwagger();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc(OpenApiDocument, new OpenApiInfo
            {
                Title = "ProcessorGateway",
                Version = OpenApiDocument,
                Description = "The gateway's gRPC API as JSON over HTTP (gRPC JSON transcoding of protos/processorgateway/v1). "
                    + "Every call needs a bearer token from POST /connect/token (OAuth client credentials). "
                    + "Errors are {\"code\": <gRPC status code>, \"message\": \"...\", \"details\": [...]}; see docs/http-api.md.",
            });

            // Our messages by their own names; anything else (Google's well-known types, one of them also named
            // Value) by its full name, so no two types share a schema.
            options.CustomSchemaIds(type => type.Namespace == typeof(Contracts.V1.Record).Namespace ? type.Name : type.FullName!.Replace('+', '.'));

            // The protos' comments, carried into the generated code's XML documentation.
            var comments = Path.Combine(AppContext.BaseDirectory, "ProcessorGateway.Contracts.xml");
            if (File.Exists(comments))
            {
                options.IncludeXmlComments(comments);
                options.IncludeGrpcXmlComments(comments, includeControllerXmlComments: true);
            }

            var bearer = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "An access token from POST /connect/token (grant_type=client_credentials).",
                Reference = new OpenApiReference { Type = ReferenceType.SecurityScheme, Id = "bearer" },
            };
            options.AddSecurityDefinition("bearer", bearer);
            options.AddSecurityRequirement(new OpenApiSecurityRequirement { [bearer] = [] });
        });
    }
}
