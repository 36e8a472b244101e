using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Simulator.AutoScaling;
using AmiOrchestrator.Simulator.Protocol;
using AmiOrchestrator.Simulator.State;

namespace AmiOrchestrator.Simulator.Ec2;

/// <summary>The simulated EC2 API (2016-11-15): AMIs, launch templates and the instances groups launch.</summary>
internal sealed partial class Ec2Api : IQueryApi
{
    private static readonly string[] ImageFilters =
        ["name", "image-id", "state", "owner-id", "architecture", "is-public", "image-type", "description", "tag:", "tag-key", "tag-value"];

    private static readonly string[] InstanceFilters =
        ["instance-id", "image-id", "instance-state-name", "instance-type", "availability-zone", "subnet-id", "vpc-id", "tag:", "tag-key", "tag-value"];

    private static readonly string[] VersionFilters = ["is-default-version", "image-id", "instance-type", "kernel-id", "ram-disk-id"];

    private static readonly string[] TemplateFilters = ["launch-template-name", "create-time", "tag:", "tag-key", "tag-value"];

    public ServiceProfile Profile => ServiceProfile.Ec2;

    public IReadOnlyDictionary<string, Operation> Operations { get; } = new Dictionary<string, Operation>(StringComparer.Ordinal)
    {
        ["DescribeImages"] = DescribeImages,
        ["CreateLaunchTemplate"] = CreateLaunchTemplate,
        ["CreateLaunchTemplateVersion"] = CreateLaunchTemplateVersion,
        ["DescribeLaunchTemplateVersions"] = DescribeLaunchTemplateVersions,
        ["DescribeLaunchTemplates"] = DescribeLaunchTemplates,
        ["ModifyLaunchTemplate"] = ModifyLaunchTemplate,
        ["DeleteLaunchTemplateVersions"] = DeleteLaunchTemplateVersions,
        ["DescribeInstances"] = DescribeInstances,
    };

    private static OperationResult DescribeImages(OperationContext context)
    {
        var parameters = context.Parameters;
        Ec2Errors.RefuseDryRun(parameters);
        var owners = parameters.Strings("Owner");
        var filters = Ec2Filter.Read(parameters, ImageFilters);
        var (ids, pageSize) = IdsAndPageSize(
            parameters, "ImageId", ("ImageIds", "MaxResults"), Ec2Errors.ImageIdFormat, context.Region.Images.ContainsKey, Ec2Errors.ImagesNotFound);

        var images = context.Region.Images.Values
            .Where(i => ids.Count == 0 || ids.Contains(i.ImageId, StringComparer.Ordinal))
            .Where(i => owners.Count == 0 || owners.Any(o => o == i.OwnerId || (o == "self" && i.OwnerId == context.Caller.AccountId)))
            .Where(i => filters.All(f => f.MatchesTags(i.Tags) ?? f.Matches(ImageAttribute(i, f.Name))));
        var page = Pager.Take(images, i => i.ImageId, pageSize, parameters["NextToken"], "DescribeImages", InvalidToken);
        return OperationResult.Of(
            new XElement("imagesSet", page.Items.Select(Ec2Xml.Image)),
            Xml.Text("nextToken", page.NextToken));
    }

    private static OperationResult CreateLaunchTemplate(OperationContext context)
    {
        var parameters = context.Parameters;
        Ec2Errors.RefuseDryRun(parameters);
        var region = context.Region;
        var name = parameters.Required("LaunchTemplateName");
        if (!TemplateNamePattern().IsMatch(name))
        {
            throw new AwsException(
                "InvalidLaunchTemplateName.MalformedException",
                "A launch template name must be between 3 and 128 characters, and may contain letters, numbers, and the following characters: - ( ) . / _.'");
        }
        if (!parameters.Has("LaunchTemplateData"))
            throw parameters.Missing("LaunchTemplateData");
        var token = parameters["ClientToken"];
        if (token is not null && region.LaunchTemplatesByClientToken.TryGetValue(token, out var earlierId))
            return OperationResult.Of(Ec2Xml.Template("launchTemplate", region.LaunchTemplates[earlierId]));
        if (region.LaunchTemplates.Values.Any(t => t.LaunchTemplateName == name))
            throw new AwsException("InvalidLaunchTemplateName.AlreadyExistsException", "Launch template name already in use.");
        var data = TemplateData(parameters);

        var template = new LaunchTemplateRecord
        {
            LaunchTemplateId = region.Ids.Next("lt-"),
            LaunchTemplateName = name,
            CreateTime = context.Now,
            CreatedBy = context.Caller.Arn,
            Tags = TemplateTags(parameters),
        };
        template.AddVersion(parameters["VersionDescription"], context.Now, context.Caller.Arn, data);
        region.LaunchTemplates[template.LaunchTemplateId] = template;
        if (token is not null)
            region.LaunchTemplatesByClientToken[token] = template.LaunchTemplateId;
        return OperationResult.Of(Ec2Xml.Template("launchTemplate", template));
    }

