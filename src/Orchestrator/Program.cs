using AmiOrchestrator.Orchestrator.Cli;

return await OrchestratorCommand.InvokeAsync(args);
