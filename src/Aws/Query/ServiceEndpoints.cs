using Amazon;

namespace AmiOrchestrator.Aws.Query;

/// <summary>
/// Where a service of a region is reached: <c>https://{prefix}.{region}.{dnsSuffix}/</c> with the partition's DNS
/// suffix (<c>amazonaws.com</c>, <c>amazonaws.com.cn</c>, …), or one configured endpoint for every service. The
/// SDK v4 has no per-service endpoint lookup outside its generated clients, hence the template.
/// </summary>
internal static class ServiceEndpoints
{
    public static Uri For(string endpointPrefix, RegionEndpoint region, Uri? configured) =>
        configured ?? new Uri($"https://{endpointPrefix}.{region.SystemName}.{region.PartitionDnsSuffix}/");
}
