namespace AmiOrchestrator.Actors.Hosting;

/// <summary>The ActorRegistry key of the node's gateway (<c>/user/gateway</c>), which takes the platform's commands.</summary>
public sealed class DeploymentGatewayKey;

/// <summary>The ActorRegistry key of the node's query actor (<c>/user/queries</c>), which answers reads and watches.</summary>
public sealed class DeploymentQueriesKey;
