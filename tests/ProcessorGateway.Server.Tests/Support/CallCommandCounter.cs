using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Grpc.Core;

namespace ProcessorGateway.Server.Tests.Support;

/// <summary>
/// Counts the MongoDB commands (the gateway's own <c>pg.mongo.commands</c> counter) made while serving the calls
/// that carry <see cref="Headers"/>, and only those: each such call arrives with a W3C trace id of this counter's,
/// the gateway's request activity takes it as its parent, and a command counts only when it is measured under that
/// trace. Other tests' gateways in this process, and this gateway's background jobs, share the counter but not the trace.
/// </summary>
internal sealed class CallCommandCounter : IDisposable
{
    private readonly ActivityTraceId _traceId = ActivityTraceId.CreateRandom();
    private readonly ActivityListener _activities;
    private readonly MeterListener _meters = new();
    private readonly ConcurrentDictionary<(string Command, string Collection), long> _counts = new();

    public CallCommandCounter()
    {
        // ASP.NET Core creates its request activity only when something listens; sample only this counter's trace.
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                options.Parent.TraceId == _traceId ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
        };
        ActivitySource.AddActivityListener(_activities);
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "ProcessorGateway" && instrument.Name == "pg.mongo.commands")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            if (Activity.Current?.TraceId != _traceId)
            {
                return;
            }

            string? command = null;
            string? collection = null;
            foreach (var tag in tags)
            {
                command = tag.Key == "command" ? tag.Value as string : command;
                collection = tag.Key == "collection" ? tag.Value as string : collection;
            }

            _counts.AddOrUpdate((command ?? "-", collection ?? "-"), value, (_, total) => total + value);
        });
        _meters.Start();
    }

    /// <summary>Metadata that puts a call under this counter's trace.</summary>
    public Metadata Headers => new() { { "traceparent", $"00-{_traceId}-{ActivitySpanId.CreateRandom()}-01" } };

    /// <summary>Commands on one MongoDB collection so far, of any kind, and what they were.</summary>
    public (long Total, string Detail) On(string collection)
    {
        var matching = _counts.Where(c => c.Key.Collection == collection).OrderBy(c => c.Key.Command, StringComparer.Ordinal).ToList();
        return (matching.Sum(c => c.Value), string.Join(", ", matching.Select(c => $"{c.Key.Command} {c.Value}")));
    }

    public void Reset() => _counts.Clear();

    public void Dispose()
    {
        _meters.Dispose();
        _activities.Dispose();
    }
}
