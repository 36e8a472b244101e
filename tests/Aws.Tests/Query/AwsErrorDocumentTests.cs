using System.Net;
using AmiOrchestrator.Aws.Query;
using AmiOrchestrator.Aws.Tests.Support;

namespace AmiOrchestrator.Aws.Tests.Query;

public sealed class AwsErrorDocumentTests
{
    [Fact]
    public void Query_error_document_gives_code_message_status_and_request_id()
    {
        var body = AwsXml.QueryError(
            "AlreadyExists", "AutoScalingGroup by this name already exists - A group with the name web already exists", requestId: "a85efedb");

        var error = AwsErrorDocument.Read(body, HttpStatusCode.BadRequest);

        Assert.Equal("AlreadyExists", error.Code);
        Assert.Equal("AutoScalingGroup by this name already exists - A group with the name web already exists", error.Message);
        Assert.Equal(400, error.HttpStatus);
        Assert.Equal("a85efedb", error.RequestId);
        Assert.False(error.Retryable);
    }

    [Fact]
    public void Ec2_error_document_with_capital_request_id_is_read_the_same_way()
    {
        var body = AwsXml.Ec2Error("InvalidAMIID.NotFound", "The image id '[ami-missing]' does not exist", "7a62c49f");

        var error = AwsErrorDocument.Read(body, HttpStatusCode.BadRequest);

        Assert.Equal("InvalidAMIID.NotFound", error.Code);
        Assert.Equal("The image id '[ami-missing]' does not exist", error.Message);
        Assert.Equal("7a62c49f", error.RequestId);
        Assert.False(error.Retryable);
    }

    [Theory]
    [InlineData("Throttling", 400, true)]
    [InlineData("RequestLimitExceeded", 503, true)]
    [InlineData("ResourceContention", 500, true)]
    [InlineData("ScalingActivityInProgress", 400, true)]
    [InlineData("ValidationError", 400, false)]
    [InlineData("SignatureDoesNotMatch", 403, false)]
    [InlineData("LimitExceeded", 400, false)]
    [InlineData("InternalFailure", 500, true)]
    public void Classification_follows_the_domain_rules(string code, int status, bool retryable)
    {
        var error = AwsErrorDocument.Read(AwsXml.QueryError(code, "m"), (HttpStatusCode)status);

        Assert.Equal(retryable, error.Retryable);
    }

    [Fact]
    public void Error_without_namespace_is_still_read()
    {
        const string body = "<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code><Message>bad</Message></Error><RequestId>r1</RequestId></ErrorResponse>";

        var error = AwsErrorDocument.Read(body, HttpStatusCode.BadRequest);

        Assert.Equal(("ValidationError", "bad", "r1"), (error.Code, error.Message, error.RequestId));
    }

    [Fact]
    public void Html_gateway_error_is_named_after_the_status_and_retryable()
    {
        var error = AwsErrorDocument.Read("<html><body>502 Bad Gateway</body>", HttpStatusCode.BadGateway, "hdr-id");

        Assert.Equal("Http502", error.Code);
        Assert.Equal(502, error.HttpStatus);
        Assert.Equal("hdr-id", error.RequestId);
        Assert.True(error.Retryable);
        Assert.Contains("502 Bad Gateway", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_body_on_a_client_error_is_not_retryable()
    {
        var error = AwsErrorDocument.Read(string.Empty, HttpStatusCode.Forbidden);

        Assert.Equal("Http403", error.Code);
        Assert.False(error.Retryable);
    }

    [Fact]
    public void Xml_that_is_not_an_error_document_falls_back_to_the_status()
    {
        var error = AwsErrorDocument.Read("<Something/>", HttpStatusCode.ServiceUnavailable);

        Assert.Equal("Http503", error.Code);
        Assert.True(error.Retryable);
    }
}
