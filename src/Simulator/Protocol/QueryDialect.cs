namespace AmiOrchestrator.Simulator.Protocol;

/// <summary>
/// The two flavours of the AWS Query protocol: awsQuery (Auto Scaling, ELB, STS: lists as <c>X.member.N</c>,
/// results wrapped in <c>{Op}Result</c>) and ec2Query (lists as <c>X.N</c>, lowerCamel elements, no wrapper).
/// </summary>
internal enum QueryDialect
{
    AwsQuery,
    Ec2,
}
