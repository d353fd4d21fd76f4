using ProcessorGateway.Core.Access;
using ProcessorGateway.Core.Audit;

namespace ProcessorGateway.Core.Tests.Audit;

public sealed class AuditTrailTests
{
    private static readonly Caller TenantClient = new("app-1", "oak-school", new HashSet<string> { Scopes.RecordsRead }, new HashSet<string> { "attendance" });

    [Fact]
    public void Authorisation_notes_the_tenant_and_purpose_of_the_call_in_progress()
    {
        using var scope = AuditTrail.Begin();

        AccessPolicy.RequireTenant(TenantClient, "oak-school");
        AccessPolicy.RequirePurpose(TenantClient, "attendance");

        Assert.Equal(("oak-school", "attendance"), (scope.Trail.TenantId, scope.Trail.Purpose));
    }

    [Fact]
    public void A_refused_tenant_is_not_noted_so_the_event_goes_to_the_callers_own_chain()
    {
        using var scope = AuditTrail.Begin();

        Assert.ThrowsAny<Exception>(() => AccessPolicy.RequireTenant(TenantClient, "elm-school"));

        Assert.Null(scope.Trail.TenantId);
    }

    [Fact]
    public void Malformed_or_oversized_ids_are_left_out_and_the_rest_kept_sorted()
    {
        using var scope = AuditTrail.Begin();

        AuditTrail.NoteRecord("rec-2", "subj-1", ["students.full_name", "bad$field"]);
        AuditTrail.NoteRecord("rec-1", new string('a', 500));
        AuditTrail.NoteRecord("rec.$where", null);

        var (records, subjects, fields) = scope.Trail.Touched();
        Assert.Equal(["rec-1", "rec-2"], records);
        Assert.Equal(["subj-1"], subjects);
        Assert.Equal(["students.full_name"], fields);
    }

    [Fact]
    public void Outside_an_audited_call_notes_go_nowhere()
    {
        AuditTrail.NoteRecord("rec-1", "subj-1");
        Assert.Null(AuditTrail.Current);
    }
}
