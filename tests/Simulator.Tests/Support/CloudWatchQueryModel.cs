using System.IO.Compression;
using System.Text.Json.Nodes;

namespace AmiOrchestrator.Simulator.Tests.Support;

/// <summary>
/// The AWS CLI (botocore 1.43) speaks CloudWatch in smithy-rpc-v2-cbor, which the simulator does not serve; the model
/// also declares the Query protocol (awsQueryCompatible). At test time this copies the installed botocore's own
/// CloudWatch model into a temporary AWS_DATA_PATH with Query as its only protocol, so the unchanged CLI talks Query
/// to the simulator. Nothing is fetched or committed: the model is the one the machine's CLI already has.
/// </summary>
internal static class CloudWatchQueryModel
{
    private static readonly Lazy<Task<string>> DataPathOnce = new(CreateAsync);

    public static Task<string> DataPathAsync() => DataPathOnce.Value;

    private static async Task<string> CreateAsync()
    {
        var version = await AwsCli.RunToolAsync("aws", "--version");
        var probe = await AwsCli.RunToolAsync(
            "python3", "-c", "import botocore, os; print(botocore.__version__); print(os.path.dirname(botocore.__file__))");
        var lines = probe.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(probe.ExitCode == 0 && lines.Length == 2, $"python3 cannot locate botocore: {probe.StandardError}");
        // The model must be the one the CLI itself loads, not another botocore's.
        Assert.Contains($"botocore/{lines[0]}", version.StandardOutput + version.StandardError, StringComparison.Ordinal);

        var models = Path.Combine(lines[1], "data", "cloudwatch", "2010-08-01");
        var compressed = Path.Combine(models, "service-2.json.gz");
        JsonNode model;
        if (File.Exists(compressed))
        {
            await using var file = File.OpenRead(compressed);
            await using var gzip = new GZipStream(file, CompressionMode.Decompress);
            model = (await JsonNode.ParseAsync(gzip))!;
        }
        else
        {
            await using var file = File.OpenRead(Path.Combine(models, "service-2.json"));
            model = (await JsonNode.ParseAsync(file))!;
        }
        var metadata = model["metadata"]!.AsObject();
        Assert.True(metadata["awsQueryCompatible"] is not null, "The installed CloudWatch model no longer declares itself awsQuery-compatible.");
        metadata["protocol"] = "query";
        metadata["protocols"] = new JsonArray("query");

        var root = Directory.CreateTempSubdirectory("cloudwatch-query-model-").FullName;
        var target = Directory.CreateDirectory(Path.Combine(root, "cloudwatch", "2010-08-01")).FullName;
        await File.WriteAllTextAsync(Path.Combine(target, "service-2.json"), model.ToJsonString());
        return root;
    }
}
