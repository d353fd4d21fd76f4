using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ProcessorGateway.Core.Telemetry;

namespace ProcessorGateway.Server.Tests.Erasure;

/// <summary>Listens to one counter of the gateway's meter (the gateway runs in this process) and sums it by tag set.</summary>
internal sealed class CounterProbe : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _sums = new(StringComparer.Ordinal);

    public CounterProbe(string instrument)
    {
        _listener.InstrumentPublished = (i, l) =>
        {
            if (i.Meter.Name == GatewayMeter.Name && i.Name == instrument)
            {
                l.EnableMeasurementEvents(i);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var key = string.Join(",", tags.ToArray().OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"));
            _sums.AddOrUpdate(key, value, (_, sum) => sum + value);
        });
        _listener.Start();
    }

    /// <summary>The sum of the measurements whose tags are exactly these, e.g. <c>channel=email,event=erasure.refused</c> (keys in order).</summary>
    public long Sum(string tags) => _sums.GetValueOrDefault(tags);

    public void Dispose() => _listener.Dispose();
}
