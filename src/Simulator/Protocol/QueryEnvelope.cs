using System.Xml.Linq;

namespace AmiOrchestrator.Simulator.Protocol;

/// <summary>The XML envelopes of both Query dialects, for answers and for errors (reference/aws.md §1.3, §1.5, §2.1).</summary>
internal static class QueryEnvelope
{
    private const string XmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    public static string Success(ServiceProfile service, string action, OperationResult result, string requestId)
    {
        XNamespace ns = service.XmlNamespace;
        XElement root;
        if (service.IsEc2)
        {
            // EC2 puts the members straight under the root, after a lower-case requestId.
            root = new XElement(action + "Response", new XElement("requestId", requestId), result.Members);
            return XmlDeclaration + InNamespace(root, ns).ToString(SaveOptions.DisableFormatting);
        }
        root = new XElement(
            action + "Response",
            result.Members is null ? null : new XElement(action + "Result", result.Members),
            new XElement("ResponseMetadata", new XElement("RequestId", requestId)));
        return InNamespace(root, ns).ToString(SaveOptions.DisableFormatting);
    }

    public static string Error(ServiceProfile service, AwsException error, string requestId)
    {
        if (service.IsEc2)
        {
            // No namespace, no Type, and a capital-ID RequestID: EC2's own error shape.
            var response = new XElement(
                "Response",
                new XElement("Errors", new XElement("Error", new XElement("Code", error.Code), new XElement("Message", error.Message))),
                new XElement("RequestID", requestId));
            return XmlDeclaration + response.ToString(SaveOptions.DisableFormatting);
        }
        var root = new XElement(
            "ErrorResponse",
            new XElement(
                "Error",
                new XElement("Type", error.SenderFault ? "Sender" : "Receiver"),
                new XElement("Code", error.Code),
                new XElement("Message", error.Message)),
            new XElement("RequestId", requestId));
        return InNamespace(root, service.XmlNamespace).ToString(SaveOptions.DisableFormatting);
    }

    private static XElement InNamespace(XElement root, XNamespace ns)
    {
        foreach (var element in root.DescendantsAndSelf())
            element.Name = ns + element.Name.LocalName;
        return root;
    }
}
