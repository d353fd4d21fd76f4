using System.Reflection;
using Microsoft.Extensions.Logging;
using ProcessorGateway.Client;
using ProcessorGateway.Storage.Mongo;

namespace ProcessorGateway.Server.Tests.Hosting;

/// <summary>
/// Dashboards and alerts key on log event ids, so two events sharing one would be counted together. The gateway,
/// its MongoDB storage and the client library each keep their events in one log class; the ids are unique across all three.
/// </summary>
public sealed class LogEventIdTests
{
    // The attribute's EventId when none is given: the generator then derives the id from the event name, which a rename changes.
    private const int NameDerived = -1;

    [Fact]
    public void Every_log_event_has_an_explicit_id_and_no_two_share_one()
    {
        var logClasses = new[]
        {
            typeof(GatewayLog),
            LogClassOf(typeof(MongoContext).Assembly, "ProcessorGateway.Storage.Mongo.MongoStorageLog"),
            LogClassOf(typeof(GatewayClientOptions).Assembly, "ProcessorGateway.Client.ClientLog"),
        };

        var events = logClasses
            .SelectMany(c => c.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
                .Select(m => (Event: $"{c.Name}.{m.Name}", Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
                .Where(e => e.Attribute is not null)
                .Select(e => (e.Event, e.Attribute!.EventId)))
            .ToList();

        Assert.All(logClasses, c => Assert.Contains(events, e => e.Event.StartsWith(c.Name + ".", StringComparison.Ordinal)));
        Assert.Empty(events.Where(e => e.EventId == NameDerived).Select(e => e.Event + " has no explicit EventId"));
        Assert.Empty(events
            .GroupBy(e => e.EventId)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(e => e.Event))}"));
    }

    private static Type LogClassOf(Assembly assembly, string name) =>
        assembly.GetType(name, throwOnError: true)!;
}
