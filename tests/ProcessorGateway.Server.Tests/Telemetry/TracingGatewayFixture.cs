using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Trace;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Telemetry;

/// <summary>
/// A gateway configured as an SRE configures one for a collector, through the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (a loopback port where nothing listens: what leaves is not the point), with
/// in-memory exporters of its own beside the OTLP one, so a test reads the very spans and log records the collector would get.
/// </summary>
public sealed class TracingGatewayFixture : GatewayFixture
{
    public ConcurrentQueue<Activity> Spans { get; } = new();

    /// <summary>Each exported log record as its trace id, category, formatted message, attributes and scopes.</summary>
    public ConcurrentQueue<ExportedLog> Logs { get; } = new();

    protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9",
        ["Logging:LogLevel:Grpc"] = "Debug",
    };

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(new SimpleActivityExportProcessor(new CapturingSpanExporter(Spans))));
        services.ConfigureOpenTelemetryLoggerProvider(logging => logging.AddProcessor(new SimpleLogRecordExportProcessor(new CapturingLogExporter(Logs))));
    }

    public sealed record ExportedLog(ActivityTraceId TraceId, string Text);

    private sealed class CapturingSpanExporter(ConcurrentQueue<Activity> spans) : BaseExporter<Activity>
    {
        public override ExportResult Export(in Batch<Activity> batch)
        {
            foreach (var span in batch)
            {
                spans.Enqueue(span);
            }

            return ExportResult.Success;
        }
    }

    /// <summary>Log records are pooled once exported, so each is written down as it passes.</summary>
    private sealed class CapturingLogExporter(ConcurrentQueue<ExportedLog> logs) : BaseExporter<LogRecord>
    {
        public override ExportResult Export(in Batch<LogRecord> batch)
        {
            foreach (var record in batch)
            {
                var parts = new List<string> { record.CategoryName ?? string.Empty, record.FormattedMessage ?? string.Empty };
                parts.AddRange((record.Attributes ?? []).Select(a => $"{a.Key}={a.Value}"));
                record.ForEachScope((scope, list) =>
                {
                    foreach (var item in scope)
                    {
                        list.Add($"{item.Key}={item.Value}");
                    }
                }, parts);
                logs.Enqueue(new ExportedLog(record.TraceId, string.Join(" | ", parts)));
            }

            return ExportResult.Success;
        }
    }
}
