# syntax=docker/dockerfile:1
# ProcessorGateway server image: built with the SDK, run on a chiseled ASP.NET runtime (no shell, no
# package manager, no SDK), as a non-root user, with a read-only root filesystem in Kubernetes.
#   docker build -t processorgateway:1.0.0 .
ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
# Restore first, from the project files alone, so the layer survives source-only changes.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY protos/ protos/
COPY src/ProcessorGateway.Contracts/ProcessorGateway.Contracts.csproj src/ProcessorGateway.Contracts/
COPY src/ProcessorGateway.Core/ProcessorGateway.Core.csproj src/ProcessorGateway.Core/
COPY src/ProcessorGateway.Storage.Mongo/ProcessorGateway.Storage.Mongo.csproj src/ProcessorGateway.Storage.Mongo/
COPY src/ProcessorGateway.Server/ProcessorGateway.Server.csproj src/ProcessorGateway.Server/
RUN dotnet restore src/ProcessorGateway.Server/ProcessorGateway.Server.csproj
COPY src/ src/
RUN dotnet publish src/ProcessorGateway.Server/ProcessorGateway.Server.csproj \
        --configuration Release --no-restore --output /app /p:UseAppHost=false

# Chiseled: only the .NET and ASP.NET Core runtime and its native dependencies. The "extra" flavour
# keeps ICU and tzdata: blind indexes normalise with NFKC, and tenant calendars name time zones.
FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION}-noble-chiseled-extra AS final
WORKDIR /app
COPY --from=build --chown=0:0 /app ./
# The chiseled image's non-root "app" user (uid 1654); the Deployment also pins runAsUser.
USER $APP_UID
ENV ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_EnableDiagnostics=0 \
    DOTNET_gcServer=1
# grpc (TLS), token endpoint (TLS), health (kubelet gRPC probes), metrics (Prometheus).
EXPOSE 8443 8444 8081 9090
ENTRYPOINT ["dotnet", "ProcessorGateway.Server.dll"]
