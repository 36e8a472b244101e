namespace AmiOrchestrator.Simulator.Protocol;

/// <summary>One Query action. Runs under the region's lock; reports failures by throwing <see cref="AwsException"/>.</summary>
internal delegate OperationResult Operation(OperationContext context);