    /// <summary>
    /// A new version: with SourceVersion, the source's data with the supplied fields written over it; a ClientToken
    /// seen before returns the version that token created (the engine retries with the same token after a crash).
    /// </summary>
    private static OperationResult CreateLaunchTemplateVersion(OperationContext context)
    {
        var parameters = context.Parameters;
        Ec2Errors.RefuseDryRun(parameters);
        var template = FindTemplate(context.Region, parameters, required: true)!;
        var token = parameters["ClientToken"];
        if (token is not null && template.VersionsByClientToken.TryGetValue(token, out var earlier))
            return OperationResult.Of(Ec2Xml.Version("launchTemplateVersion", template, template.Resolve(earlier.ToString(CultureInfo.InvariantCulture))!));
        if (!parameters.Has("LaunchTemplateData"))
            throw parameters.Missing("LaunchTemplateData");
        var supplied = TemplateData(parameters);
        var data = supplied;
        if (parameters["SourceVersion"] is { } sourceVersion)
        {
            var source = template.Resolve(sourceVersion) ?? throw Ec2Errors.VersionNotFound(sourceVersion, template.LaunchTemplateId);
            data = LaunchTemplateVersionRecord.Inherit(source.Data, supplied);
        }
        var version = template.AddVersion(parameters["VersionDescription"], context.Now, context.Caller.Arn, data);
        if (token is not null)
            template.VersionsByClientToken[token] = version.Number;
        return OperationResult.Of(Ec2Xml.Version("launchTemplateVersion", template, version));
    }

    private static OperationResult DescribeLaunchTemplateVersions(OperationContext context)
    {
        var parameters = context.Parameters;
        Ec2Errors.RefuseDryRun(parameters);
        var requested = parameters.Strings("LaunchTemplateVersion");
        var filters = Ec2Filter.Read(parameters, VersionFilters);
        var pageSize = Pager.Size(parameters, "MaxResults", 200, 1, 200);
        var template = FindTemplate(context.Region, parameters, required: false);
        IEnumerable<LaunchTemplateRecord> templates;
        if (template is not null)
            templates = [template];
        else if (requested.Count > 0 && requested.All(v => v is "$Latest" or "$Default"))
            templates = context.Region.LaunchTemplates.Values; // AWS allows naming only the aliases to see them for every template.
        else
            throw parameters.Missing("LaunchTemplateId");

        var minVersion = parameters.Long("MinVersion");
        var maxVersion = parameters.Long("MaxVersion");
        var versions = new List<(LaunchTemplateRecord Template, LaunchTemplateVersionRecord Version)>();
        foreach (var each in templates)
        {
            if (requested.Count > 0)
            {
                foreach (var version in requested)
                    versions.Add((each, each.Resolve(version) ?? throw Ec2Errors.VersionNotFound(version, each.LaunchTemplateId)));
            }
            else
            {
                versions.AddRange(each.Versions
                    .Where(v => (minVersion is null || v.Number >= minVersion) && (maxVersion is null || v.Number <= maxVersion))
                    .Select(v => (each, v)));
            }
        }
        var matching = versions
            .DistinctBy(v => (v.Template.LaunchTemplateId, v.Version.Number))
            .Where(v => filters.All(f => f.Matches(VersionAttribute(v.Template, v.Version, f.Name))));
        var page = Pager.Take(
            matching,
            v => v.Template.LaunchTemplateId + "\n" + Pager.Ascending(v.Version.Number),
            pageSize,
            parameters["NextToken"],
            "DescribeLaunchTemplateVersions",
            InvalidToken);
        return OperationResult.Of(
            new XElement("launchTemplateVersionSet", page.Items.Select(v => Ec2Xml.Version("item", v.Template, v.Version))),
            Xml.Text("nextToken", page.NextToken));
    }

