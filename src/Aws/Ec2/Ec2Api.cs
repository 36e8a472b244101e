using Amazon.EC2;
using AmiOrchestrator.Aws.Query;
using AmiOrchestrator.Aws.Resilience;
using AmiOrchestrator.Domain.Cloud;

namespace AmiOrchestrator.Aws.Ec2;

/// <summary>
/// The EC2 calls of the engine, made with AWSSDK.EC2 (its own retries off) through the same call budget and retry
/// loop as the Query calls.
/// </summary>
internal sealed class Ec2Api(IAmazonEC2 client, Uri endpoint, CallPipeline pipeline, TokenBucket budget) : IDisposable
{
    public async Task<IReadOnlyList<MachineImage>> DescribeImagesAsync(ImageQuery query, CancellationToken cancellationToken)
    {
        var images = new List<MachineImage>();
        var seenTokens = new HashSet<string>(StringComparer.Ordinal);
        string? token = null;
        do
        {
            var request = Ec2Mapping.DescribeImages(query, token);
            var response = await CallAsync("DescribeImages", c => client.DescribeImagesAsync(request, c), cancellationToken);
            images.AddRange((response.Images ?? []).Select(Ec2Mapping.Image));
            token = string.IsNullOrEmpty(response.NextToken) ? null : response.NextToken;
            if (token is not null && !seenTokens.Add(token))
                throw InvalidResponse.Because($"DescribeImages returned the page token '{token}' twice");
        }
        while (token is not null);
        return images;
    }

    public async Task<LaunchTemplateVersion> DescribeLaunchTemplateVersionAsync(
        LaunchTemplateSpec template, string version, CancellationToken cancellationToken)
    {
        var request = Ec2Mapping.DescribeVersion(template, version);
        var response = await CallAsync("DescribeLaunchTemplateVersions", c => client.DescribeLaunchTemplateVersionsAsync(request, c), cancellationToken);
        var found = response.LaunchTemplateVersions?.FirstOrDefault();
        // EC2 reports a missing version itself; an empty answer is treated as the same refusal, in EC2's words.
        return found is not null
            ? Ec2Mapping.Version(found)
            : throw new CloudException(CloudError.FromAws(
                CloudErrorCodes.LaunchTemplateVersionNotFound,
                $"Could not find the specified version {version} for the launch template with ID {template.LaunchTemplateId ?? template.LaunchTemplateName}.",
                400));
    }

    public async Task<LaunchTemplateVersion> CreateLaunchTemplateVersionAsync(
        CreateLaunchTemplateVersionRequest request, CancellationToken cancellationToken)
    {
        var sdkRequest = Ec2Mapping.CreateVersion(request);
        var response = await CallAsync("CreateLaunchTemplateVersion", c => client.CreateLaunchTemplateVersionAsync(sdkRequest, c), cancellationToken);
        return response.LaunchTemplateVersion is { } created
            ? Ec2Mapping.Version(created)
            : throw InvalidResponse.Because("CreateLaunchTemplateVersion returned no <launchTemplateVersion>");
    }

    public async Task<LaunchTemplateVersion> CreateLaunchTemplateAsync(
        CreateLaunchTemplateRequest request, CancellationToken cancellationToken)
    {
        var sdkRequest = Ec2Mapping.CreateTemplate(request);
        var response = await CallAsync("CreateLaunchTemplate", c => client.CreateLaunchTemplateAsync(sdkRequest, c), cancellationToken);
        return response.LaunchTemplate is { } created
            ? Ec2Mapping.CreatedTemplate(created, request.Data)
            : throw InvalidResponse.Because("CreateLaunchTemplate returned no <launchTemplate>");
    }

    public void Dispose() => client.Dispose();

    private Task<T> CallAsync<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        pipeline.RunAsync(
            budget,
            "ec2",
            operation,
            async attemptToken =>
            {
                try
                {
                    return await call(attemptToken);
                }
                catch (Exception e) when (e is not CloudException && SdkFailure.From(e, endpoint, attemptToken) is { } failure)
                {
                    throw failure;
                }
            },
            cancellationToken);
}
