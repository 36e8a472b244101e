using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Specs;
using AmiOrchestrator.Domain.Tests.Builders;

namespace AmiOrchestrator.Domain.Tests.Specs;

/// <summary>The published JSON Schema and the spec records describe the same fields, so neither drifts from the other.</summary>
public class SpecSchemaTests
{
    private static readonly JsonObject Schema =
        JsonNode.Parse(File.ReadAllText(SampleSpecs.RepositoryFile("deploy", "schema", "deployment-spec.schema.json")))!.AsObject();

    [Fact]
    public void Every_object_in_the_schema_has_exactly_the_fields_of_its_record()
    {
        var mismatches = new List<string>();
        Compare(typeof(DeploymentSpec), Schema, "$", mismatches);

        Assert.Empty(mismatches);
    }

    [Fact]
    public void The_schema_lists_every_enum_value_the_reader_accepts()
    {
        var properties = Schema["properties"]!;
        Assert.Equal(Names<StrategyType>(), Enum(properties["strategy"]!["properties"]!["type"]!));
        Assert.Equal(Names<CapacityMode>(), Enum(properties["capacity"]!["properties"]!["mode"]!));
        Assert.Equal(Names<ResizeStrategy>(), Enum(properties["resizeStrategy"]!));
        Assert.Equal(Names<LineageTagMode>(), Enum(properties["infrastructure"]!["properties"]!["lineageTag"]!));
    }

    private static string[] Names<T>() where T : struct, Enum => CamelCaseEnumConverter<T>.Accepted.Split(", ");

    private static string[] Enum(JsonNode node) => node["enum"]!.AsArray().Select(v => v!.GetValue<string>()).ToArray();

    private static void Compare(Type type, JsonObject schema, string path, List<string> mismatches)
    {
        schema = Resolve(schema);
        var recordFields = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name), p => p, StringComparer.Ordinal);
        var schemaFields = schema["properties"]?.AsObject() ?? [];
        foreach (var missing in recordFields.Keys.Except(schemaFields.Select(f => f.Key)))
            mismatches.Add($"{path}.{missing} is in the record but not the schema");
        foreach (var extra in schemaFields.Select(f => f.Key).Except(recordFields.Keys))
            mismatches.Add($"{path}.{extra} is in the schema but not the record");
        if (schema["additionalProperties"]?.GetValue<bool>() != false)
            mismatches.Add($"{path} must refuse unknown fields like the reader does");
        foreach (var (name, property) in recordFields)
        {
            if (schemaFields[name] is not JsonObject fieldSchema)
                continue;
            var fieldType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (fieldType.IsGenericType && fieldType.GetGenericTypeDefinition() == typeof(ValueList<>))
            {
                var element = fieldType.GetGenericArguments()[0];
                if (IsRecord(element))
                    Compare(element, Resolve(fieldSchema)["items"]!.AsObject(), $"{path}.{name}[]", mismatches);
            }
            else if (IsRecord(fieldType))
            {
                Compare(fieldType, fieldSchema, $"{path}.{name}", mismatches);
            }
        }
    }

    private static bool IsRecord(Type type) =>
        type.Namespace == typeof(DeploymentSpec).Namespace && type.IsClass && type.GetMethod("<Clone>$") is not null;

    private static JsonObject Resolve(JsonObject schema) =>
        schema["$ref"]?.GetValue<string>() is { } reference
            ? Schema["$defs"]![reference["#/$defs/".Length..]]!.AsObject()
            : schema;
}
