using AmiOrchestrator.Simulator.State;

namespace AmiOrchestrator.Simulator.AutoScaling.Lifecycle;

/// <summary>Starts the lifecycle actions an instance's transition owes to its group's hooks.</summary>
internal static class LifecycleHooks
{
    public static IReadOnlyList<LifecycleAction> Start(
        RegionState region, AutoScalingGroup group, SimulatedInstance instance, string transition, DateTimeOffset at) =>
        group.LifecycleHooks.Values
            .Where(hook => hook.Transition == transition)
            .Select(hook =>
            {
                var handler = region.HookHandlers.FirstOrDefault(h => h.Handles(group.Name, hook.Name));
                return new LifecycleAction(
                    hook.Name,
                    transition,
                    region.Ids.Uuid(),
                    at,
                    hook.HeartbeatTimeout ?? LifecycleTransitions.DefaultHeartbeatSeconds,
                    hook.DefaultResult ?? LifecycleTransitions.Abandon)
                {
                    HandledAt = handler is null ? null : at + handler.After,
                    HandlerResult = handler?.Result,
                };
            })
            .ToList();
}
