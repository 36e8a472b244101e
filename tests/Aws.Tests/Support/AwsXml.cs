namespace AmiOrchestrator.Aws.Tests.Support;

/// <summary>Canned AWS response documents, in the shapes of reference/aws.md.</summary>
internal static class AwsXml
{
    public const string AutoScalingNs = "http://autoscaling.amazonaws.com/doc/2011-01-01/";
    public const string ElbV2Ns = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";
    public const string ElbNs = "http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/";
    public const string StsNs = "https://sts.amazonaws.com/doc/2011-06-15/";
    public const string Ec2Ns = "http://ec2.amazonaws.com/doc/2016-11-15/";

    public static string Result(string action, string inner, string ns = AutoScalingNs) =>
        $"<{action}Response xmlns=\"{ns}\"><{action}Result>{inner}</{action}Result>"
        + $"<ResponseMetadata><RequestId>req-{action}</RequestId></ResponseMetadata></{action}Response>";

    public static string NoResult(string action, string ns = AutoScalingNs) =>
        $"<{action}Response xmlns=\"{ns}\"><ResponseMetadata><RequestId>req-{action}</RequestId></ResponseMetadata></{action}Response>";

    public static string QueryError(string code, string message, string type = "Sender", string requestId = "req-error") =>
        $"<ErrorResponse xmlns=\"{AutoScalingNs}\"><Error><Type>{type}</Type><Code>{code}</Code>"
        + $"<Message>{message}</Message></Error><RequestId>{requestId}</RequestId></ErrorResponse>";

    public static string Ec2Error(string code, string message, string requestId = "ec2-req-error") =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + $"<Response><Errors><Error><Code>{code}</Code><Message>{message}</Message></Error></Errors><RequestID>{requestId}</RequestID></Response>";

    public static string Ec2(string action, string inner) =>
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><{action}Response xmlns=\"{Ec2Ns}\"><requestId>ec2-{action}</requestId>{inner}</{action}Response>";

    public static string Group(string name, int desired = 0, string extra = "") =>
        $"<member><AutoScalingGroupName>{name}</AutoScalingGroupName><MinSize>0</MinSize><MaxSize>10</MaxSize>"
        + $"<DesiredCapacity>{desired}</DesiredCapacity><CreatedTime>2026-01-02T03:04:05.678Z</CreatedTime>{extra}</member>";
}
