using System.Text.Json;
using System.Text.Json.Nodes;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Web.Api;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AmiOrchestrator.Web.OpenApi;

/// <summary>The OpenAPI document's shape: its title, the bearer scheme the tokens use, and lists written as the arrays they are.</summary>
internal static class ApiDocument
{
    public const string Name = "v1";

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "AmiOrchestrator";
            document.Info.Description =
                "Deployments of new AMIs to Auto Scaling groups: list, inspect and follow them live, and send them commands. " +
                "Reads need Authorization: Bearer <Web:ReadToken> when the node sets one; commands always need the write token.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "Web:ReadToken for reads (when set), Web:WriteToken for commands",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] }];
            return Task.CompletedTask;
        });
        // The domain's lists and enums are written by converters of their own, which the schema generator cannot see
        // through: a ValueList<T> is a JSON array of T, and an enum is one of its camelCase names.
        options.AddSchemaTransformer(async (schema, context, cancellationToken) =>
        {
            var type = context.JsonTypeInfo.Type;
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueList<>))
            {
                schema.Type = JsonSchemaType.Array;
                schema.Properties?.Clear();
                schema.Items = await context.GetOrCreateSchemaAsync(type.GetGenericArguments()[0], null, cancellationToken);
            }
            else if (type.IsEnum)
            {
                schema.Type = JsonSchemaType.String;
                schema.Enum = [.. Enum.GetNames(type).Select(name => (JsonNode)JsonNamingPolicy.CamelCase.ConvertName(name))];
            }
        });
        // The list's parameters are bound as raw text (so each problem can name its parameter): the document says what they mean.
        options.AddOperationTransformer((operation, _, _) =>
        {
            foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
            {
                if (!ListParameters.Descriptions.TryGetValue(parameter.Name ?? "", out var description))
                    continue;
                parameter.Description = description;
                if (parameter.Name != ListParameters.RepeatableName)
                    parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String };
            }
            return Task.CompletedTask;
        });
    }
}
