using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Orchestrator.Cli;

namespace AmiOrchestrator.Orchestrator.Tests;

public sealed class ExitCodeTests
{
    [Theory]
    [InlineData(DeploymentStatus.Succeeded, 0)]
    [InlineData(DeploymentStatus.Failed, 3)]
    [InlineData(DeploymentStatus.RolledBack, 4)]
    [InlineData(DeploymentStatus.Aborted, 5)]
    [InlineData(DeploymentStatus.RollbackFailed, 6)]
    public void Each_end_of_a_deployment_has_its_documented_code(DeploymentStatus status, int code) =>
        Assert.Equal(code, ExitCodes.Of(status));

    [Fact]
    public void The_readme_documents_every_exit_code_the_verbs_use()
    {
        var readme = File.ReadAllText(TestSupport.Repository.File("README.md"));
        var codes = typeof(ExitCodes).GetFields().Where(f => f.IsLiteral && f.FieldType == typeof(int)).Select(f => (int)f.GetRawConstantValue()!).Distinct();

        Assert.All(codes, code => Assert.Matches($@"\n\| `{code}` \|", readme));
    }
}