    private static OperationResult DescribeLaunchTemplates(OperationContext context)
    {
        var parameters = context.Parameters;
        Ec2Errors.RefuseDryRun(parameters);
        var ids = parameters.Strings("LaunchTemplateId");
        var names = parameters.Strings("LaunchTemplateName");
        var filters = Ec2Filter.Read(parameters, TemplateFilters);
        var pageSize = Pager.Size(parameters, "MaxResults", 200, 1, 200);
        var templates = context.Region.LaunchTemplates;
        if (ids.Any(id => !templates.ContainsKey(id)))
            throw new AwsException("InvalidLaunchTemplateId.NotFound", "At least one of the launch templates specified in the request does not exist.");
        if (names.Any(name => templates.Values.All(t => t.LaunchTemplateName != name)))
            throw new AwsException("InvalidLaunchTemplateName.NotFoundException", "At least one of the launch templates specified in the request does not exist.");
        var matching = templates.Values
            .Where(t => ids.Count == 0 || ids.Contains(t.LaunchTemplateId, StringComparer.Ordinal))
            .Where(t => names.Count == 0 || names.Contains(t.LaunchTemplateName, StringComparer.Ordinal))
            .Where(t => filters.All(f => f.MatchesTags(t.Tags) ?? f.Matches(f.Name == "create-time" ? AwsTime.Format(t.CreateTime) : t.LaunchTemplateName)));
        var page = Pager.Take(matching, t => t.LaunchTemplateId, pageSize, parameters["NextToken"], "DescribeLaunchTemplates", InvalidToken);
        return OperationResult.Of(
            new XElement("launchTemplates", page.Items.Select(t => Ec2Xml.Template("item", t))),
            Xml.Text("nextToken", page.NextToken));
    }

    /// <summary>Changes a template's default version ($Default), the only thing ModifyLaunchTemplate changes.</summary>
    private static OperationResult ModifyLaunchTemplate(OperationContext context)
    {
        var parameters = context.Parameters;
        Ec2Errors.RefuseDryRun(parameters);
        var template = FindTemplate(context.Region, parameters, required: true)!;
        if (parameters["SetDefaultVersion"] is { } version)
            template.DefaultVersion = (template.Resolve(version) ?? throw Ec2Errors.VersionNotFound(version, template.LaunchTemplateId)).Number;
        return OperationResult.Of(Ec2Xml.Template("launchTemplate", template));
    }

    /// <summary>
    /// Deletes versions one by one, reporting each as deleted or not with EC2's per-version error codes: the default
    /// version cannot be deleted, and a version that does not exist is reported, not refused.
    /// </summary>
    private static OperationResult DeleteLaunchTemplateVersions(OperationContext context)
    {
        var parameters = context.Parameters;
        Ec2Errors.RefuseDryRun(parameters);
        var template = FindTemplate(context.Region, parameters, required: true)!;
        var requested = parameters.Strings("LaunchTemplateVersion");
        if (requested.Count == 0)
            throw parameters.Missing("LaunchTemplateVersion");
        if (requested.Count > 200)
            throw new AwsException("InvalidParameterValue", "You can specify up to 200 launch template versions in a single request.");
        var deleted = new List<XElement>();
        var refused = new List<XElement>();
        foreach (var text in requested)
        {
            XElement Item(string name, params object?[] content) => new(
                name,
                new XElement("launchTemplateId", template.LaunchTemplateId),
                new XElement("launchTemplateName", template.LaunchTemplateName),
                content);
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || template.Resolve(text) is null)
            {
                refused.Add(Item("item", new XElement("versionNumber", text), Error("launchTemplateVersionDoesNotExist", "The specified launch template version does not exist.")));
                continue;
            }
            if (number == template.DefaultVersion)
            {
                refused.Add(Item("item", Xml.Number("versionNumber", number), Error("unexpectedError", "Cannot delete the default version of a launch template. To delete the default version, you must delete the launch template.")));
                continue;
            }
            template.Versions.RemoveAll(v => v.Number == number);
            deleted.Add(Item("item", Xml.Number("versionNumber", number)));
        }
        return OperationResult.Of(
            new XElement("successfullyDeletedLaunchTemplateVersionSet", deleted),
            new XElement("unsuccessfullyDeletedLaunchTemplateVersionSet", refused));

