using System.Text.Json;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Domain.Planning;
using AmiOrchestrator.Domain.Tests.Builders;

namespace AmiOrchestrator.Domain.Tests.Deployments;

/// <summary>
/// The journal holds plans, inventories and steps as DomainJson and must replay forever: what this release writes reads
/// back equal, and what an older release wrote, without the members added since, reads with their defaults.
/// </summary>
public class DeploymentJsonTests
{
    private static readonly SetupInventory Inventory = SampleLineages.WithStepScaling(SampleLineages.Inventory([SampleLineages.Member(1, 2), SampleLineages.Member(2, 4)]));

    private static SetupPlanned Planned()
    {
        var plan = SetupPlanner.Plan("dep-1", SampleSpecs.Basic(), Inventory, 0).Plan!;
        return new SetupPlanned(plan, DeploymentProgram.Forward("dep-1", SampleSpecs.Basic(), plan), SampleLineages.Epoch);
    }

    [Fact]
    public void A_plan_with_alarms_and_its_program_read_back_equal()
    {
        var planned = Planned();
        Assert.NotEmpty(planned.Plan.NewAsgAlarms);
        Assert.Contains(planned.Steps, s => s.Action is PutPolicyAlarms);

        var read = RoundTrip(planned);

        Assert.Equal(planned.Plan, read.Plan);
        Assert.Equal(planned.Steps, read.Steps);
    }

    [Fact]
    public void An_inventory_with_alarms_reads_back_equal()
    {
        var observed = new StepSucceeded("dep-1/setup/discover/setup", new SetupObserved(Inventory), null, SampleLineages.Epoch);

        Assert.Equal(observed, RoundTrip(observed));
    }

    [Fact]
    public void A_plan_recorded_before_alarms_were_carried_reads_with_none()
    {
        var json = JsonSerializer.SerializeToNode(Planned(), DomainJson.Options)!;
        json["plan"]!.AsObject().Remove("newAsgAlarms");
        json["plan"]!["previous"]!.AsObject().Remove("alarms");

        var read = json.Deserialize<SetupPlanned>(DomainJson.Options)!;

        Assert.Empty(read.Plan.NewAsgAlarms);
        Assert.Empty(read.Plan.Previous!.Alarms);
    }

    [Fact]
    public void An_inventory_recorded_before_alarms_were_discovered_reads_with_none()
    {
        var json = JsonSerializer.SerializeToNode<StepResult>(new SetupObserved(Inventory), DomainJson.Options)!;
        json["inventory"]!.AsObject().Remove("baseAlarms");
        json["inventory"]!.AsObject().Remove("previousAlarms");

        var read = Assert.IsType<SetupObserved>(json.Deserialize<StepResult>(DomainJson.Options));

        Assert.Empty(read.Inventory.BaseAlarms);
        Assert.Empty(read.Inventory.PreviousAlarms);
    }

    [Fact]
    public void A_plan_and_an_inventory_recorded_before_the_previous_schedule_was_carried_read_with_none()
    {
        var planned = JsonSerializer.SerializeToNode(Planned(), DomainJson.Options)!;
        Assert.True(planned["plan"]!["previous"]!.AsObject().Remove("scheduledActions"));
        var observed = JsonSerializer.SerializeToNode<StepResult>(new SetupObserved(Inventory), DomainJson.Options)!;
        Assert.True(observed["inventory"]!.AsObject().Remove("previousScheduledActions"));

        Assert.Empty(planned.Deserialize<SetupPlanned>(DomainJson.Options)!.Plan.Previous!.ScheduledActions);
        Assert.Empty(Assert.IsType<SetupObserved>(observed.Deserialize<StepResult>(DomainJson.Options)).Inventory.PreviousScheduledActions);
    }

    [Fact]
    public void A_delete_recorded_before_deletes_could_be_unforced_still_forces()
    {
        var read = JsonSerializer.Deserialize<StepAction>("""{"kind":"delete-asg","asg":"web__prod__3","ownedBy":"dep-1"}""", DomainJson.Options);

        Assert.Equal(new DeleteAsg("web__prod__3", "dep-1", Force: true), read);
    }

    private static T RoundTrip<T>(T value) =>
        JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value, DomainJson.Options), DomainJson.Options)!;
}