        static XElement Error(string code, string message) => new("responseError", new XElement("code", code), new XElement("message", message));
    }

    private static OperationResult DescribeInstances(OperationContext context)
    {
        var parameters = context.Parameters;
        Ec2Errors.RefuseDryRun(parameters);
        var filters = Ec2Filter.Read(parameters, InstanceFilters);
        var (ids, pageSize) = IdsAndPageSize(
            parameters, "InstanceId", ("instanceIds", "maxResults"), Ec2Errors.InstanceIdFormat, context.Region.Instances.ContainsKey, Ec2Errors.InstancesNotFound);

        var now = context.Now;
        var instances = context.Region.Instances.Values
            .Where(i => ids.Count == 0 || ids.Contains(i.InstanceId, StringComparer.Ordinal))
            .Where(i => filters.All(f => f.MatchesTags(i.Tags) ?? f.Matches(InstanceAttribute(i, f.Name, now))));
        var page = Pager.Take(instances, i => i.InstanceId, pageSize, parameters["NextToken"], "DescribeInstances", InvalidToken);
        return OperationResult.Of(
            new XElement("reservationSet", page.Items.Select(i => Ec2Xml.Reservation(context.Region.AccountId, i, now))),
            Xml.Text("nextToken", page.NextToken));
    }

    // Describing by id and paging exclude each other (EC2 names them differently per operation, hence the pair), every
    // id must be well formed, and an unknown id fails the whole call, as in EC2.
    private static (IReadOnlyList<string> Ids, int PageSize) IdsAndPageSize(
        QueryParameters parameters,
        string idParameter,
        (string Ids, string MaxResults) combinationNames,
        Action<string> checkFormat,
        Func<string, bool> exists,
        Func<List<string>, AwsException> notFound)
    {
        var ids = parameters.Strings(idParameter);
        if (ids.Count > 0 && parameters["MaxResults"] is not null)
            throw Ec2Errors.Combination(combinationNames.Ids, combinationNames.MaxResults);
        var pageSize = parameters["MaxResults"] is null ? int.MaxValue : Pager.Size(parameters, "MaxResults", 1000, 5, 1000);
        foreach (var id in ids)
            checkFormat(id);
        var missing = ids.Where(id => !exists(id)).Distinct(StringComparer.Ordinal).ToList();
        return missing.Count > 0 ? throw notFound(missing) : (ids, pageSize);
    }

    private static LaunchTemplateRecord? FindTemplate(RegionState region, QueryParameters parameters, bool required)
    {
        var id = parameters["LaunchTemplateId"];
        var name = parameters["LaunchTemplateName"];
        if (id is not null && name is not null)
            throw Ec2Errors.Combination("LaunchTemplateId", "LaunchTemplateName");
        if (id is not null)
            return region.FindLaunchTemplate(id, null) ?? throw Ec2Errors.TemplateIdNotFound(id);
        if (name is not null)
            return region.FindLaunchTemplate(null, name) ?? throw Ec2Errors.TemplateNameNotFound(name);
        return required
            ? throw new AwsException("MissingParameter", "The request must contain the parameter LaunchTemplateName or LaunchTemplateId")
            : null;
    }

    private static ValueMap TemplateData(QueryParameters parameters)
    {
        var data = parameters.Struct("LaunchTemplateData").Flatten();
        if (data.GetValueOrDefault("ImageId") is { } imageId)
            Ec2Errors.ImageIdFormat(imageId);
        if (data.GetValueOrDefault("UserData") is { } userData)
            Ec2Errors.UserDataFormat(userData);
        return data;
    }

    /// <summary>The tags of the template itself: TagSpecification entries for resource type launch-template.</summary>
    private static ValueMap TemplateTags(QueryParameters parameters) =>
        ValueMap.From(parameters.Structs("TagSpecification")
            .Where(s => s["ResourceType"] == "launch-template")
            .SelectMany(s => s.Structs("Tag"))
            .Select(t => KeyValuePair.Create(t.Required("Key"), t["Value"] ?? string.Empty))
            .DistinctBy(t => t.Key));

    private static string? ImageAttribute(MachineImageRecord image, string filter) => filter switch
    {
        "name" => image.Name,
        "image-id" => image.ImageId,
        "state" => image.State,
        "owner-id" => image.OwnerId,
        "architecture" => image.Architecture,
        "is-public" => image.IsPublic ? "true" : "false",
        "image-type" => "machine",
        "description" => image.Description,
        _ => null,
    };

    private static string? InstanceAttribute(SimulatedInstance instance, string filter, DateTimeOffset now) => filter switch
    {
        "instance-id" => instance.InstanceId,
        "image-id" => instance.ImageId,
        "instance-state-name" => instance.Ec2State(now).Name,
        "instance-type" => instance.InstanceType,
        "availability-zone" => instance.AvailabilityZone,
        "subnet-id" => instance.SubnetId,
        "vpc-id" => Ec2Xml.VpcId,
        _ => null,
    };

    private static string? VersionAttribute(LaunchTemplateRecord template, LaunchTemplateVersionRecord version, string filter) => filter switch
    {
        "is-default-version" => version.Number == template.DefaultVersion ? "true" : "false",
        "image-id" => version.ImageId,
        "instance-type" => version.InstanceType,
        "kernel-id" => version.Data.GetValueOrDefault("KernelId"),
        "ram-disk-id" => version.Data.GetValueOrDefault("RamDiskId"),
        _ => null,
    };

    private static AwsException InvalidToken() =>
        new("InvalidPaginationToken", "The specified pagination token is not valid or is expired.");

    [GeneratedRegex(@"^[a-zA-Z0-9\(\)\.\-/_]{3,128}$")]
    private static partial Regex TemplateNamePattern();
}
